// Opens the trial pages (/app) in headless Debian Chromium against a running API with the demo cohort and checks
// what a user sees:
//  1. the sign-in box takes a coordinator's token; the cohort page shows Table 3 (19 lines) and the trial's tables;
//  2. the swimmer plot has one lane per Table 3 patient (19), 15 of them censored, each with its arrow;
//  3. the Kaplan–Meier page's steps and numbers at risk equal Cohort.improvementDurationCurve;
//  4. KAN-01's timeline shows every blood count the API holds for KAN-01;
//  5. a safety monitor signed in by a #token= link sees a grade-4 lab's alert within a second of recording it,
//     and acknowledging it with a comment removes it from the open list;
//  6. on a small ELN-2020 trial recorded here through GraphQL (the test API leaves the 300-patient FL-ELN out), the
//     cohort page's milestone table equals Cohort.molecular.milestones, its time-to-MMR curve has a step per point
//     with events, and the overdue PCR links to its patient (the paper's trial says it has no molecular data);
//  7. a patient's BCR-ABL1 chart there has one mark per result (the not-evaluable one hollow), the MMR, MR4 and MR4.5
//     lines, and the three milestones (the 3-month failure in red).
// Saves a screenshot of each page. Every wait is bounded and waits on page content, never a fixed sleep.
// Usage: TRIALMONITOR_TOKEN=<coordinator at MDACC> TRIALMONITOR_MONITOR_TOKEN=<safety monitor> \
//        TRIALMONITOR_ADMIN_TOKEN=<admin> node run-app-pages.mjs <baseUrl> [screenshotDir]
//        exit code 0 = all of the above were shown
import { randomUUID } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [baseUrl, screenshots = '.data/test-results'] = process.argv.slice(2);
const coordinator = process.env.TRIALMONITOR_TOKEN;
const monitor = process.env.TRIALMONITOR_MONITOR_TOKEN;
const admin = process.env.TRIALMONITOR_ADMIN_TOKEN;
if (!baseUrl || !coordinator || !monitor || !admin) {
  console.error('usage: TRIALMONITOR_TOKEN=... TRIALMONITOR_MONITOR_TOKEN=... TRIALMONITOR_ADMIN_TOKEN=... node run-app-pages.mjs <baseUrl> [screenshotDir]');
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

// A small ELN-2020 trial (cut-off 2025-01-31; day 0 2024-01-01, so the milestones fall on 2024-04-01, 2024-07-01 and
// 2024-12-31), recorded as a client records one: the admin registers it, the coordinator enrols and records.
// [subject, day 0, [collected on, % IS, ABL1 copies]...] and what DOMAIN.md's rules make of each, by hand:
const elnPatients = [
  // 3 mo > 10 % confirmed 44 days later: FAILURE; 6 mo 0.5 %: OPTIMAL; MMR on day 274; an undetectable result on
  // 5,000 copies (not evaluable), then one on 120,000 (MR5) 20 days after the 12-month day: OPTIMAL.
  ['ELN-01', '2024-01-01', [['2024-04-01', 25, 50_000], ['2024-05-15', 15, 50_000], ['2024-07-01', 0.5, 50_000],
    ['2024-10-01', 0.08, 50_000], ['2024-12-31', 0, 5_000], ['2025-01-20', 0, 120_000]]],
  // OPTIMAL at 3, 6 and 12 months; MMR on day 365 itself.
  ['ELN-02', '2024-01-01', [['2024-04-01', 8, 50_000], ['2024-07-01', 0.8, 50_000], ['2024-12-31', 0.1, 32_000]]],
  // OPTIMAL, OPTIMAL (MMR on day 182), MMR lost on 2024-10-01; 12 mo 0.5 %: WARNING.
  ['ELN-03', '2024-01-01', [['2024-04-01', 2, 50_000], ['2024-07-01', 0.09, 50_000], ['2024-10-01', 0.3, 50_000], ['2024-12-20', 0.5, 50_000]]],
  // OPTIMAL at 3 months, then no result: NOT_ASSESSED at 6 and 12 months, PCR overdue.
  ['ELN-04', '2024-01-01', [['2024-04-01', 3, 50_000]]],
  // Day 0 on 2024-09-01: OPTIMAL at 3 months (2024-12-01), 6 and 12 months PENDING at the cut-off.
  ['ELN-05', '2024-09-01', [['2024-12-01', 0.9, 50_000]]],
];
// The milestone table those courses give, counted by hand: [optimal, warning, failure, pending, not assessed].
const elnMilestones = { 3: [4, 0, 1, 0, 0], 6: [3, 0, 0, 1, 1], 12: [2, 1, 0, 1, 1] };

async function recordElnTrial() {
  const trial = randomUUID();
  await graphql(admin, `mutation($t: ID!, $code: String!) { registerTrial(trialId: $t, code: $code, title: "Pages test: first-line imatinib",
    sites: ["MDACC"], settings: { criteriaSet: "ELN-2020", dataCutoffOn: "2025-01-31" }) { id } }`, { t: trial, code: `ELN-PAGES-${process.pid}` });
  const patients = {};
  for (const [subjectId, dayZero, results] of elnPatients) {
    const p = patients[subjectId] = randomUUID();
    await graphql(coordinator, `mutation($p: ID!, $t: ID!, $s: String!) { enrolPatient(patientId: $p, trialId: $t, enrolledOn: "2023-12-15",
      baseline: { subjectId: $s, site: "MDACC", ageAtEnrolment: 50, sex: FEMALE, diagnosedOn: "2023-12-01", ecog: 0, spleenCmBelowCostalMargin: 0,
        hepatomegaly: false, clonalEvolution: false, diseaseGroupAtStandardDose: CYTOGENETIC_RESISTANCE }) { version } }`, { p, t: trial, s: subjectId });
    await graphql(coordinator, `mutation($p: ID!, $on: Date!) { changeDose(patientId: $p, entryKey: "DOSE-START",
      dose: { effectiveOn: $on, action: STARTED, dailyDoseMg: 400, schedule: "daily" }) { version } }`, { p, on: dayZero });
    for (const [on, percentIs, copies] of results) {
      await graphql(coordinator, `mutation($p: ID!, $k: String!, $m: MolecularAssessmentInput!) { recordMolecular(patientId: $p, entryKey: $k, molecular: $m) { version } }`,
        { p, k: `PCR-${on}`, m: { collectedOn: on, bcrAbl1PercentIs: percentIs, abl1ControlCopies: copies } });
    }
  }
  return { trial, patients };
}

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
  page.on('console', (message) => message.type() === 'error' && problems.push(`console error: ${message.text()}`));
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
  // The paper's trial has no BCR-ABL1 results: the page says so rather than chart every patient as not assessed.
  check(await page.locator('#no-molecular').isVisible() && await page.locator('#molecular').count() === 0,
    'the paper\'s cohort page does not say it has no molecular data');
  await shot(page, 'cohort');
  results.push('cohort: Table 3 with 19 lines, † and +; no molecular data');

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
  inbox.on('console', (message) => message.type() === 'error' && problems.push(`inbox console error: ${message.text()}`));
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
      .map((item) => item.dataset.alertId).find((id) => !known.includes(id)), [...before], { timeout: 30_000, polling: 'raf' })
      .then((handle) => handle.jsonValue(), () => undefined);
    elapsed = Date.now() - recorded;
  }
  check(alertId, 'no alert appeared for the grade-4 neutrophil count');
  await shot(inbox, 'alerts');
  const item = inbox.locator(`[data-alert-id="${alertId}"]`);
  await item.locator('input[name=comment]').fill('Investigator called; dose held', { timeout });
  await item.locator('button[type=submit]').click({ timeout });
  await inbox.waitForFunction((id) => !document.querySelector(`[data-alert-id="${id}"]`), alertId, { timeout: 10_000, polling: 50 });
  const { openAlerts } = await graphql(monitor, 'query($t: ID!) { openAlerts(trialId: $t) { id } }', { t: trialId });
  check(!openAlerts.some((a) => a.id === alertId), 'the acknowledged alert is still open in the API');
  results.push(`alerts: grade-4 lab alert shown ${elapsed} ms after recording; acknowledged and removed`);

  // 6. Molecular monitoring on the cohort page of an ELN-2020 trial recorded here.
  const eln = await recordElnTrial();
  const { cohort: { molecular } } = await graphql(coordinator, `query($t: ID!) { cohort(trialId: $t) { molecular {
    milestones { month optimal warning failure pending notAssessed } mmrBy12Months { reached evaluable }
    timeToMmrCurve { points { day events incidence } } pcrOverdue { subjectId } } } }`, { t: eln.trial });
  await page.goto(at(`/app/trials/${eln.trial}`), { waitUntil: 'load', timeout });
  await page.locator('#milestone-counts tbody tr[data-month]').first().waitFor({ timeout });
  const columns = ['OPTIMAL', 'WARNING', 'FAILURE', 'PENDING', 'NOT_ASSESSED'];
  const shownMilestones = await page.locator('#milestone-counts tbody tr[data-month]').evaluateAll((trs, names) => trs.map((tr) => [Number(tr.dataset.month),
    names.map((name) => Number(tr.querySelector(`td[data-assessment="${name}"]`).innerText))]), columns);
  const apiMilestones = molecular.milestones.map((m) => [m.month, [m.optimal, m.warning, m.failure, m.pending, m.notAssessed]]);
  check(same(shownMilestones, apiMilestones), `the milestone table ${JSON.stringify(shownMilestones)} differs from Cohort.molecular.milestones ${JSON.stringify(apiMilestones)}`);
  check(same(shownMilestones, Object.entries(elnMilestones).map(([month, counts]) => [Number(month), counts])),
    `the milestone table ${JSON.stringify(shownMilestones)} differs from the hand count ${JSON.stringify(elnMilestones)}`);
  const mmr = molecular.mmrBy12Months;
  check((await page.locator('#mmr-by-12').innerText()).includes(`MMR by 12 months: ${mmr.reached} of ${mmr.evaluable} evaluable`), 'MMR by 12 months differs from the GraphQL field');
  const mmrSteps = await page.locator('#ttmmr g.step [data-day]').evaluateAll((dots) => dots.map((dot) => [Number(dot.dataset.day), Number(dot.dataset.incidence)]));
  const expectedMmrSteps = molecular.timeToMmrCurve.points.filter((p) => p.events > 0).map((p) => [p.day, p.incidence]);
  check(same(mmrSteps, expectedMmrSteps), `the time-to-MMR steps ${JSON.stringify(mmrSteps)} differ from the GraphQL points with events ${JSON.stringify(expectedMmrSteps)}`);
  check(same(mmrSteps.map(([day]) => day), [182, 274, 365]), `the time-to-MMR steps fall on days ${JSON.stringify(mmrSteps.map(([day]) => day))}, not 182, 274, 365`);
  const overdue = await page.locator('#pcr-overdue [data-subject-id]').evaluateAll((items) => items.map((item) => [item.dataset.subjectId, item.querySelector('a')?.getAttribute('href')]));
  check(same(overdue, [['ELN-04', `/app/patients/${eln.patients['ELN-04']}`]]) && same(molecular.pcrOverdue, [{ subjectId: 'ELN-04' }]),
    `the overdue PCRs ${JSON.stringify(overdue)} are not ELN-04 linked to its page`);
  await page.locator('#molecular').scrollIntoViewIfNeeded({ timeout });
  await shot(page, 'molecular-cohort');
  results.push(`molecular cohort: milestone table ${JSON.stringify(shownMilestones)}, ${mmrSteps.length} time-to-MMR steps, overdue ELN-04`);

  // 7. ELN-01's BCR-ABL1 chart: a mark per result, the reference lines, the milestones.
  const { patient: eln01 } = await graphql(coordinator, 'query($p: ID!) { patient(id: $p) { molecularResponse { results { collectedOn level } } } }', { p: eln.patients['ELN-01'] });
  await page.goto(at(`/app/patients/${eln.patients['ELN-01']}`), { waitUntil: 'load', timeout });
  await page.locator('#bcr-abl1 g.bcr-abl1 [data-level]').first().waitFor({ timeout });
  const marks = await page.locator('#bcr-abl1 g.bcr-abl1 [data-level]').evaluateAll((elements) => elements.map((e) => ({
    collectedOn: e.dataset.date, level: e.dataset.level, hollow: e.getAttribute('fill') === 'white', y: e.getBoundingClientRect().y + e.getBoundingClientRect().height / 2 })));
  check(same(marks.map(({ collectedOn, level }) => ({ collectedOn, level })), eln01.molecularResponse.results),
    `the chart's marks ${JSON.stringify(marks)} differ from the patient's results ${JSON.stringify(eln01.molecularResponse.results)}`);
  check(same(marks.map((m) => m.level), ['ABOVE_10', 'ABOVE_10', 'ABOVE_0_1', 'MMR', 'NOT_EVALUABLE', 'MR5']), `ELN-01's levels ${JSON.stringify(marks.map((m) => m.level))}`);
  check(same(marks.map((m) => m.hollow), [false, false, false, false, true, false]), 'only the not-evaluable result is drawn hollow');
  const lines = await page.locator('#bcr-abl1 [data-reference]').evaluateAll((rules) => rules.map((rule) => [rule.dataset.reference, rule.getBoundingClientRect().y]));
  check(same(lines.map(([name]) => name), ['MMR', 'MR4', 'MR4.5']), `the reference lines are ${JSON.stringify(lines)}`);
  const chartText = await page.locator('#bcr-abl1 svg').first().evaluate((svg) => svg.textContent);
  check(['MMR 0.1 %', 'MR4 0.01 %', 'MR4.5 0.0032 %', '3 mo: FAILURE'].every((label) => chartText.includes(label)), `the chart's labels: ${chartText}`);
  const undetectable = marks.filter((m) => m.collectedOn >= '2024-12-31');
  check(undetectable.every((m) => m.y > lines[2][1] && m.y === undetectable[0].y), 'the undetectable results are not drawn together below the MR4.5 line');
  check((await page.locator('#bcr-abl1-legend').innerText()).includes('undetectable (0 %)'), 'the legend does not say where undetectable results are drawn');
  const milestoneRules = await page.locator('#bcr-abl1 [data-assessment]').evaluateAll((rules) => rules.map((rule) => [Number(rule.dataset.month), rule.dataset.assessment, rule.getAttribute('stroke')]));
  check(same(milestoneRules, [[3, 'FAILURE', '#d7191c'], [6, 'OPTIMAL', '#1a9850'], [12, 'OPTIMAL', '#1a9850']]), `the milestone marks are ${JSON.stringify(milestoneRules)}`);
  const table = await page.locator('#milestones tr[data-month]').evaluateAll((trs) => trs.map((tr) => tr.dataset.assessment));
  check(same(table, ['FAILURE', 'OPTIMAL', 'OPTIMAL']), `the milestone table says ${JSON.stringify(table)}`);
  await page.locator('#bcr-abl1').scrollIntoViewIfNeeded({ timeout });
  await shot(page, 'molecular-patient');
  results.push(`molecular patient: ELN-01 with ${marks.length} marks (1 hollow), 3 reference lines, milestones ${JSON.stringify(milestoneRules.map((r) => r[1]))}`);

  // Every page error, console error and request outside the API fails the run (how fast belongs in ./ops/bench).
  check(problems.length === 0, `errors in the browser:\n${problems.join('\n')}`);
  console.log(`app pages OK:\n  ${results.join('\n  ')}\n  screenshots in ${screenshots}`);
} catch (error) {
  console.error(`app pages FAILED: ${error.message}\n  passed: ${results.join('; ')}\n${problems.join('\n')}`);
  if (page) await shot(page, 'failure').catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
