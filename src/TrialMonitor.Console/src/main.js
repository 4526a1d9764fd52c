import { createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import { buildSchema } from 'graphql';
import schemaFile from '../../../schema.graphql?raw';
import 'graphiql/graphiql.css';
import { exampleTabs } from './examples.js';

// Queries and mutations over HTTP, subscriptions over graphql-transport-ws, both at /graphql of this host.
const url = new URL('/graphql', window.location.href);
const socketUrl = new URL(url);
socketUrl.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';

// Every request is authenticated: the user pastes {"Authorization": "Bearer <token>"} into the Headers
// tab (./ops/run prints local tokens). HTTP requests carry GraphiQL's headers; a browser cannot set
// headers on a socket, so subscriptions send the same Authorization in graphql-ws connectionParams,
// on a new socket whenever the token changes. Both say they come from the console (events record it).
const consoleSource = { 'X-TrialMonitor-Source': 'console' };

function authorizationOf(headers) {
  const key = Object.keys(headers ?? {}).find((header) => header.toLowerCase() === 'authorization');
  return key ? String(headers[key]) : undefined;
}

let current; // { authorization, client, fetcher } for the token last used
function fetcherFor(headers) {
  const authorization = authorizationOf(headers);
  if (!current || current.authorization !== authorization) {
    current?.client.dispose();
    const client = createClient({
      url: socketUrl.href,
      lazy: true,
      connectionParams: { ...consoleSource, ...(authorization ? { Authorization: authorization } : {}) },
    });
    current = { authorization, client, fetcher: createGraphiQLFetcher({ url: url.href, wsClient: client, headers: consoleSource }) };
  }
  return current.fetcher;
}

const transport = (params, options) => fetcherFor(options?.headers)(params, options);

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

// The schema (docs, completion, validation) comes from GraphiQL's own live introspection (graphql-js's
// query with input value deprecation and the schema description), sent with the Headers tab's headers and
// refetched by its re-fetch button. Only if the server refuses it does the console fall back to the
// schema.graphql it was built with (a test keeps that file equal to the server's), and says so in the
// browser console. <body data-schema-source="live|bundled"> tells which (the browser test reads it).
let switchToBundledSchema = () => {};

function showSchemaSource(source) {
  document.body.dataset.schemaSource = source;
}

function fallBackToBundledSchema(reason) {
  console.warn('TrialMonitor console: live introspection failed; using the bundled schema.graphql instead.', reason);
  showSchemaSource('bundled');
  switchToBundledSchema();
}

function fetcher(params, options) {
  const result = transport(params, options);
  if (params.operationName !== 'IntrospectionQuery') return result;
  return Promise.resolve(result).then(
    (response) => {
      if (!response?.data?.__schema) fallBackToBundledSchema(response?.errors ?? response);
      return response;
    },
    (error) => {
      fallBackToBundledSchema(error);
      throw error;
    },
  );
}

function Console() {
  const [schema, setSchema] = useState(undefined);
  switchToBundledSchema = () => setSchema((current) => current ?? buildSchema(schemaFile));
  return createElement(GraphiQL, {
    // A new key mounts GraphiQL afresh with the bundled schema, without the failed introspection's error.
    key: schema ? 'bundled' : 'live',
    fetcher,
    schema,
    onSchemaChange: () => showSchemaSource('live'),
    inputValueDeprecation: true,
    schemaDescription: true,
    defaultTabs: tabs,
    // GraphiQL fills its editors from these, not from the first default tab: give them that tab while
    // nothing is stored yet (a stored session keeps its own tabs; a linked query is added to them).
    ...(linked || !hasStoredTabs() ? { query: tabs[0].query, variables: tabs[0].variables } : {}),
    defaultEditorToolsVisibility: 'variables',
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  });
}

createRoot(document.getElementById('console')).render(createElement(Console));
