// The console's default tabs: the paper's tables and the everyday operations, against the demo trial.
export const demoTrialId = '0e82e362-1d1a-4ed1-3b00-000000000473';

const vars = (value) => JSON.stringify(value, null, 2);

const cohortTables = `# Tables 1-3 of Kantarjian et al. (Blood 2003;101:473), recomputed from the patients' events.
# Press the run button (or Ctrl-Enter). The demo trial is loaded by ./ops/run.
query CohortTables($trialId: ID!) {
  cohort(trialId: $trialId) {
    asOf
    table1 {
      patients
      rows { characteristic count { display } }
    }
    table2 {
      lines {
        resistanceOrRelapse
        patientsTreated
        monthsOnStandardDose { display }
        complete { display }
        partial { display }
        minor { display }
        hematologicDisplay
      }
      unclassifiedSubjectIds
    }
    table3 {
      subjectId
      conventionalDisplay
      lowestAfterIncreaseDisplay
      responseDisplay
    }
  }
}
`;

const patients = `# A page of the trial's patients; pass pageInfo.endCursor as $after for the next page.
# filter: site, indication, cytogeneticCategory, table2Row (every condition given must hold).
query Patients($trialId: ID!, $first: Int, $after: String, $filter: PatientFilter) {
  patients(trialId: $trialId, first: $first, after: $after, filter: $filter,
           orderBy: { field: SUBJECT_ID, direction: ASC }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id
        subjectId
        site
        assessment {
          currentDailyDoseMg
          escalatedOn
          latestCytogenetic { assessedOn phPositivePercent category byFish }
          latestHematologic
          table2Row
          improvement { display }
        }
      }
    }
  }
}
`;

const aPatient = `# One patient's chart: the baseline, what the rules derive, and the entries in force.
# KAN-01 of the demo trial; take other ids from the Patients tab.
query APatient($id: ID!) {
  patient(id: $id) {
    subjectId
    site
    version
    baseline { ageAtEnrolment sex diseaseGroupAtStandardDose }
    assessment {
      currentDailyDoseMg
      escalatedOn
      protocolStatus { escalationIndicated indications indicatedOn }
      latestCytogenetic { assessedOn phPositivePercent category }
      table2Row
      improvement { display censored durationMonths }
      discrepancies { assessedOn kind reported derived }
    }
    cytogenetics { entryKey cytogenetics { collectedOn phPositivePercent method cellsAnalysed } }
    doses { entryKey dose { effectiveOn action dailyDoseMg } }
  }
}
`;

const watchCohort = `# The cohort tables again after each committed change to the trial's patients.
# Start it, then run "Record a karyotype" in another tab.
subscription WatchTheCohort($trialId: ID!) {
  cohortChanged(trialId: $trialId) {
    table1 { patients }
    table3 { subjectId responseDisplay }
  }
}
`;

const recordKaryotype = `# Records a karyotype for KAN-01 of the demo trial (other ids: the Patients tab).
# entryKey is the lab accession number: sending the same key again appends nothing.
mutation RecordAKaryotype($patientId: ID!, $entryKey: String!, $cytogenetics: CytogeneticAssessmentInput!) {
  recordCytogenetics(patientId: $patientId, entryKey: $entryKey, cytogenetics: $cytogenetics) {
    entryKey
    version
    alreadyRecorded
    patient {
      subjectId
      assessment { latestCytogenetic { assessedOn phPositivePercent category } improvement { display } }
    }
  }
}
`;

export const exampleTabs = [
  { query: cohortTables, variables: vars({ trialId: demoTrialId }) },
  { query: patients, variables: vars({ trialId: demoTrialId, first: 10, after: null, filter: { cytogeneticCategory: 'COMPLETE' } }) },
  { query: aPatient, variables: vars({ id: '2c0a8c7c-4d78-fffb-9537-bb51ac6444f2' }) },
  { query: watchCohort, variables: vars({ trialId: demoTrialId }) },
  {
    query: recordKaryotype,
    variables: vars({
      patientId: '2c0a8c7c-4d78-fffb-9537-bb51ac6444f2',
      entryKey: 'CYTO-CONSOLE-0001',
      cytogenetics: { collectedOn: '2002-09-01', phPositivePercent: 0, method: 'KARYOTYPE', cellsAnalysed: 20, clonalEvolution: false },
    }),
  },
];
