import * as Plot from '@observablehq/plot';
import { h, section, table } from '../html.js';
import { request } from '../graphql.js';
import { nameMarks } from '../plots.js';
import { heading } from './common.js';

const query = `query DurationOfImprovement($trialId: ID!) {
  trial(id: $trialId) { code }
  cohort(trialId: $trialId) {
    improvementDurationCurve {
      medianDays medianLowerDays medianUpperDays
      points { day atRisk events censored survival lower upper }
    }
  }
}`;

const percent = (value) => (value === null || value === undefined ? '—' : `${(100 * value).toFixed(1)} %`);

/** The Kaplan–Meier curve of the duration of improvement, as the server computes it (exports and page agree). */
export async function improvementPage(page, trialId) {
  const variables = { trialId };
  const data = await request(query, variables);
  const curve = data.cohort?.improvementDurationCurve ?? { points: [] };
  const points = curve.points;
  const steps = [{ day: 0, survival: 1, lower: 1, upper: 1 }, ...points];
  const band = steps.filter((p) => p.lower !== null && p.upper !== null);
  // Where the estimate reaches 0 the band ends; carry the last band to that day so its step is drawn.
  if (steps.at(-1).lower === null && band.length) band.push({ ...band.at(-1), day: steps.at(-1).day });
  const ends = points.filter((p) => p.events > 0);
  const censorings = points.filter((p) => p.censored > 0);
  const median = curve.medianDays;

  const plot = Plot.plot({
    width: 900,
    height: 420,
    x: { type: 'linear', label: 'Days from the first documenting assessment', grid: true },
    y: { label: 'Still improved', domain: [0, 1], tickFormat: '.0%', grid: true },
    marks: [
      Plot.areaY(band, { x: 'day', y1: 'lower', y2: 'upper', curve: 'step-after', fill: '#4575b4', fillOpacity: 0.18, className: 'band' }),
      Plot.lineY(steps, { x: 'day', y: 'survival', curve: 'step-after', stroke: '#4575b4', strokeWidth: 2, className: 'curve' }),
      Plot.dot(ends, { x: 'day', y: 'survival', r: 3, fill: '#4575b4', className: 'step', title: (p) => `day ${p.day}: ${p.events} ended of ${p.atRisk} at risk, S = ${percent(p.survival)}` }),
      Plot.dot(censorings, { x: 'day', y: 'survival', symbol: 'plus', r: 5, stroke: '#333', strokeWidth: 1.5, className: 'censoring', title: (p) => `day ${p.day}: ${p.censored} censored` }),
      Plot.ruleY([0.5], { stroke: '#999', strokeDasharray: '4 3' }),
      median === null ? null : Plot.ruleX([median], { stroke: '#d73027', strokeDasharray: '4 3', className: 'median' }),
    ],
  });
  nameMarks(plot, 'step', ends, (p) => ({ day: p.day, survival: p.survival, 'at-risk': p.atRisk }));
  nameMarks(plot, 'censoring', censorings, (p) => ({ day: p.day, censored: p.censored }));

  const days = (value) => (value === null || value === undefined ? 'not reached' : `${value} days`);
  page.append(
    heading(`${data.trial?.code ?? ''} duration of improvement after escalation (Kaplan–Meier)`, query, variables),
    h('p', { id: 'median', 'data-median-days': median ?? '' },
      `Median ${days(median)} (95 % CI ${days(curve.medianLowerDays)} to ${days(curve.medianUpperDays)}); `
      + `${points.reduce((n, p) => n + p.events, 0)} ended, ${points.reduce((n, p) => n + p.censored, 0)} still improved (ticks). `
      + 'Product-limit estimate, events before censorings on the same day; 95 % band on the log(−log) scale (Greenwood).'),
    h('figure', { id: 'km' }, plot),
    section('Numbers at risk', table(['Day', 'At risk', 'Ended', 'Censored', 'Still improved', '95 % band'],
      points.map((p) => h('tr', { 'data-day': p.day, 'data-at-risk': p.atRisk, 'data-events': p.events, 'data-censored': p.censored, 'data-survival': p.survival },
        h('td', { class: 'n' }, p.day), h('td', { class: 'n' }, p.atRisk), h('td', { class: 'n' }, p.events), h('td', { class: 'n' }, p.censored),
        h('td', { class: 'n' }, percent(p.survival)), h('td', { class: 'n' }, `${percent(p.lower)} – ${percent(p.upper)}`))),
      { id: 'at-risk' })));
}
