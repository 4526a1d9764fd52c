import './style.css';
import { h, link } from './html.js';
import { request } from './graphql.js';
import { roles, signIn, signOut, takeTokenFromLink, token, user } from './session.js';
import { cohortPage } from './pages/cohort.js';
import { swimmerPage } from './pages/swimmer.js';
import { improvementPage } from './pages/improvement.js';
import { patientPage } from './pages/patient.js';
import { alertsPage } from './pages/alerts.js';

// The trial pages: routed in the browser under /app; every page reads the public GraphQL API with the user's token.
const routes = [
  [/^\/app\/trials\/([^/]+)\/swimmer\/?$/, swimmerPage],
  [/^\/app\/trials\/([^/]+)\/improvement\/?$/, improvementPage],
  [/^\/app\/trials\/([^/]+)\/?$/, cohortPage],
  [/^\/app\/patients\/([^/]+)\/?$/, patientPage],
  [/^\/app\/alerts\/?$/, alertsPage],
  [/^\/app\/?$/, homePage],
];

let leave = () => {}; // ends the current page's subscriptions

async function render() {
  leave();
  leave = () => {};
  const page = document.getElementById('page');
  const nav = document.getElementById('nav');
  page.replaceChildren();
  document.getElementById('who').replaceChildren(token()
    ? h('span', {}, `${user()} (${roles().join(', ')}) `, h('button', { type: 'button', onclick: () => { signOut(); render(); } }, 'Sign out'))
    : '');
  if (!token()) {
    nav.replaceChildren();
    page.append(signInBox());
    return;
  }
  nav.replaceChildren(link('/app', 'Trials'), link('/app/alerts', 'Alerts'), h('a', { href: '/console' }, 'Console'));
  const path = window.location.pathname;
  const [pattern, show] = routes.find(([p]) => p.test(path)) ?? [];
  if (!show) {
    page.append(h('p', { class: 'error' }, `No page at ${path}.`));
    return;
  }
  try {
    leave = (await show(page, ...pattern.exec(path).slice(1).map(decodeURIComponent))) ?? (() => {});
  } catch (error) {
    page.append(h('p', { class: 'error', role: 'alert' }, error.message));
  }
}

function signInBox() {
  const input = h('textarea', { id: 'token', name: 'token', rows: 4, cols: 80, placeholder: 'eyJhbGciOi…', required: true });
  return h('form', {
    class: 'sign-in',
    onsubmit: (event) => {
      event.preventDefault();
      signIn(input.value);
      render();
    },
  },
  h('h1', {}, 'Sign in'),
  h('p', {}, 'Paste a token (./ops/token ROLE prints one; ./ops/token ROLE --link prints a link that signs in). It is kept for this browser session only.'),
  h('label', { for: 'token' }, 'Token'), input,
  h('p', {}, h('button', { type: 'submit' }, 'Sign in')));
}

async function homePage(page) {
  const data = await request('{ trials { id code title sites } }');
  page.append(h('h1', {}, 'Trials'), h('ul', {}, data.trials.map((trial) => h('li', {},
    h('strong', {}, `${trial.code}: ${trial.title}`), ' — ',
    link(`/app/trials/${trial.id}`, 'cohort'), ' · ',
    link(`/app/trials/${trial.id}/swimmer`, 'swimmer plot'), ' · ',
    link(`/app/trials/${trial.id}/improvement`, 'duration of improvement'), ' · ',
    link(`/app/alerts?trial=${trial.id}`, 'alerts')))));
}

// Links inside the pages navigate without reloading (the token stays, sockets are closed by the page left).
document.addEventListener('click', (event) => {
  const anchor = event.target.closest?.('a[data-link]');
  if (!anchor || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  history.pushState(null, '', anchor.getAttribute('href'));
  render();
});
window.addEventListener('popstate', render);

takeTokenFromLink();
render();
