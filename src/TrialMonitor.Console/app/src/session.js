// The user's token, kept for the browser session (sessionStorage): typed into the sign-in box or given
// in a link as /app/...#token=<jwt> (./ops/token ROLE --link prints one). The fragment never reaches a server.
const key = 'trialmonitor:token';

export function takeTokenFromLink() {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match) return;
  signIn(decodeURIComponent(match[1]));
  history.replaceState(null, '', window.location.pathname + window.location.search);
}

export const token = () => sessionStorage.getItem(key);

export function signIn(value) {
  sessionStorage.setItem(key, value.trim().replace(/^Bearer\s+/i, ''));
}

export function signOut() {
  sessionStorage.removeItem(key);
}

/** The token's claims (read only to decide what to offer; the server decides what is allowed). */
export function claims() {
  try {
    const payload = token().split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload));
  } catch {
    return {};
  }
}

const asList = (value) => (value === undefined ? [] : [].concat(value));
export const roles = () => asList(claims().role);
export const sites = () => asList(claims().site);
export const user = () => claims().sub ?? '';
