// Opens the TrialMonitor console in headless Debian Chromium against a running API with the demo cohort:
//  1. runs the first default tab (the cohort tables) and waits for Table 3 in the result pane;
//  2. opens the docs, which must come from the server's live introspection (not the bundled schema.graphql);
//  3. starts the "Watch the cohort" tab (cohortChanged over graphql-transport-ws), records a karyotype by
//     POSTing the "Record a karyotype" mutation to /graphql, and waits for the pushed tables in that tab;
//  4. in a second page whose introspection requests are refused, checks the logged fallback to schema.graphql.
// Any page error (an uncaught exception) or console error on either page fails the run, except the few
// listed below with the reason they are benign.
// Saves a screenshot. Every wait is bounded and waits on page content, never a fixed sleep.
// Every request needs a token (TRIALMONITOR_TOKEN): it is pasted into each tab's Headers editor, as a user would.
// Usage: TRIALMONITOR_TOKEN=... node run-cohort-query.mjs <baseUrl> [screenshot.png]     exit code 0 = all of the above were shown
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
const graphqlUrl = new URL('/graphql', baseUrl).href;
const demoPatientId = '2c0a8c7c-4d78-fffb-9537-bb51ac6444f2'; // KAN-01 of the demo trial
const token = process.env.TRIALMONITOR_TOKEN;
if (!token) {
  console.error('TRIALMONITOR_TOKEN is not set (mint one with ./ops/token coordinator --site MDACC)');
  process.exit(2);
}

const problems = [];

// Records every page error and console error of a page that `benign(text, url)` does not explain.
function recordErrors(target, name, benign) {
  target.on('pageerror', (error) => problems.push(`${name}: page error: ${error.message}`));
  target.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url } = message.location();
    if (!benign(message.text(), url)) problems.push(`${name}: console error: ${message.text()}${url ? ` (${url})` : ''}`);
  });
}

// Chromium asks for /favicon.ico on its own; the console declares no icon and the API serves none: a 404
// that no user action causes and that changes nothing on the page.
const faviconMissing = (text, url) => url === new URL('/favicon.ico', baseUrl).href && text.includes('status of 404');

// GraphiQL keeps headers per tab: paste {"Authorization": "Bearer <token>"} into the open tab's Headers editor.
async function pasteToken(page) {
  await page.locator('button[data-name="headers"]').click({ timeout });
  const editor = '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror';
  await page.locator(editor).waitFor({ timeout });
  await page.evaluate(([selector, headers]) => document.querySelector(selector).CodeMirror.setValue(headers),
    [editor, JSON.stringify({ Authorization: `Bearer ${token}` })]);
}

// The "Record a karyotype" tab's mutation, sent over HTTP; a fresh entry key each time, so each appends.
async function recordKaryotype(attempt) {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `mutation RecordAKaryotype($patientId: ID!, $entryKey: String!, $cytogenetics: CytogeneticAssessmentInput!) {
        recordCytogenetics(patientId: $patientId, entryKey: $entryKey, cytogenetics: $cytogenetics) { entryKey alreadyRecorded }
      }`,
      variables: {
        patientId: demoPatientId,
        entryKey: `CYTO-BROWSER-${process.pid}-${attempt}`,
        cytogenetics: { collectedOn: '2002-09-01', phPositivePercent: 0, method: 'KARYOTYPE', cellsAnalysed: 20, clonalEvolution: false },
      },
    }),
  });
  const body = await response.json();
  if (!body.data?.recordCytogenetics || body.errors) {
    throw new Error(`the karyotype mutation failed (${response.status}): ${JSON.stringify(body)}`);
  }
}

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
  recordErrors(page, 'console page', faviconMissing);

  await page.goto(new URL('/console', baseUrl).href, { waitUntil: 'load', timeout });
  // The first default tab holds the cohort query; wait until the editor shows it, then run it.
  await page.locator('.graphiql-query-editor').getByText('CohortTables').first().waitFor({ timeout });
  await pasteToken(page);
  await page.locator('.graphiql-execute-button').click({ timeout });

  // The result pane is a CodeMirror editor that renders only the lines in view: read its whole text.
  const resultText = () => document.querySelector('.result-window .CodeMirror')?.CodeMirror?.getValue() ?? '';
  await page.waitForFunction(
    ([read, texts]) => texts.every((text) => new Function(`return (${read})()`)().includes(text)),
    [resultText.toString(), expected], { timeout, polling: 250 });
  const shown = await page.evaluate(resultText);
  const resultIncludes = (texts) => page.waitForFunction(
    ([read, wanted]) => wanted.every((text) => new Function(`return (${read})()`)().includes(text)),
    [resultText.toString(), texts], { timeout, polling: 250 });
  // The schema docs must load, from the live introspection: the console marks where its schema came from.
  await page.locator('button[aria-label="Show Documentation Explorer"]').click({ timeout });
  await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor({ timeout });
  await page.waitForFunction(() => document.body.dataset.schemaSource, null, { timeout, polling: 100 });
  const schemaSource = await page.evaluate(() => document.body.dataset.schemaSource);
  if (schemaSource !== 'live') throw new Error(`the docs come from the ${schemaSource} schema, not from live introspection`);
  // Subscription fields are listed by the docs from the live schema too.
  await page.locator('.graphiql-doc-explorer').getByText('Subscription', { exact: true }).first().waitFor({ timeout });

  // The "Watch the cohort" tab: start the subscription; its result pane stays empty until a change is pushed.
  await page.locator('.graphiql-tab', { hasText: 'WatchTheCohort' }).first().click({ timeout });
  await page.locator('.graphiql-query-editor').getByText('cohortChanged').first().waitFor({ timeout });
  await pasteToken(page); // its socket sends the token in graphql-ws connectionParams
  // GraphiQL takes the operation name from the query editor, which it updates 100 ms (debounced) after a tab
  // switch: run before that and it sends the previous tab's name. Wait until the editor names this operation.
  await page.waitForFunction(
    () => document.querySelector('.graphiql-query-editor .CodeMirror')?.CodeMirror?.operationName === 'WatchTheCohort',
    null, { timeout, polling: 50 });
  await page.locator('.graphiql-execute-button').click({ timeout });
  // The socket may still be subscribing when the first change commits: record karyotypes (each a new
  // entry) until a pushed result shows, each time waiting a bounded while for it.
  let pushed = false;
  for (let attempt = 1; attempt <= 10 && !pushed; attempt++) {
    await recordKaryotype(attempt);
    pushed = await page.waitForFunction(
      (read) => new Function(`return (${read})()`)().includes('cohortChanged'),
      resultText.toString(), { timeout: 3_000, polling: 100 }).then(() => true, () => false);
  }
  if (!pushed) throw new Error('no cohortChanged result was pushed to the "Watch the cohort" tab after 10 karyotypes');
  await resultIncludes(['cohortChanged', 'table3', 'KAN-01']);
  const pushedText = await page.evaluate(resultText);

  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: false });

  // 4. The fallback: a server that refuses introspection leaves the console on its bundled schema.graphql,
  //    with a warning in the browser console.
  const refusing = await browser.newPage();
  const warnings = [];
  refusing.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  // Chromium logs each response this test refuses with 400 as a failed load: as many as were refused, no more.
  let refused = 0;
  let refusalsLogged = 0;
  recordErrors(refusing, 'fallback page', (text, url) => faviconMissing(text, url)
    || (url === graphqlUrl && text.includes('status of 400') && ++refusalsLogged <= refused));
  await refusing.route('**/graphql', (route) => {
    if (route.request().postDataJSON()?.operationName !== 'IntrospectionQuery') return route.continue();
    refused++;
    return route.fulfill({ status: 400, contentType: 'application/json', body: '{"errors":[{"message":"introspection refused by the test"}]}' });
  });
  await refusing.goto(new URL('/console', baseUrl).href, { waitUntil: 'load', timeout });
  await refusing.waitForFunction(() => document.body.dataset.schemaSource === 'bundled', null, { timeout, polling: 100 });
  // The docs stay open from the first page (GraphiQL keeps that in the profile's storage); open them if not.
  const docsButton = refusing.locator('button[aria-label="Show Documentation Explorer"]');
  await docsButton.waitFor({ timeout });
  if (!(await refusing.locator('.graphiql-doc-explorer').isVisible())) await docsButton.click({ timeout });
  await refusing.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor({ timeout });
  if (!warnings.some((text) => text.includes('bundled schema.graphql'))) {
    throw new Error(`the fallback to the bundled schema was not logged (warnings: ${JSON.stringify(warnings)})`);
  }
  await refusing.close();
  if (problems.length) throw new Error(`errors in the browser:\n${problems.join('\n')}`);
  console.log(`console OK: result shows ${expected.join(', ')} (${shown.length} characters); docs from the live schema; `
    + `cohortChanged pushed to the subscription tab (${pushedText.length} characters); bundled schema only as a logged `
    + `fallback; screenshot ${screenshot}`);
} catch (error) {
  console.error(`console FAILED: ${error.message}`);
  if (problems.length && !error.message.startsWith('errors in the browser')) console.error(`errors in the browser:\n${problems.join('\n')}`);
  if (page) {
    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot }).catch(() => {});
  }
  process.exitCode = 1;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
