import * as Plot from '@observablehq/plot';
import { h, section, table } from '../html.js';
import { assessments } from '../molecular.js';
import { nameMarks } from '../plots.js';

export const molecularCohortSelection = `molecular {
      milestones { month optimal warning failure pending notAssessed }
      mmrBy12Months { reached evaluable }
      timeToMmrCurve { medianDays medianLowerDays medianUpperDays points { day atRisk events censored incidence incidenceLower incidenceUpper } }
      pcrOverdue { subjectId lastResultOn }
    }`;

const countOf = { OPTIMAL: 'optimal', WARNING: 'warning', FAILURE: 'failure', PENDING: 'pending', NOT_ASSESSED: 'notAssessed' };
const percent = (value) => (value === null || value === undefined ? '—' : `${(100 * value).toFixed(1)} %`);
const days = (value) => (value === null || value === undefined ? 'not reached' : `${value} days`);

/**
 * Whether any patient has an evaluable BCR-ABL1 result: a milestone judged on one, or the time to MMR ending or
 * censored after day 0. A trial without PCR (the paper's) still has every started patient's milestones NOT_ASSESSED
 * and the curve censored at day 0, which says nothing worth a chart.
 */
export function hasMolecularResults(molecular) {
  return molecular.milestones.some((m) => m.optimal + m.warning + m.failure > 0)
    || molecular.timeToMmrCurve.points.some((p) => p.events > 0 || p.day > 0);
}

/**
 * The cohort's molecular response under ELN 2020: milestone counts, MMR by 12 months, time to MMR, overdue PCRs;
 * subject(subjectId) links a patient to their page.
 */
export function molecularCohortSection(molecular, subject) {
  const title = 'Molecular response (ELN 2020)';
  if (!hasMolecularResults(molecular)) {
    return section(title, h('p', { id: 'no-molecular' }, 'No evaluable BCR-ABL1 results in this trial: no molecular response to show.'));
  }
  const mmr = molecular.mmrBy12Months;
  const curve = molecular.timeToMmrCurve;
  return h('section', { id: 'molecular' },
    h('h2', {}, title),
    table(['Milestone', ...assessments.map((a) => a.label)],
      molecular.milestones.map((m) => h('tr', { 'data-month': m.month },
        h('td', {}, `${m.month} months`),
        assessments.map((a) => h('td', { class: 'n', 'data-assessment': a.assessment, style: a.assessment === 'FAILURE' && m.failure ? `color: ${a.colour}` : '' }, m[countOf[a.assessment]])))),
      { id: 'milestone-counts' }),
    h('p', { class: 'note' }, 'Patients by the verdict of each milestone at the data cut-off (else today); a patient without day 0 counts as pending.'),
    h('p', { id: 'mmr-by-12', 'data-reached': mmr.reached, 'data-evaluable': mmr.evaluable },
      `MMR by 12 months: ${mmr.reached} of ${mmr.evaluable} evaluable patients (${mmr.evaluable ? percent(mmr.reached / mmr.evaluable) : '—'}).`),
    h('h3', {}, 'Time to MMR (cumulative incidence)'),
    h('p', { id: 'ttmmr-median', 'data-median-days': curve.medianDays ?? '' },
      `Median ${days(curve.medianDays)} (95 % CI ${days(curve.medianLowerDays)} to ${days(curve.medianUpperDays)}); `
      + `${curve.points.reduce((n, p) => n + p.events, 0)} reached MMR, ${curve.points.reduce((n, p) => n + p.censored, 0)} censored at their last evaluable result. `
      + '1 − Kaplan–Meier from day 0 (first dose), with its 95 % band.'),
    h('figure', { id: 'ttmmr' }, timeToMmrPlot(curve)),
    h('h3', {}, `PCR overdue (${molecular.pcrOverdue.length})`),
    molecular.pcrOverdue.length
      ? [h('p', { class: 'note' }, 'Patients on therapy whose last evaluable result (its date in brackets) lies more than 122 days back.'),
        h('ul', { id: 'pcr-overdue', class: 'columns' }, molecular.pcrOverdue.map((o) => h('li', { 'data-subject-id': o.subjectId },
          subject(o.subjectId), ` (${o.lastResultOn ?? 'none since day 0'})`)))]
      : h('p', { id: 'pcr-overdue' }, 'None: every patient on therapy had an evaluable result in the last 122 days.'));
}

function timeToMmrPlot(curve) {
  const points = curve.points;
  const steps = [{ day: 0, incidence: 0, incidenceLower: 0, incidenceUpper: 0 }, ...points];
  const band = steps.filter((p) => p.incidenceLower !== null && p.incidenceUpper !== null);
  // Where every patient has had the event the band ends; carry the last band to that day so its step is drawn.
  if (steps.at(-1).incidenceLower === null && band.length) band.push({ ...band.at(-1), day: steps.at(-1).day });
  const events = points.filter((p) => p.events > 0);
  const plot = Plot.plot({
    width: 900, height: 360,
    // Past day 365 whatever the follow-up, so the 12-month line and its label stand inside the frame.
    x: { type: 'linear', domain: [0, 1.08 * Math.max(365, steps.at(-1).day)], label: 'Days from day 0 (first dose)', grid: true },
    y: { label: 'Reached MMR', domain: [0, 1], tickFormat: '.0%', grid: true },
    marks: [
      Plot.areaY(band, { x: 'day', y1: 'incidenceLower', y2: 'incidenceUpper', curve: 'step-after', fill: '#1a9850', fillOpacity: 0.18 }),
      Plot.lineY(steps, { x: 'day', y: 'incidence', curve: 'step-after', stroke: '#1a9850', strokeWidth: 2 }),
      Plot.dot(events, { x: 'day', y: 'incidence', r: 2.5, fill: '#1a9850', className: 'step', title: (p) => `day ${p.day}: ${p.events} reached MMR of ${p.atRisk} at risk, ${percent(p.incidence)}` }),
      Plot.ruleX([365], { stroke: '#999', strokeDasharray: '4 3' }),
      Plot.text(['12 months'], { x: 365, text: (d) => d, frameAnchor: 'top', dx: 4, textAnchor: 'start', fill: '#777' }),
      curve.medianDays === null ? null : Plot.ruleX([curve.medianDays], { stroke: '#d73027', strokeDasharray: '4 3' }),
    ],
  });
  nameMarks(plot, 'step', events, (p) => ({ day: p.day, incidence: p.incidence, events: p.events }));
  return plot;
}
