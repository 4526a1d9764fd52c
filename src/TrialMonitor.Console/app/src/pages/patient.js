import * as Plot from '@observablehq/plot';
import { h, link, section, table } from '../html.js';
import { request, subscribe } from '../graphql.js';
import { categoryColours, nameMarks } from '../plots.js';
import { heading, status } from './common.js';
import { molecularDates, molecularResponseSelection, molecularSections } from './patientMolecular.js';

const selection = `id trialId subjectId site enrolledOn version
    baseline { ageAtEnrolment sex diagnosedOn diseaseGroupAtStandardDose }
    assessment {
      currentDailyDoseMg standardDoseStartedOn escalatedOn latestHematologic bestHematologicAfterEscalation table2Row
      latestCytogenetic { assessedOn phPositivePercent category byFish }
      protocolStatus { indications indicatedOn }
      improvement { display startOn endOn censored }
      labToxicityGrades { collectedOn term grade }
      discrepancies { assessedOn kind reported derived }
    }
    bloodCounts { entryKey count { collectedOn wbc neutrophils platelets hemoglobin lowerLimits { wbc neutrophils platelets hemoglobin } } }
    cytogenetics { entryKey cytogenetics { collectedOn phPositivePercent method } }
    ${molecularResponseSelection}
    doses { entryKey dose { effectiveOn action dailyDoseMg reason } }
    toxicities { entryKey toxicity { onsetOn term grade } }
    reportedResponses { entryKey response { assessedOn cytogenetic hematologic } }
    transformations { transformation { diagnosedOn phase } }
    discontinuations { discontinuation { effectiveOn reason } }
    deaths { death { diedOn cause } }
    corrections { voidedEntryKey reason replacementEntryKey }`;

const query = `query PatientTimeline($patientId: ID!) {
  patient(id: $patientId) {${selection}
  }
  entryKinds { chartField units { field unit } }
}`;

const watch = `subscription WatchThePatient($patientId: ID!) { patientChanged(patientId: $patientId) {${selection} } }`;

const alertsQuery = `query PatientAlerts($trialId: ID!) {
  openAlerts(trialId: $trialId) { id patientId kind grade term clinicalOn description }
  acknowledgedAlerts(trialId: $trialId) { id patientId kind grade term clinicalOn description acknowledgement { by comment } }
}`;

// Ph+ % bands of the MDACC 2003 criteria (DOMAIN.md): complete 0, partial 1–34, minor 35–90, none above 90.
const responseBands = [
  { category: 'COMPLETE', from: 0, to: 0.5 },
  { category: 'PARTIAL', from: 0.5, to: 34.5 },
  { category: 'MINOR', from: 34.5, to: 90.5 },
  { category: 'NONE', from: 90.5, to: 100 },
];

const measures = [
  { key: 'wbc', label: 'WBC', term: 'White blood cell decreased' },
  { key: 'neutrophils', label: 'Neutrophils', term: 'Neutrophil count decreased' },
  { key: 'platelets', label: 'Platelets', term: 'Platelet count decreased' },
  { key: 'hemoglobin', label: 'Hemoglobin', term: 'Anemia' },
];

const superscripts = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** The units each entry kind declares (the API's entryKinds): chart field → value field → unit, 10^9/L shown as ×10⁹/L. */
const unitsOf = (kinds) => Object.fromEntries(kinds.map((kind) => [kind.chartField, Object.fromEntries(kind.units.map((u) =>
  [u.field, u.unit.replace(/^10\^(\d+)/, (_, power) => `×10${[...power].map((d) => superscripts[d]).join('')}`)]))]));

const date = (value) => new Date(`${value}T00:00:00Z`);

export async function patientPage(page, patientId) {
  const variables = { patientId };
  const data = await request(query, variables);
  if (!data.patient) throw new Error(`No patient ${patientId}.`);
  const alerts = await request(alertsQuery, { trialId: data.patient.trialId }).then(
    (a) => [...a.openAlerts.map((x) => ({ ...x, status: 'open' })), ...a.acknowledgedAlerts.map((x) => ({ ...x, status: 'acknowledged' }))]
      .filter((x) => x.patientId === patientId),
    (error) => error);
  const body = h('div', {});
  const live = status('Live: the timeline updates as entries are recorded.');
  page.append(heading(`Patient ${data.patient.subjectId}`, query, variables), live, body);
  const units = unitsOf(data.entryKinds);
  const show = (patient) => body.replaceChildren(...timeline(patient, alerts, units));
  show(data.patient);
  return subscribe(watch, variables, (pushed) => {
    show(pushed.patientChanged);
    live.textContent = `Live: updated at ${new Date().toLocaleTimeString()} (version ${pushed.patientChanged.version}).`;
  }, (error) => { live.textContent = `Live updates stopped: ${error.message}`; });
}

function timeline(patient, alerts, units) {
  const a = patient.assessment;
  const dates = [
    patient.enrolledOn,
    ...patient.bloodCounts.map((b) => b.count.collectedOn),
    ...patient.cytogenetics.map((c) => c.cytogenetics.collectedOn),
    ...patient.doses.map((d) => d.dose.effectiveOn),
    ...molecularDates(patient.molecularResponse),
  ].sort();
  const xDomain = [date(dates[0]), date(dates.at(-1))];
  const x = { type: 'utc', domain: xDomain, label: null, grid: true };
  const width = 960;
  const events = [
    ...(a.escalatedOn ? [{ on: a.escalatedOn, label: 'escalated' }] : []),
    ...patient.transformations.map((t) => ({ on: t.transformation.diagnosedOn, label: `transformation (${t.transformation.phase.toLowerCase()})` })),
    ...patient.discontinuations.map((d) => ({ on: d.discontinuation.effectiveOn, label: `discontinued (${d.discontinuation.reason.toLowerCase()})` })),
    ...patient.deaths.map((d) => ({ on: d.death.diedOn, label: `died (${d.death.cause.toLowerCase()})` })),
  ];
  const eventRules = Plot.ruleX(events, { x: (e) => date(e.on), stroke: '#d73027', strokeDasharray: '3 3' });

  const cytogenetics = patient.cytogenetics.map((c) => ({ ...c.cytogenetics, entryKey: c.entryKey, fish: c.cytogenetics.method === 'FISH' }));
  const phPlot = Plot.plot({
    width, height: 220, marginLeft: 60, x, y: { domain: [0, 100], label: 'Ph+ %' },
    marks: [
      Plot.rectY(responseBands, { x1: xDomain[0], x2: xDomain[1], y1: 'from', y2: 'to', fill: (b) => categoryColours[b.category], fillOpacity: 0.25 }),
      Plot.text(responseBands, { x: xDomain[0], y: (b) => (b.from + b.to) / 2, text: (b) => b.category.toLowerCase(), textAnchor: 'start', dx: 4, fill: '#555' }),
      eventRules,
      Plot.line(cytogenetics, { x: (c) => date(c.collectedOn), y: 'phPositivePercent', stroke: '#333' }),
      Plot.dot(cytogenetics, { x: (c) => date(c.collectedOn), y: 'phPositivePercent', r: 4, stroke: '#333', fill: (c) => (c.fish ? 'white' : '#333'), className: 'ph', title: (c) => `${c.collectedOn}: ${c.phPositivePercent} % Ph+ by ${c.method.toLowerCase()}` }),
    ],
  });
  nameMarks(phPlot, 'ph', cytogenetics, (c) => ({ date: c.collectedOn, 'ph-positive-percent': c.phPositivePercent, 'entry-key': c.entryKey }));

  const counts = patient.bloodCounts.map((b) => ({ ...b.count, entryKey: b.entryKey }));
  const countPlots = measures.map((measure) => {
    const rows = counts.filter((c) => c[measure.key] !== null && c[measure.key] !== undefined);
    const limits = rows.filter((c) => c.lowerLimits?.[measure.key] != null);
    const grades = a.labToxicityGrades.filter((g) => g.term === measure.term && g.grade > 0);
    const plot = Plot.plot({
      width, height: 130, marginLeft: 60, x, y: { label: `${measure.label} ${units.bloodCounts[measure.key]}`, grid: true },
      marks: [
        Plot.line(limits, { x: (c) => date(c.collectedOn), y: (c) => c.lowerLimits[measure.key], stroke: '#999', strokeDasharray: '4 3', curve: 'step-after' }),
        Plot.line(rows, { x: (c) => date(c.collectedOn), y: measure.key, stroke: '#4575b4' }),
        Plot.dot(rows, { x: (c) => date(c.collectedOn), y: measure.key, r: 3, fill: '#4575b4', className: 'count', title: (c) => `${c.collectedOn}: ${c[measure.key]}` }),
        Plot.text(grades, { x: (g) => date(g.collectedOn), y: (g) => rows.find((c) => c.collectedOn === g.collectedOn)?.[measure.key] ?? 0, text: (g) => `G${g.grade}`, dy: -10, fill: '#b2182b', fontWeight: 'bold' }),
      ],
    });
    nameMarks(plot, 'count', rows, (c) => ({ measure: measure.key, date: c.collectedOn, value: c[measure.key] }));
    return plot;
  });

  const doses = patient.doses.map((d) => d.dose).sort((p, q) => p.effectiveOn.localeCompare(q.effectiveOn));
  const doseSteps = [...doses, ...(doses.length ? [{ ...doses.at(-1), effectiveOn: dates.at(-1) }] : [])];
  const dosePlot = Plot.plot({
    width, height: 130, marginLeft: 60, x, y: { label: `Daily dose ${units.doses.dailyDoseMg}` },
    marks: [
      Plot.areaY(doseSteps, { x: (d) => date(d.effectiveOn), y: 'dailyDoseMg', curve: 'step-after', fill: '#fdae61', fillOpacity: 0.6 }),
      eventRules,
      Plot.text(events, { x: (e) => date(e.on), y: 0, text: 'label', dy: -8, textAnchor: 'start', dx: 3, fill: '#d73027' }),
    ],
  });

  return [
    h('div', { class: 'timeline', 'data-subject-id': patient.subjectId, 'data-blood-counts': counts.length },
      h('p', {}, `Site ${patient.site}; enrolled ${patient.enrolledOn}; ${patient.baseline.ageAtEnrolment} y, ${patient.baseline.sex.toLowerCase()}; `
        + `diagnosed ${patient.baseline.diagnosedOn}; ${patient.baseline.diseaseGroupAtStandardDose.toLowerCase().replaceAll('_', ' ')} at 400 mg. `,
      link(`/app/trials/${patient.trialId}`, 'Cohort')),
      section('What the rules concluded', h('ul', {},
        h('li', {}, `Current dose ${a.currentDailyDoseMg ?? '—'} mg; 400 mg from ${a.standardDoseStartedOn ?? '—'}; escalated ${a.escalatedOn ?? 'no'}`),
        h('li', {}, `Protocol: ${a.protocolStatus.indications.length ? `escalation indicated (${a.protocolStatus.indications.join(', ').toLowerCase().replaceAll('_', ' ')}) on ${a.protocolStatus.indicatedOn}` : 'no escalation indicated'}`),
        h('li', {}, `Latest cytogenetic: ${a.latestCytogenetic ? `${a.latestCytogenetic.phPositivePercent} % Ph+ on ${a.latestCytogenetic.assessedOn}, ${a.latestCytogenetic.category.toLowerCase()}${a.latestCytogenetic.byFish ? ' (FISH)' : ''}` : '—'}; `
          + `hematologic: ${a.latestHematologic?.toLowerCase() ?? '—'}`),
        h('li', {}, `Table 2 row: ${a.table2Row?.toLowerCase().replaceAll('_', ' ') ?? '—'}; improvement after escalation: ${a.improvement ? `${a.improvement.display} (${a.improvement.startOn} to ${a.improvement.endOn})` : 'none'}`))),
      section('Cytogenetics (Ph+ %, open circles by FISH)', phPlot),
      molecularSections(patient.molecularResponse, { x, width, eventRules }),
      section('Blood counts with lower limits of normal (dashed) and CTCAE grades', countPlots),
      section('Dose', dosePlot),
      section(`Blood counts (${counts.length})`, table(['Collected', 'WBC', 'ANC', 'Platelets', 'Hb', 'Entry'],
        counts.map((c) => h('tr', { 'data-blood-count': c.entryKey, 'data-date': c.collectedOn },
          h('td', {}, c.collectedOn), h('td', { class: 'n' }, c.wbc ?? ''), h('td', { class: 'n' }, c.neutrophils ?? ''),
          h('td', { class: 'n' }, c.platelets ?? ''), h('td', { class: 'n' }, c.hemoglobin ?? ''), h('td', {}, c.entryKey))))),
      section('Reported vs derived responses', table(['Assessed', 'Reported cytogenetic', 'Reported hematologic', 'Discrepancy (reported → derived)'],
        patient.reportedResponses.map((r) => {
          const differs = a.discrepancies.filter((d) => d.assessedOn === r.response.assessedOn);
          return h('tr', { class: differs.length ? 'discrepant' : '' }, h('td', {}, r.response.assessedOn), h('td', {}, r.response.cytogenetic ?? ''),
            h('td', {}, r.response.hematologic ?? ''), h('td', {}, differs.map((d) => `${d.reported} → ${d.derived}`).join('; ')));
        }))),
      section('Corrections', patient.corrections.length
        ? h('ul', {}, patient.corrections.map((c) => h('li', {}, `${c.voidedEntryKey} ${c.replacementEntryKey ? `replaced by ${c.replacementEntryKey}` : 'voided'}: ${c.reason}`)))
        : h('p', {}, 'None.')),
      section('Alerts', alerts instanceof Error ? h('p', {}, `Not shown: ${alerts.message}`)
        : h('ul', {}, alerts.map((x) => h('li', { 'data-alert-id': x.id }, `${x.clinicalOn} ${x.status}: ${x.description}`
          + (x.acknowledgement ? ` (acknowledged by ${x.acknowledgement.by}: ${x.acknowledgement.comment})` : ''))))),
    ),
  ];
}
