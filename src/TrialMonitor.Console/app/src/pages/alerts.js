import { h, link } from '../html.js';
import { request, subscribe } from '../graphql.js';
import { roles } from '../session.js';
import { heading, status } from './common.js';

const kinds = ['REPORTED_TOXICITY', 'LAB_TOXICITY', 'DOSE_REDUCED', 'DOSE_INTERRUPTED', 'THERAPY_DISCONTINUED', 'TRANSFORMATION', 'DEATH',
  'HEMATOLOGIC_RELAPSE', 'CYTOGENETIC_RELAPSE', 'LOSS_OF_IMPROVED_RESPONSE', 'MOLECULAR_MILESTONE_FAILURE',
  'LOSS_OF_MAJOR_MOLECULAR_RESPONSE'];

const fields = 'id cursor status kind trialId studyCode site patientId subjectId term grade clinicalOn description acknowledgement { by comment at }';

const feed = `subscription AlertInbox($filter: AlertFilter, $after: String) {
  alerts(filter: $filter, after: $after) { ${fields} }
}`;

const acknowledge = `mutation AcknowledgeAlert($alertId: ID!, $comment: String!) {
  acknowledgeAlert(alertId: $alertId, comment: $comment) { alert { ${fields} } }
}`;

// The cursor of the last alert this browser received, kept across visits: later ones are unread.
const seenKey = 'trialmonitor:alerts-seen';
const position = (cursor) => BigInt(cursor ?? 0); // the feed's cursors are its positions, in feed order

/**
 * The live alert inbox: every open alert matching the filters, the latest raised first, pushed as it is raised;
 * safety monitors acknowledge with a comment (others are not offered the form).
 */
export async function alertsPage(page) {
  const params = new URLSearchParams(window.location.search);
  const filter = {
    trialId: params.get('trial') || undefined,
    site: params.get('site') || undefined,
    kinds: params.getAll('kind').filter(Boolean),
    minimumGrade: params.get('grade') ? Number(params.get('grade')) : undefined,
  };
  if (!filter.kinds.length) delete filter.kinds;
  const variables = { filter };
  const { trials } = await request('{ trials { id code sites } }');
  const mayAcknowledge = roles().includes('safety_monitor');
  const lastVisit = localStorage.getItem(seenKey);

  const alerts = new Map();
  const list = h('ul', { id: 'alerts', class: 'alerts', 'aria-live': 'polite' });
  const live = status('Connecting…');
  let received = 0;

  let scheduled = false;
  const render = () => {
    scheduled = false;
    const open = [...alerts.values()].filter((a) => a.status === 'OPEN').reverse(); // the latest raised first
    const unread = open.filter((a) => lastVisit === null || position(a.raisedCursor) > position(lastVisit)).length;
    live.textContent = `Live: ${open.length} open, ${unread} unread since your last visit (${received} changes received).`;
    list.dataset.open = String(open.length);
    list.replaceChildren(...open.map((alert) => item(alert, lastVisit, mayAcknowledge, async (comment) => {
      const result = await request(acknowledge, { alertId: alert.id, comment });
      receive(result.acknowledgeAlert.alert);
    })));
  };
  const receive = (alert) => {
    const known = alerts.get(alert.id);
    alerts.set(alert.id, { ...alert, raisedCursor: known?.raisedCursor ?? alert.cursor });
    if (laterThanStored(alert.cursor)) localStorage.setItem(seenKey, alert.cursor);
    // Once per frame: the stored feed arrives as a burst of changes when the page opens.
    if (!scheduled) requestAnimationFrame(render);
    scheduled = true;
  };

  page.append(
    heading('Alerts', feed, { ...variables, after: null }),
    filters(trials, filter),
    mayAcknowledge ? '' : h('p', { class: 'note' }, 'Read-only: only a safety monitor acknowledges alerts.'),
    live, list);
  render();
  return subscribe(feed, { ...variables, after: null }, (data) => {
    received += 1;
    receive(data.alerts);
  }, (error) => { live.textContent = `Live alerts stopped: ${error.message}`; });
}

function laterThanStored(cursor) {
  const stored = localStorage.getItem(seenKey);
  return stored === null || position(cursor) > position(stored);
}

function item(alert, lastVisit, mayAcknowledge, onAcknowledge) {
  const unread = lastVisit === null || position(alert.raisedCursor) > position(lastVisit);
  const comment = h('input', { name: 'comment', placeholder: 'Comment (required)', required: true, 'aria-label': `Comment on alert ${alert.id}` });
  const problem = h('span', { class: 'error', role: 'alert' });
  return h('li', { 'data-alert-id': alert.id, 'data-kind': alert.kind, 'data-subject-id': alert.subjectId, class: unread ? 'unread' : '' },
    h('div', {}, unread ? h('strong', { class: 'badge' }, 'new') : '', ' ',
      h('span', { class: 'kind' }, alert.kind.toLowerCase().replaceAll('_', ' ')), alert.grade ? ` grade ${alert.grade}` : '', ' · ',
      `${alert.studyCode} ${alert.site} `, link(`/app/patients/${alert.patientId}`, alert.subjectId), ` · ${alert.clinicalOn}`),
    h('div', {}, alert.description),
    mayAcknowledge ? h('form', {
      class: 'acknowledge',
      onsubmit: async (event) => {
        event.preventDefault();
        problem.textContent = '';
        try {
          await onAcknowledge(comment.value);
        } catch (error) {
          problem.textContent = error.message;
        }
      },
    }, comment, h('button', { type: 'submit' }, 'Acknowledge'), problem) : '');
}

function filters(trials, filter) {
  const sites = [...new Set(trials.flatMap((t) => t.sites))].sort();
  const option = (value, label, selected) => h('option', { value, selected }, label);
  return h('form', { class: 'filters', method: 'get', action: '/app/alerts' },
    h('label', {}, 'Trial ', h('select', { name: 'trial' }, option('', 'all'), trials.map((t) => option(t.id, t.code, t.id === filter.trialId)))),
    h('label', {}, ' Site ', h('select', { name: 'site' }, option('', 'all'), sites.map((s) => option(s, s, s === filter.site)))),
    h('label', {}, ' Kind ', h('select', { name: 'kind' }, option('', 'all'), kinds.map((k) => option(k, k.toLowerCase().replaceAll('_', ' '), filter.kinds?.includes(k))))),
    h('label', {}, ' Grade at least ', h('select', { name: 'grade' }, option('', 'any'), [1, 2, 3, 4, 5].map((g) => option(g, g, g === filter.minimumGrade)))),
    ' ', h('button', { type: 'submit' }, 'Filter'));
}
