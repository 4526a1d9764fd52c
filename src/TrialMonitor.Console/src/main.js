import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import { buildClientSchema, buildSchema, getIntrospectionQuery } from 'graphql';
import schemaFile from '../../../schema.graphql?raw';
import 'graphiql/graphiql.css';
import { exampleTabs } from './examples.js';

// Queries and mutations over HTTP, subscriptions over graphql-transport-ws, both at /graphql of this host.
const url = new URL('/graphql', window.location.href);
const socketUrl = new URL(url);
socketUrl.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';

const fetcher = createGraphiQLFetcher({
  url: url.href,
  wsClient: createClient({ url: socketUrl.href, lazy: true }),
});

// ?query=...&variables=... opens that operation in the first tab (links, the browser test).
const params = new URLSearchParams(window.location.search);
const linked = params.get('query');
const tabs = linked
  ? [{ query: linked, variables: params.get('variables') ?? undefined }, ...exampleTabs]
  : exampleTabs;

function hasStoredTabs() {
  try {
    return window.localStorage.getItem('graphiql:tabState') !== null;
  } catch {
    return false;
  }
}

// The schema (docs, completion, validation) by introspection; when the server refuses it (its query
// limits), the schema.graphql this console was built with, which a test keeps equal to the server's.
async function loadSchema() {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: getIntrospectionQuery(), operationName: 'IntrospectionQuery' }),
    });
    const result = await response.json();
    if (result.data) return buildClientSchema(result.data);
    console.warn('introspection refused; using the bundled schema.graphql', result.errors);
  } catch (error) {
    console.warn('introspection failed; using the bundled schema.graphql', error);
  }
  return buildSchema(schemaFile);
}

const schema = await loadSchema();

createRoot(document.getElementById('console')).render(
  createElement(GraphiQL, {
    fetcher,
    schema,
    defaultTabs: tabs,
    // GraphiQL fills its editors from these, not from the first default tab: give them that tab while
    // nothing is stored yet (a stored session keeps its own tabs; a linked query is added to them).
    ...(linked || !hasStoredTabs() ? { query: tabs[0].query, variables: tabs[0].variables } : {}),
    defaultEditorToolsVisibility: 'variables',
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  }),
);
