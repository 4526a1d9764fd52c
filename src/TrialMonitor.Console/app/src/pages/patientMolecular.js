import * as Plot from '@observablehq/plot';
import { h, section, table } from '../html.js';
import { assessment, evaluable, level, levels, referenceLines } from '../molecular.js';
import { nameMarks } from '../plots.js';

export const molecularResponseSelection = `molecularResponse {
      startedOn currentStatus mmrReachedOn mmrLostOn daysToMmr pcrOverdue
      results { collectedOn bcrAbl1PercentIs abl1ControlCopies level }
      milestones { month dueOn assessment resultOn percentIs confirmedOn }
    }`;

const date = (value) => new Date(`${value}T00:00:00Z`);
const words = (value) => value.toLowerCase().replaceAll('_', ' ');

/** The dates the BCR-ABL1 chart needs on the page's shared time axis. */
export function molecularDates(response) {
  return [...response.results.map((r) => r.collectedOn), ...response.milestones.map((m) => m.dueOn).filter(Boolean)];
}

/**
 * BCR-ABL1 on a log scale with the MMR / MR4 / MR4.5 lines and the milestones, then the milestones and status in
 * words. An undetectable result (0 %) has no place on a log scale: it is drawn as a triangle at a floor a decade below
 * the lowest line or result, the axis's "0", and the legend says so.
 */
export function molecularSections(response, { x, width, eventRules }) {
  const results = response.results.map((r) => ({ ...r, percentIs: Number(r.bcrAbl1PercentIs) }));
  if (!results.length) return [section('BCR-ABL1 (log scale)', h('p', {}, 'No BCR-ABL1 results: no molecular response (ELN 2020) to assess.'))];

  const lowest = Math.min(...referenceLines.map((l) => l.percentIs), ...results.map((r) => r.percentIs).filter((p) => p > 0));
  const floor = 10 ** (Math.floor(Math.log10(lowest)) - 1);
  const top = 10 ** Math.ceil(Math.log10(Math.max(10, ...results.map((r) => r.percentIs))));
  const ticks = [];
  for (let t = floor; t <= top * 1.001; t *= 10) ticks.push(Number(t.toPrecision(1)));
  const shown = results.map((r) => ({ ...r, y: r.percentIs > 0 ? r.percentIs : floor, undetectable: r.percentIs === 0 }));
  const milestones = response.milestones.filter((m) => m.dueOn);
  const colour = (r) => level[r.level].colour;
  // A label reads rightwards from its milestone, or leftwards near the chart's right edge, where it would be cut off.
  const nearEnd = (m) => date(m.dueOn) > x.domain[1] - 0.15 * (x.domain[1] - x.domain[0]);
  const milestoneLabels = (rows, dy) => [false, true].map((end) => Plot.text(rows.filter((m) => nearEnd(m) === end), {
    x: (m) => date(m.dueOn), frameAnchor: 'top', dy, dx: end ? -3 : 3, textAnchor: end ? 'end' : 'start',
    fill: (m) => assessment[m.assessment].colour, text: (m) => `${m.month} mo: ${m.assessment === 'FAILURE' ? 'FAILURE' : words(m.assessment)}`,
  }));

  const plot = Plot.plot({
    width, height: 300, marginLeft: 60, marginTop: 36, x,
    y: { type: 'log', domain: [floor / 2, top], ticks, tickFormat: (t) => (t === ticks[0] ? '0' : `${t}`), label: 'BCR-ABL1 % IS', grid: true },
    marks: [
      Plot.ruleY(referenceLines, { y: 'percentIs', stroke: '#2166ac', strokeDasharray: '5 3', className: 'reference' }),
      // MR4 and MR4.5 lie half a decade apart: the lowest line's label goes below it.
      Plot.text(referenceLines.slice(0, -1), { x: x.domain[1], y: 'percentIs', text: 'label', textAnchor: 'end', dy: -6, fill: '#2166ac' }),
      Plot.text(referenceLines.slice(-1), { x: x.domain[1], y: 'percentIs', text: 'label', textAnchor: 'end', dy: 8, fill: '#2166ac' }),
      Plot.ruleY([floor], { stroke: '#bbb', strokeDasharray: '1 3' }),
      eventRules,
      Plot.ruleX(milestones, { x: (m) => date(m.dueOn), stroke: (m) => assessment[m.assessment].colour, strokeWidth: (m) => (m.assessment === 'FAILURE' ? 2 : 1), className: 'milestone' }),
      // The 3- and 6-month days lie close on a long course: their labels take two rows.
      milestoneLabels(milestones.filter((m) => m.month !== 6), -18),
      milestoneLabels(milestones.filter((m) => m.month === 6), -4),
      Plot.line(shown.filter(evaluable), { x: (r) => date(r.collectedOn), y: 'y', stroke: '#888' }),
      Plot.dot(shown, {
        x: (r) => date(r.collectedOn), y: 'y', r: 5, strokeWidth: 1.5, className: 'bcr-abl1',
        symbol: (r) => (r.undetectable ? 'triangle' : 'circle'),
        fill: (r) => (evaluable(r) ? colour(r) : 'white'),
        stroke: colour,
        title: (r) => `${r.collectedOn}: ${r.undetectable ? 'undetectable' : `${r.percentIs} %`} on ${r.abl1ControlCopies.toLocaleString('en')} ABL1 copies, ${level[r.level].label}`,
      }),
    ],
  });
  nameMarks(plot, 'reference', referenceLines, (l) => ({ reference: l.name, 'percent-is': l.percentIs }));
  nameMarks(plot, 'milestone', milestones, (m) => ({ month: m.month, 'due-on': m.dueOn, assessment: m.assessment }));
  nameMarks(plot, 'bcr-abl1', shown, (r) => ({ date: r.collectedOn, 'percent-is': r.percentIs, level: r.level }));

  const present = new Set(results.map((r) => r.level));
  const legend = h('p', { class: 'legend', id: 'bcr-abl1-legend' },
    levels.filter((l) => present.has(l.level)).map((l) => h('span', {},
      h('span', { class: 'swatch', style: `border-color: ${l.colour}; background: ${l.level === 'NOT_EVALUABLE' ? 'white' : l.colour}` }), l.label)),
    results.some((r) => r.percentIs === 0) ? h('span', {}, '▲ undetectable (0 %): no place on a log scale, drawn on the dotted 0 line at the foot, below every line and result') : '',
    h('span', {}, 'dashed: MMR, MR4, MR4.5; vertical: the 3-, 6- and 12-month milestones'));

  const days = response.daysToMmr === null ? '' : ` (day ${response.daysToMmr})`;
  return [
    section('BCR-ABL1 (log scale) and the ELN 2020 milestones', h('figure', { id: 'bcr-abl1' }, plot), legend),
    section('Molecular response (ELN 2020)',
      table(['Milestone', 'Due', 'Assessment', 'Result on', '% IS', 'Confirmed on'],
        response.milestones.map((m) => h('tr', { 'data-month': m.month, 'data-assessment': m.assessment },
          h('td', {}, `${m.month} months`), h('td', {}, m.dueOn ?? '—'),
          h('td', { style: `color: ${assessment[m.assessment].colour}` }, assessment[m.assessment].label),
          h('td', {}, m.resultOn ?? ''), h('td', { class: 'n' }, m.percentIs ?? ''), h('td', {}, m.confirmedOn ?? ''))),
        { id: 'milestones' }),
      h('ul', { id: 'molecular-status' },
        h('li', {}, `Day 0 (first dose): ${response.startedOn ?? 'not started'}`),
        h('li', {}, `Current status (after 12 months): ${response.currentStatus ? assessment[response.currentStatus].label : '— (not yet, or no evaluable result)'}`),
        h('li', {}, `MMR reached: ${response.mmrReachedOn ? `${response.mmrReachedOn}${days}` : 'no'}; MMR lost: ${response.mmrLostOn ?? 'no'}`),
        h('li', { class: response.pcrOverdue ? 'error' : '' }, `PCR overdue: ${response.pcrOverdue ? 'yes, the last evaluable result is more than 122 days old' : 'no'}`))),
  ];
}
