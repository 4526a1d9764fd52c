import * as Plot from '@observablehq/plot';
import { daysBetween, h, section, table, link } from '../html.js';
import { request } from '../graphql.js';
import { categoryColours, nameMarks } from '../plots.js';
import { heading, patientsOf } from './common.js';

const query = `query Swimmer($trialId: ID!) {
  trial(id: $trialId) { code }
  cohort(trialId: $trialId) {
    table3 { subjectId responseDisplay episode { startOn endOn censored improvedCategory byFish durationDays } }
  }
}`;

const markerQuery = `query SwimmerMarkers($patientId: ID!) { patient(id: $patientId) { id subjectId assessment { escalatedOn }
  doses { dose { effectiveOn action dailyDoseMg } }
  discontinuations { discontinuation { effectiveOn reason } }
  transformations { transformation { diagnosedOn phase } }
  deaths { death { diedOn cause } } } }`;

const markerKinds = ['dose reduced', 'discontinued', 'transformation', 'death'];

/** Table 3 as lanes: one per improved patient, from escalation; the episode coloured by category, an arrow when ongoing. */
export async function swimmerPage(page, trialId) {
  const variables = { trialId };
  const [data, ids] = await Promise.all([request(query, variables), patientsOf(trialId)]);
  const lines = data.cohort?.table3 ?? [];
  // One request per improved patient: the lists of every patient at once exceed the API's query complexity limit.
  const improved = await Promise.all(lines.filter((line) => ids.has(line.subjectId))
    .map((line) => request(markerQuery, { patientId: ids.get(line.subjectId).id }).then((d) => d.patient)));
  const patients = new Map(improved.map((p) => [p.subjectId, p]));
  const lanes = lines.map((line) => {
    const patient = patients.get(line.subjectId);
    const escalatedOn = patient?.assessment.escalatedOn ?? line.episode.startOn;
    const day = (date) => daysBetween(escalatedOn, date);
    const markers = [
      ...(patient?.doses ?? []).filter((d) => d.dose.action === 'REDUCED').map((d) => ({ kind: 'dose reduced', on: d.dose.effectiveOn, note: `${d.dose.dailyDoseMg} mg` })),
      ...(patient?.discontinuations ?? []).map((d) => ({ kind: 'discontinued', on: d.discontinuation.effectiveOn, note: d.discontinuation.reason })),
      ...(patient?.transformations ?? []).map((t) => ({ kind: 'transformation', on: t.transformation.diagnosedOn, note: t.transformation.phase })),
      ...(patient?.deaths ?? []).map((d) => ({ kind: 'death', on: d.death.diedOn, note: d.death.cause })),
    ].filter((m) => m.on >= escalatedOn).map((m) => ({ ...m, subjectId: line.subjectId, day: day(m.on) }));
    const start = day(line.episode.startOn);
    const end = day(line.episode.endOn);
    return {
      subjectId: line.subjectId, patientId: patient?.id, display: line.responseDisplay, censored: line.episode.censored,
      category: line.episode.improvedCategory, start, end, laneEnd: Math.max(end, ...markers.map((m) => m.day)), markers,
    };
  });
  const markers = lanes.flatMap((lane) => lane.markers);
  const censored = lanes.filter((lane) => lane.censored);

  const plot = Plot.plot({
    width: 960,
    height: 40 + 26 * Math.max(lanes.length, 1),
    marginLeft: 70,
    marginRight: 40,
    x: { label: 'Days since escalation', grid: true },
    y: { label: null, domain: lanes.map((lane) => lane.subjectId) },
    color: { legend: true, domain: Object.keys(categoryColours).slice(0, 3), range: Object.values(categoryColours).slice(0, 3), label: 'Improved to' },
    symbol: { legend: true, domain: markerKinds, range: ['triangle', 'square', 'diamond', 'times'] },
    marks: [
      Plot.barX(lanes, { x1: 0, x2: 'laneEnd', y: 'subjectId', fill: '#f0f0f0', className: 'lane', insetTop: 2, insetBottom: 2 }),
      Plot.barX(lanes, { x1: 'start', x2: 'end', y: 'subjectId', fill: (d) => d.category, className: 'episode', insetTop: 5, insetBottom: 5, title: (d) => `${d.subjectId} ${d.display}` }),
      Plot.text(censored, { x: 'end', y: 'subjectId', text: () => '➜', dx: 8, fontSize: 16, fill: '#333', className: 'censored-arrow', title: (d) => `${d.subjectId}: still improved (censored)` }),
      Plot.dot(markers, { x: 'day', y: 'subjectId', symbol: 'kind', stroke: '#b2182b', fill: '#b2182b', r: 5, className: 'marker', title: (d) => `${d.kind} ${d.on} ${d.note}` }),
      Plot.ruleX([0]),
    ],
  });
  nameMarks(plot, 'lane', lanes, (lane) => ({ 'subject-id': lane.subjectId, censored: lane.censored, lane: true }));
  nameMarks(plot, 'episode', lanes, (lane) => ({ 'subject-id': lane.subjectId, category: lane.category, 'start-day': lane.start, 'end-day': lane.end }));
  nameMarks(plot, 'censored-arrow', censored, (lane) => ({ 'subject-id': lane.subjectId, 'censored-arrow': true }));
  nameMarks(plot, 'marker', markers, (m) => ({ 'subject-id': m.subjectId, marker: m.kind, day: m.day }));

  page.append(
    heading(`${data.trial?.code ?? ''} swimmer plot of Table 3: improvement after escalation`, query, variables),
    h('p', {}, `${lanes.length} patients improved after escalation; ${censored.length} still improved (➜, the paper's "+"). `
      + 'Each lane starts at escalation; the bar is the improved response from its first documenting assessment.'),
    h('figure', { id: 'swimmer', 'data-lanes': lanes.length }, plot),
    section('Lanes', table(['Patient', 'Response', 'Days', 'Events after escalation'], lanes.map((lane) => h('tr', { 'data-subject-id': lane.subjectId },
      h('td', {}, lane.patientId ? link(`/app/patients/${lane.patientId}`, lane.subjectId) : lane.subjectId), h('td', {}, lane.display),
      h('td', { class: 'n' }, `${lane.start}–${lane.end}${lane.censored ? '+' : ''}`),
      h('td', {}, lane.markers.map((m) => `${m.kind} day ${m.day}`).join('; ')))))));
}
