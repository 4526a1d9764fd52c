// Runs a subscription and, while it streams, a query over one graphql-transport-ws socket with
// the real graphql-ws client. Prints {"query": <result>, "events": [<results>...]} as JSON.
// Usage: node subscribe-and-query.mjs ws://127.0.0.1:PORT/graphql <topic>
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, topic = 'graphql-ws-client'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node subscribe-and-query.mjs <ws-url> [topic]');
  process.exit(2);
}

const timeout = setTimeout(() => fail(new Error('timed out after 20 s')), 20_000);

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  lazy: false,
  retryAttempts: 0,
  connectionParams: { client: 'graphql-ws' },
  onNonLazyError: fail,
});

function fail(error) {
  console.error('graphql-ws client failed:', error instanceof Error ? error.message : JSON.stringify(error));
  process.exit(1);
}

// Resolves with every result the operation produced once the server completes it.
function run(payload) {
  return new Promise((resolve, reject) => {
    const results = [];
    client.subscribe(payload, {
      next: (result) => results.push(result),
      error: reject,
      complete: () => resolve(results),
    });
  });
}

try {
  const events = run({
    query: 'subscription Ticks($topic: String!) { ticks(topic: $topic) }',
    variables: { topic },
  });
  const [query] = await run({ query: 'query Hello($name: String) { hello(name: $name) }', variables: { name: 'node' } });
  const output = { query, events: await events };
  console.log(JSON.stringify(output));
  clearTimeout(timeout);
  await client.dispose();
  process.exit(0);
} catch (error) {
  fail(error);
}
