import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The trial pages, built beside the console into the API's web root; the API serves them at /app (see src/TrialMonitor.Api/Console).
export default defineConfig({
  root: fileURLToPath(new URL('./app', import.meta.url)),
  base: '/app/',
  build: {
    outDir: fileURLToPath(new URL('../TrialMonitor.Api/wwwroot/app', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
});
