import { h, link, section, table } from '../html.js';
import { request, subscribe } from '../graphql.js';
import { heading, patientsOf, status } from './common.js';
import { hasMolecularResults, molecularCohortSection, molecularCohortSelection } from './cohortMolecular.js';

const selection = `
    asOf
    table1 { patients ageYears { display } rows { characteristic count { display } } }
    table2 { lines { resistanceOrRelapse patientsTreated monthsOnStandardDose { display } hematologicDisplay
                     complete { display } partial { display } minor { display } } unclassifiedSubjectIds }
    table3 { subjectId conventionalDisplay lowestAfterIncreaseDisplay responseDisplay }
    disposition { patients onTherapyInChronicPhase onTherapyAfterTransformation discontinued died diedOnTherapy
                  diedAfterDiscontinuation discontinuedBy { reason patients } diedOf { cause patients } }
    doseReductions { patients reductions patientsForPancytopenia patientsForOtherToxicity otherToxicityTerms { term patients } }
    doseIntensity { months patientsOnTherapy medianDailyDoseMg }
    followUp { display }
    monthsOnStandardDose { display }
    discrepancies { subjectId discrepancy { assessedOn kind reported derived } }
    ${molecularCohortSelection}`;

export const cohortQuery = `query Cohort($trialId: ID!) {
  trial(id: $trialId) { code title }
  cohort(trialId: $trialId) {${selection}
  }
}`;

const watchQuery = `subscription WatchTheCohort($trialId: ID!) { cohortChanged(trialId: $trialId) {${selection} } }`;

export async function cohortPage(page, trialId) {
  const variables = { trialId };
  const [data, patients] = await Promise.all([request(cohortQuery, variables), patientsOf(trialId)]);
  const body = h('div', { id: 'cohort' });
  const live = status('Live: the tables update as entries are recorded.');
  page.append(
    heading(`${data.trial?.code ?? ''} cohort`, cohortQuery, variables),
    h('p', {}, data.trial?.title ?? '', '. Tables 1–3 as in Kantarjian et al. (Blood 2003); the molecular response under ELN 2020.'),
    h('p', { class: 'links' }, h('a', { href: `/app/trials/${trialId}/swimmer`, 'data-link': true }, 'Swimmer plot of Table 3'), ' · ',
      h('a', { href: `/app/trials/${trialId}/improvement`, 'data-link': true }, 'Duration of improvement (Kaplan–Meier)')),
    live, body);
  const show = (cohort) => body.replaceChildren(...cohortSections(cohort, patients));
  show(data.cohort);
  let updates = 0;
  return subscribe(watchQuery, variables, (pushed) => {
    show(pushed.cohortChanged);
    updates += 1;
    body.dataset.updates = String(updates);
    live.textContent = `Live: updated ${updates} time(s), last at ${new Date().toLocaleTimeString()}.`;
  }, (error) => { live.textContent = `Live updates stopped: ${error.message}`; });
}

function subject(patients, subjectId) {
  const patient = patients.get(subjectId);
  return patient ? link(`/app/patients/${patient.id}`, subjectId) : subjectId;
}

function cohortSections(cohort, patients) {
  if (!cohort) return [h('p', {}, 'No cohort for this trial.')];
  const t1 = cohort.table1;
  const dispo = cohort.disposition;
  const doses = cohort.doseReductions;
  // A trial with PCR results shows its molecular response first; one without says so after the paper's tables.
  const molecular = molecularCohortSection(cohort.molecular, (subjectId) => subject(patients, subjectId));
  const molecularFirst = hasMolecularResults(cohort.molecular);
  return [
    h('p', {}, cohort.asOf ? `Data cut-off ${cohort.asOf}.` : 'No data cut-off: everything recorded is read.'),
    molecularFirst ? molecular : null,
    section(`Table 1. Characteristics of the ${t1.patients} patients`,
      h('p', {}, `Median age ${t1.ageYears?.display ?? '—'} years.`),
      table(['Characteristic', 'No. (%)'], t1.rows.map((row) => h('tr', {}, h('td', {}, row.characteristic), h('td', { class: 'n' }, row.count.display))))),
    section('Table 2. Response to dose escalation',
      table(['Resistance or relapse', 'No. treated', 'Months on 400 mg', 'CHR/PHR', 'Complete', 'Partial', 'Minor'],
        cohort.table2.lines.map((line) => h('tr', {},
          h('td', {}, line.resistanceOrRelapse), h('td', { class: 'n' }, line.patientsTreated),
          h('td', { class: 'n' }, line.monthsOnStandardDose?.display ?? ''), h('td', { class: 'n' }, line.hematologicDisplay),
          h('td', { class: 'n' }, line.complete.display), h('td', { class: 'n' }, line.partial.display), h('td', { class: 'n' }, line.minor.display)))),
      h('p', { class: 'note' }, '* by FISH. ', cohort.table2.unclassifiedSubjectIds.length
        ? `Escalated but not placed in a row: ${cohort.table2.unclassifiedSubjectIds.join(', ')}.` : '')),
    section(`Table 3. Improved cytogenetic response after escalation (${cohort.table3.length} patients)`,
      table(['Patient', 'Ph+ % on conventional imatinib, lowest/preincrease', 'Lowest Ph+ % after dose increase', 'Improved response, type/duration (mo)'],
        cohort.table3.map((line) => h('tr', { 'data-subject-id': line.subjectId },
          h('td', {}, subject(patients, line.subjectId)), h('td', { class: 'n' }, line.conventionalDisplay),
          h('td', { class: 'n' }, line.lowestAfterIncreaseDisplay), h('td', { class: 'n' }, line.responseDisplay)))),
      h('p', { class: 'note' }, '+ still ongoing (censored); † escalated for hematologic relapse or resistance; (FISH) by fluorescence in situ hybridisation.')),
    section('Disposition',
      h('ul', {},
        h('li', {}, `${dispo.onTherapyInChronicPhase} of ${dispo.patients} on therapy in chronic phase, ${dispo.onTherapyAfterTransformation} after transformation`),
        h('li', {}, `${dispo.discontinued} discontinued: `, dispo.discontinuedBy.map((d) => `${d.reason.toLowerCase().replaceAll('_', ' ')} ${d.patients}`).join(', ')),
        h('li', {}, `${dispo.died} died (${dispo.diedOnTherapy} on therapy, ${dispo.diedAfterDiscontinuation} after discontinuation): `,
          dispo.diedOf.map((d) => `${d.cause.toLowerCase().replaceAll('_', ' ')} ${d.patients}`).join(', ')))),
    section('Dose',
      h('ul', {},
        h('li', {}, `Median time on 400 mg before escalation: ${cohort.monthsOnStandardDose?.display ?? '—'} months`),
        h('li', {}, `Dose reduced in ${doses.patients} patients (${doses.reductions} reductions): ${doses.patientsForPancytopenia} for pancytopenia, `
          + `${doses.patientsForOtherToxicity} for other toxicity (${doses.otherToxicityTerms.map((t) => `${t.term} ${t.patients}`).join(', ')})`),
        cohort.doseIntensity.map((d) => h('li', {}, `${d.months} months after escalation: median daily dose ${d.medianDailyDoseMg ?? '—'} mg over ${d.patientsOnTherapy} patients on therapy`)),
        h('li', {}, `Follow-up after escalation: ${cohort.followUp.display} months`))),
    section(`Discrepancies (${cohort.discrepancies.length})`,
      table(['Patient', 'Assessed', 'Kind', 'Reported', 'Derived'], cohort.discrepancies.map((d) => h('tr', { 'data-subject-id': d.subjectId },
        h('td', {}, subject(patients, d.subjectId)), h('td', {}, d.discrepancy.assessedOn), h('td', {}, d.discrepancy.kind.toLowerCase().replaceAll('_', ' ')),
        h('td', {}, d.discrepancy.reported), h('td', {}, d.discrepancy.derived))))),
    molecularFirst ? null : molecular,
  ].filter(Boolean);
}
