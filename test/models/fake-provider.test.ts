/** The fake provider itself: latency, concurrency, recording. The engine benchmark depends on these. */
import { startFakeProvider, type FakeProvider } from '../support/fake-provider/server.js';
import { ask, clientFor, PROVIDERS } from './harness.js';

let fake: FakeProvider;
afterEach(async () => {
  await fake.close();
});

test('serves concurrent requests concurrently', async () => {
  // Every request waits until all 32 are inside the server: a client that sent them one by
  // one would never get an answer and the test would time out.
  fake = await startFakeProvider({ latencyMs: 20, holdUntilInFlight: 32 });
  const { client } = clientFor(fake, PROVIDERS[1]!);

  const results = await Promise.all(
    Array.from({ length: 32 }, (_, i) => client.complete(ask(`prompt ${i}`))),
  );

  expect(results).toHaveLength(32);
  expect(fake.maxInFlight()).toBe(32);
  expect(fake.inFlight()).toBe(0);
});

test('a responder can answer from the request, and requests are recorded in order', async () => {
  fake = await startFakeProvider({ responder: (r) => ({ type: 'reply', text: `echo: ${r.lastUserText}` }) });
  const { client } = clientFor(fake, PROVIDERS[0]!);

  const first = await client.complete(ask('one'));
  const second = await client.complete(ask('two'));

  expect([first.text, second.text]).toEqual(['echo: one', 'echo: two']);
  expect(fake.requests.map((r) => [r.index, r.api, r.lastUserText])).toEqual([
    [0, 'anthropic', 'one'],
    [1, 'anthropic', 'two'],
  ]);
});

test('unknown routes answer 404', async () => {
  fake = await startFakeProvider();
  const response = await fetch(`${fake.url}/v1/embeddings`, { method: 'POST', body: '{}' });
  expect(response.status).toBe(404);
  expect(fake.requests).toHaveLength(0);
});
