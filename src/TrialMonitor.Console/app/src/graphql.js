import { createClient } from 'graphql-ws';
import { token } from './session.js';

// The public GraphQL API of this host, with the user's token: queries and mutations over HTTP,
// subscriptions over graphql-transport-ws (the token in connectionParams, as the console sends it).
const url = new URL('/graphql', window.location.href).href;
const source = { 'X-TrialMonitor-Source': 'app' };

export class GraphQLError extends Error {}

export async function request(query, variables) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      authorization: `Bearer ${token()}`,
      ...source,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => ({ errors: [{ message: `HTTP ${response.status}` }] }));
  if (body.errors?.length) throw new GraphQLError(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

let client;
let clientToken;
function socket() {
  if (!client || clientToken !== token()) {
    client?.dispose();
    clientToken = token();
    const socketUrl = new URL(url);
    socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    client = createClient({ url: socketUrl.href, lazy: true, connectionParams: { Authorization: `Bearer ${clientToken}`, ...source } });
  }
  return client;
}

/** Calls next(data) for every pushed result; returns a function that ends the subscription. */
export function subscribe(query, variables, next, error = () => {}) {
  return socket().subscribe({ query, variables }, {
    next: (result) => (result.errors?.length ? error(new GraphQLError(result.errors.map((e) => e.message).join('; '))) : next(result.data)),
    error: (e) => error(e instanceof Error ? e : new GraphQLError(e?.reason ?? e?.message ?? 'the subscription failed')),
    complete: () => {},
  });
}

/** A link that opens the query in the console, to take it further there. */
export function consoleLink(query, variables) {
  const params = new URLSearchParams({ query });
  if (variables) params.set('variables', JSON.stringify(variables, null, 2));
  return `/console?${params}`;
}
