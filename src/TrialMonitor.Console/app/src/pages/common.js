import { h } from '../html.js';
import { consoleLink, request } from '../graphql.js';

/** The page's heading with the link that opens its query in the console. */
export function heading(title, query, variables) {
  return h('div', { class: 'heading' },
    h('h1', {}, title),
    h('a', { href: consoleLink(query, variables), class: 'console-link', 'data-console-link': true, target: '_blank' },
      'Open this query in the console'));
}

export function status(text) {
  return h('p', { class: 'status', role: 'status' }, text);
}

/** Every patient of the trial the user may read: subject id → patient (a page of 100 at a time). */
export async function patientsOf(trialId, selection = 'id subjectId') {
  const patients = [];
  let after = null;
  do {
    const data = await request(`query($t: ID!, $after: String) { patients(trialId: $t, first: 100, after: $after) {
      pageInfo { hasNextPage endCursor } edges { node { ${selection} } } } }`, { t: trialId, after });
    patients.push(...data.patients.edges.map((edge) => edge.node));
    after = data.patients.pageInfo.hasNextPage ? data.patients.pageInfo.endCursor : null;
  } while (after);
  return new Map(patients.map((p) => [p.subjectId, p]));
}
