import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Built into the API's web root; the API serves it at /console (see src/TrialMonitor.Api/Console).
export default defineConfig({
  base: '/console/',
  build: {
    outDir: fileURLToPath(new URL('../TrialMonitor.Api/wwwroot/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      // GraphiQL's UI libraries start with "use client" (for React server components); a plain bundle ignores it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
