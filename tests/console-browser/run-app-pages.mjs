// Opens the trial pages (/app) in headless Debian Chromium against a running API with the demo cohort and checks
// what a user sees:
//  1. the sign-in box takes a coordinator's token; the cohort page shows Table 3 (19 lines) and the trial's tables;
//  2. the swimmer plot has one lane per Table 3 patient (19), 15 of them censored, each with its arrow;
//  3. the Kaplan–Meier page's steps and numbers at risk equal Cohort.improvementDurationCurve;
//  4. KAN-01's timeline shows every blood count the API holds for KAN-01;
//  5. a safety monitor signed in by a #token= link sees a grade-4 lab's alert within a second of recording it,
//     and acknowledging it with a comment removes it from the open list.
// Saves a screenshot of each page. Every wait is bounded and waits on page content, never a fixed sleep.
// Usage: TRIALMONITOR_TOKEN=<coordinator at MDACC> TRIALMONITOR_MONITOR_TOKEN=<safety monitor> \
//        node run-app-pages.mjs <baseUrl> [screenshotDir]          exit code 0 = all of the above were shown
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [baseUrl, screenshots = '.data/test-results'] = process.argv.slice(2);
const coordinator = process.env.TRIALMONITOR_TOKEN;
const monitor = process.env.TRIALMONITOR_MONITOR_TOKEN;
if (!baseUrl || !coordinator || !monitor) {
  console.error('usage: TRIALMONITOR_TOKEN=... TRIALMONITOR_MONITOR_TOKEN=... node run-app-pages.mjs <baseUrl> [screenshotDir]');
  process.exit(2);
}
const trialId = '0e82e362-1d1a-4ed1-3b00-000000000473';
const patientId = '2c0a8c7c-4d78-fffb-9537-bb51ac6444f2'; // KAN-01 of the demo trial
const timeout = 60_000;
const at = (path) => new URL(path, baseUrl).href;

async function graphql(token, query, variables) {
  const response = await fetch(at('/graphql'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`GraphQL failed (${response.status}): ${JSON.stringify(body.errors)}`);
  return body.data;
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

// A day of its own for each run's lab (an alert already open for the same count is not raised again).
const labDate = (attempt) => new Date(Date.UTC(2002, 9, 1) + ((process.pid % 60) * 5 + attempt) * 86_400_000).toISOString().slice(0, 10);

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

mkdirSync(screenshots, { recursive: true });
const shot = (page, name) => page.screenshot({ path: join(screenshots, `app-${name}.png`), fullPage: false });

const profile = mkdtempSync(join(tmpdir(), 'trialmonitor-app-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1100, height: 800 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
const results = [];
let page;
try {
  page = browser.pages()[0] ?? await browser.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => ['error', 'warning'].includes(message.type()) && problems.push(`console ${message.type()}: ${message.text()}`));
  page.on('request', (request) => {
    if (!request.url().startsWith(baseUrl) && !request.url().startsWith('ws://127.0.0.1')) problems.push(`request outside the API: ${request.url()}`);
  });

  // 1. Sign in with the box; the cohort page.
  await page.goto(at('/app'), { waitUntil: 'load', timeout });
  await page.locator('form.sign-in textarea').fill(coordinator, { timeout });
  await page.locator('form.sign-in button[type=submit]').click({ timeout });
  // The paper's trial by its code: ./ops/run also loads the first-line trial, listed before it.
  await page.locator('main li', { hasText: 'KANTARJIAN-2003' }).locator('a', { hasText: 'cohort' }).first().click({ timeout });
  await page.waitForURL(`**/app/trials/${trialId}`, { timeout });
  await page.locator('#cohort tr[data-subject-id="KAN-21"]').first().waitFor({ timeout });
  const table3 = await page.locator('#cohort section', { hasText: 'Table 3.' }).locator('tbody tr').allInnerTexts();
  check(table3.length === 19, `Table 3 shows ${table3.length} lines, not 19`);
  check(table3.some((line) => line.includes('100/100†')) && table3.some((line) => line.includes('CR/6+')), 'Table 3 lacks the paper\'s † and + marks');
  check(await page.locator('a[data-console-link]').getAttribute('href').then((href) => href.startsWith('/console?query=')), 'no console link');
  await shot(page, 'cohort');
  results.push('cohort: Table 3 with 19 lines, † and +');

  // 2. Swimmer plot (the token is kept for the session: a new address in the same tab stays signed in).
  await page.goto(at(`/app/trials/${trialId}/swimmer`), { waitUntil: 'load', timeout });
  await page.locator('#swimmer svg').first().waitFor({ timeout });
  const lanes = await page.locator('#swimmer [data-lane][data-subject-id]').count();
  const censoredLanes = await page.locator('#swimmer [data-lane][data-censored="true"]').count();
  const arrows = await page.locator('#swimmer [data-censored-arrow]').count();
  check(lanes === 19, `the swimmer plot has ${lanes} lanes, not 19`);
  check(censoredLanes === 15 && arrows === 15, `the swimmer plot has ${censoredLanes} censored lanes and ${arrows} arrows, not 15`);
  await shot(page, 'swimmer');
  results.push(`swimmer: ${lanes} lanes, ${censoredLanes} censored with arrows`);

  // 3. Kaplan–Meier curve: what the page shows equals the GraphQL field.
  const { cohort } = await graphql(coordinator, `query($t: ID!) { cohort(trialId: $t) { improvementDurationCurve {
    medianDays points { day atRisk events censored survival } } } }`, { t: trialId });
  const curve = cohort.improvementDurationCurve;
  await page.goto(at(`/app/trials/${trialId}/improvement`), { waitUntil: 'load', timeout });
  await page.locator('#km svg').first().waitFor({ timeout });
  const rows = await page.locator('#at-risk tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    day: Number(tr.dataset.day), atRisk: Number(tr.dataset.atRisk), events: Number(tr.dataset.events),
    censored: Number(tr.dataset.censored), survival: Number(tr.dataset.survival), shown: tr.innerText })));
  check(same(rows.map(({ shown, ...row }) => row), curve.points), `the numbers at risk differ from the GraphQL field:\n${JSON.stringify(rows)}\n${JSON.stringify(curve.points)}`);
  const steps = await page.locator('#km g.step [data-day]').evaluateAll((dots) => dots.map((dot) => [Number(dot.dataset.day), Number(dot.dataset.survival)]));
  const expectedSteps = curve.points.filter((p) => p.events > 0).map((p) => [p.day, p.survival]);
  check(same(steps, expectedSteps), `the curve's steps ${JSON.stringify(steps)} differ from the GraphQL field's ${JSON.stringify(expectedSteps)}`);
  const ticks = await page.locator('#km g.censoring [data-day]').count();
  check(ticks === curve.points.filter((p) => p.censored > 0).length, `${ticks} censoring ticks`);
  check((await page.locator('#median').getAttribute('data-median-days')) === String(curve.medianDays ?? ''), 'the median differs from the GraphQL field');
  await shot(page, 'improvement');
  results.push(`improvement: ${steps.length} steps and ${rows.length} at-risk rows equal the GraphQL field, median ${curve.medianDays}`);

  // 4. KAN-01's timeline.
  const { patient } = await graphql(coordinator, 'query($p: ID!) { patient(id: $p) { subjectId bloodCounts { entryKey count { neutrophils } } } }', { p: patientId });
  await page.goto(at(`/app/patients/${patientId}`), { waitUntil: 'load', timeout });
  await page.locator('.timeline[data-subject-id="KAN-01"]').waitFor({ timeout });
  const shownCounts = await page.locator('.timeline [data-blood-count]').evaluateAll((trs) => trs.map((tr) => tr.dataset.bloodCount));
  check(same(shownCounts, patient.bloodCounts.map((b) => b.entryKey)), `the timeline shows counts ${JSON.stringify(shownCounts)}, the API ${JSON.stringify(patient.bloodCounts.map((b) => b.entryKey))}`);
  const neutrophilDots = await page.locator('.timeline [data-measure="neutrophils"]').count();
  check(neutrophilDots === patient.bloodCounts.filter((b) => b.count.neutrophils !== null).length, `${neutrophilDots} neutrophil marks`);
  check(await page.locator('.timeline [data-ph-positive-percent]').count() > 0, 'no Ph+ marks on the timeline');
  await shot(page, 'patient');
  results.push(`patient: KAN-01 with its ${shownCounts.length} blood counts`);

  // 5. The alert inbox of a safety monitor, signed in by a link in a new tab.
  const inbox = await browser.newPage();
  inbox.on('pageerror', (error) => problems.push(`inbox page error: ${error.message}`));
  await inbox.goto(at(`/app/alerts?trial=${trialId}#token=${monitor}`), { waitUntil: 'load', timeout });
  // Ready when the stored feed has been replayed: the page lists as many open alerts as the API holds.
  const { openAlerts: openBefore } = await graphql(monitor, 'query($t: ID!) { openAlerts(trialId: $t) { id } }', { t: trialId });
  await inbox.waitForFunction((n) => document.querySelector('#alerts')?.dataset.open === String(n), openBefore.length, { timeout, polling: 50 });
  const before = new Set(await inbox.locator('[data-alert-id]').evaluateAll((items) => items.map((item) => item.dataset.alertId)));
  // The socket may still be subscribing when the first lab commits: each attempt records a new grade-4 count.
  let alertId;
  let elapsed;
  for (let attempt = 1; attempt <= 5 && !alertId; attempt++) {
    await graphql(coordinator, `mutation($p: ID!, $k: String!, $on: Date!) { recordBloodCount(patientId: $p, entryKey: $k,
      count: { collectedOn: $on, wbc: 1.1, neutrophils: 0.3, platelets: 150, hemoglobin: 11.5 }) { version } }`,
    { p: patientId, k: `CBC-BROWSER-${process.pid}-${attempt}`, on: labDate(attempt) });
    const recorded = Date.now(); // the mutation has answered: the lab is recorded
    alertId = await inbox.waitForFunction((known) => [...document.querySelectorAll('[data-alert-id][data-subject-id="KAN-01"][data-kind="LAB_TOXICITY"]')]
      .map((item) => item.dataset.alertId).find((id) => !known.includes(id)), [...before], { timeout: 5_000, polling: 'raf' })
      .then((handle) => handle.jsonValue(), () => undefined);
    elapsed = Date.now() - recorded;
  }
  check(alertId, 'no alert appeared for the grade-4 neutrophil count');
  check(elapsed <= 1_000, `the alert appeared ${elapsed} ms after the lab was recorded (more than a second)`);
  await shot(inbox, 'alerts');
  const item = inbox.locator(`[data-alert-id="${alertId}"]`);
  await item.locator('input[name=comment]').fill('Investigator called; dose held', { timeout });
  await item.locator('button[type=submit]').click({ timeout });
  await inbox.waitForFunction((id) => !document.querySelector(`[data-alert-id="${id}"]`), alertId, { timeout: 10_000, polling: 50 });
  const { openAlerts } = await graphql(monitor, 'query($t: ID!) { openAlerts(trialId: $t) { id } }', { t: trialId });
  check(!openAlerts.some((a) => a.id === alertId), 'the acknowledged alert is still open in the API');
  results.push(`alerts: grade-4 lab alert shown ${elapsed} ms after recording; acknowledged and removed`);

  check(!problems.some((p) => p.startsWith('request outside')), problems.join('\n'));
  console.log(`app pages OK:\n  ${results.join('\n  ')}\n  screenshots in ${screenshots}`);
  if (problems.length) console.log(problems.join('\n'));
} catch (error) {
  console.error(`app pages FAILED: ${error.message}\n  passed: ${results.join('; ')}\n${problems.join('\n')}`);
  if (page) await shot(page, 'failure').catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
