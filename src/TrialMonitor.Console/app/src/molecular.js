// ELN 2020's molecular vocabulary as the pages show it (DOMAIN.md "Molecular response and milestones"): the API
// concludes, the pages only name and colour its conclusions.

/** MolecularLevel, shallowest first; NOT_EVALUABLE (too few ABL1 copies for an undetectable result) is drawn hollow. */
export const levels = [
  { level: 'ABOVE_10', label: '> 10 %', colour: '#d73027' },
  { level: 'ABOVE_1', label: '> 1–10 %', colour: '#fc8d59' },
  { level: 'ABOVE_0_1', label: '> 0.1–1 %', colour: '#d9a400' },
  { level: 'MMR', label: 'MMR', colour: '#91cf60' },
  { level: 'MR4', label: 'MR4', colour: '#1a9850' },
  { level: 'MR4_5', label: 'MR4.5', colour: '#006837' },
  { level: 'MR5', label: 'MR5', colour: '#00441b' },
  { level: 'NOT_EVALUABLE', label: 'not evaluable (too few ABL1 copies)', colour: '#555' },
];
export const level = Object.fromEntries(levels.map((l) => [l.level, l]));
export const evaluable = (result) => result.level !== 'NOT_EVALUABLE';

/** The depths drawn as reference lines on the BCR-ABL1 chart (% IS). */
export const referenceLines = [
  { name: 'MMR', percentIs: 0.1, label: 'MMR 0.1 %' },
  { name: 'MR4', percentIs: 0.01, label: 'MR4 0.01 %' },
  { name: 'MR4.5', percentIs: 0.0032, label: 'MR4.5 0.0032 %' },
];

/** MilestoneAssessment in the order the milestone tables list it. */
export const assessments = [
  { assessment: 'OPTIMAL', label: 'Optimal', colour: '#1a9850' },
  { assessment: 'WARNING', label: 'Warning', colour: '#e08214' },
  { assessment: 'FAILURE', label: 'Failure', colour: '#d7191c' },
  { assessment: 'PENDING', label: 'Pending', colour: '#7f7f7f' },
  { assessment: 'NOT_ASSESSED', label: 'Not assessed', colour: '#a6a6a6' },
];
export const assessment = Object.fromEntries(assessments.map((a) => [a.assessment, a]));
