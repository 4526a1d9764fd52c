// Opens the TrialMonitor console in headless Debian Chromium, runs the first default tab (the cohort
// tables of the demo trial) and waits for Table 3 in the result pane; saves a screenshot.
// Usage: node run-cohort-query.mjs <baseUrl> [screenshot.png]     exit code 0 = the tables were shown
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

const [baseUrl, screenshot = '.data/test-results/console.png'] = process.argv.slice(2);
if (!baseUrl) {
  console.error('usage: node run-cohort-query.mjs <baseUrl> [screenshot.png]');
  process.exit(2);
}
const expected = ['CR/6+', 'PR/17', 'KAN-21'];
const timeout = 60_000;

const profile = mkdtempSync(join(tmpdir(), 'trialmonitor-console-'));
// A fresh profile each run: GraphiQL keeps its tabs in localStorage.
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
let page;
try {
  page = browser.pages()[0] ?? await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console error: ${message.text()}`));

  await page.goto(new URL('/console', baseUrl).href, { waitUntil: 'load', timeout });
  // The first default tab holds the cohort query; wait until the editor shows it, then run it.
  await page.locator('.graphiql-query-editor').getByText('CohortTables').first().waitFor({ timeout });
  await page.locator('.graphiql-execute-button').click({ timeout });

  // The result pane is a CodeMirror editor that renders only the lines in view: read its whole text.
  const resultText = () => document.querySelector('.result-window .CodeMirror')?.CodeMirror?.getValue() ?? '';
  await page.waitForFunction(
    ([read, texts]) => texts.every((text) => new Function(`return (${read})()`)().includes(text)),
    [resultText.toString(), expected], { timeout, polling: 250 });
  const shown = await page.evaluate(resultText);
  // The schema docs (introspection) must load too.
  await page.locator('button[aria-label="Show Documentation Explorer"]').click({ timeout });
  await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor({ timeout });

  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: false });
  console.log(`console OK: result shows ${expected.join(', ')}; ${shown.length} characters; screenshot ${screenshot}`);
  if (problems.length) console.log(problems.join('\n'));
} catch (error) {
  console.error(`console FAILED: ${error.message}`);
  if (page) {
    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot }).catch(() => {});
  }
  process.exitCode = 1;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
