/**
 * Both SDK adapters, through the real SDKs over HTTP against the fake
 * provider: replies, usage with cache fields, streaming, retries, timeouts
 * and unrecoverable errors.
 */
import { inspect } from 'node:util';
import { ModelApiError } from '../../src/errors.js';
import { startFakeProvider, type FakeProvider } from '../support/fake-provider/server.js';
import { ask, clientFor, PROVIDERS, rejectionOf, TEST_KEY } from './harness.js';

let fake: FakeProvider;

beforeEach(async () => {
  fake = await startFakeProvider();
});

afterEach(async () => {
  await fake.close();
});

describe.each(PROVIDERS)('$backend adapter', (provider) => {
  const usage = {
    input: 120,
    output: 7,
    cacheRead: 900,
    cacheWrite: provider.backend === 'anthropic' ? 300 : 0,
  };
  const expectedUsage = {
    inputTokens: 120,
    outputTokens: 7,
    cacheReadTokens: 900,
    cacheWriteTokens: provider.backend === 'anthropic' ? 300 : 0,
  };

  test('returns text, usage with cache fields, stop reason and model (non-streaming)', async () => {
    fake.enqueue({ type: 'reply', text: 'The answer is 42.', usage, model: `${provider.model}-20990101` });
    const { client } = clientFor(fake, provider);

    const result = await client.complete(ask('question'));

    expect(result.text).toBe('The answer is 42.');
    expect(result.usage).toEqual(expectedUsage);
    expect(result.stopReason).toBe(provider.stopReason);
    expect(result.model).toBe(`${provider.model}-20990101`);
    expect(result.attempts).toBe(1);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.stream).toBe(false);
    expect(fake.requests[0]?.model).toBe(provider.model);
  });

  test('streams text deltas through onText and still reports usage and stop reason', async () => {
    fake.enqueue({
      type: 'reply',
      text: 'streamed reply',
      chunks: ['str', 'eamed', ' reply'],
      usage,
      stopReason: 'max_tokens',
    });
    const { client } = clientFor(fake, provider);
    const deltas: string[] = [];

    const result = await client.complete(ask('question', { onText: (d) => deltas.push(d) }));

    expect(deltas).toEqual(['str', 'eamed', ' reply']);
    expect(result.text).toBe('streamed reply');
    expect(result.usage).toEqual(expectedUsage);
    expect(result.stopReason).toBe('max_tokens');
    expect(fake.requests[0]?.stream).toBe(true);
  });

  test('uses the request model over the default model', async () => {
    const { client } = clientFor(fake, provider);
    await client.complete(ask('q', { model: 'other-model' }));
    expect(fake.requests[0]?.model).toBe('other-model');
  });

  test('429 with retry-after: waits the asked time, retries, succeeds on attempt 2', async () => {
    fake.enqueue(
      { type: 'error', status: 429, headers: { 'retry-after': '1' } },
      { type: 'reply', text: 'after wait' },
    );
    const { client, retries } = clientFor(fake, provider);

    const result = await client.complete(ask('q'));

    expect(result.text).toBe('after wait');
    expect(result.attempts).toBe(2);
    expect(fake.requests).toHaveLength(2);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({
      provider: provider.backend,
      attempt: 1,
      maxAttempts: 3,
      status: 429,
      delayMs: 1000,
    });
  });

  test('retry-after-ms takes precedence over retry-after', async () => {
    fake.enqueue(
      { type: 'error', status: 429, headers: { 'retry-after-ms': '25', 'retry-after': '30' } },
      { type: 'reply', text: 'ok' },
    );
    const { client, retries } = clientFor(fake, provider);
    await client.complete(ask('q'));
    expect(retries.map((r) => r.delayMs)).toEqual([25]);
  });

  test('529 overloaded, then success', async () => {
    fake.enqueue({ type: 'error', status: 529 }, { type: 'reply', text: 'recovered' });
    const { client, retries } = clientFor(fake, provider);

    const result = await client.complete(ask('q'));

    expect(result).toMatchObject({ text: 'recovered', attempts: 2 });
    expect(retries[0]?.status).toBe(529);
    expect(fake.requests).toHaveLength(2);
  });

  test('an HTTP error before a stream starts is retried like any other', async () => {
    fake.enqueue({ type: 'error', status: 529 }, { type: 'reply', text: 'streamed after retry' });
    const { client, retries } = clientFor(fake, provider);
    const deltas: string[] = [];

    const result = await client.complete(ask('q', { onText: (d) => deltas.push(d) }));

    expect(result).toMatchObject({ text: 'streamed after retry', attempts: 2 });
    expect(deltas.join('')).toBe('streamed after retry');
    expect(retries[0]).toMatchObject({ status: 529, streamedChars: 0 });
    expect(fake.requests.map((r) => r.stream)).toEqual([true, true]);
  });

  test('500, then success', async () => {
    fake.enqueue({ type: 'error', status: 500 }, { type: 'reply', text: 'recovered' });
    const { client, retries } = clientFor(fake, provider);

    const result = await client.complete(ask('q'));

    expect(result).toMatchObject({ text: 'recovered', attempts: 2 });
    expect(retries[0]?.status).toBe(500);
  });

  test('an error event in the middle of a stream is retried and the retry reports the discarded text', async () => {
    const overloaded = provider.backend === 'anthropic' ? 'overloaded_error' : 'server_error';
    fake.enqueue(
      { type: 'stream-error', afterText: 'partial', errorType: overloaded },
      { type: 'reply', text: 'whole' },
    );
    const { client, retries } = clientFor(fake, provider);
    const deltas: string[] = [];

    const result = await client.complete(ask('q', { onText: (d) => deltas.push(d) }));

    expect(result).toMatchObject({ text: 'whole', attempts: 2 });
    expect(deltas.join('')).toBe('partialwhole');
    expect(retries[0]?.streamedChars).toBe('partial'.length);
  });

  test('5xx forever: ModelApiError, retryable, with the last status, after maxRetries + 1 requests', async () => {
    fake.setResponder(() => ({ type: 'error', status: 503 }));
    const { client, retries } = clientFor(fake, provider, { maxRetries: 2 });

    const error = await rejectionOf(client.complete(ask('q')));

    expect(error).toBeInstanceOf(ModelApiError);
    expect(error).toMatchObject({ provider: provider.backend, status: 503, retryable: true, exitCode: 4 });
    expect((error as ModelApiError).message).toContain('gave up after 3 attempts');
    expect(fake.requests).toHaveLength(3);
    expect(retries).toHaveLength(2);
  });

  test('401: fails at once with the key variable in the fix, and never shows the key', async () => {
    fake.enqueue({ type: 'error', status: 401 });
    const { client, retries } = clientFor(fake, provider);

    const error = (await rejectionOf(client.complete(ask('q')))) as ModelApiError;

    expect(error).toBeInstanceOf(ModelApiError);
    expect(error).toMatchObject({ status: 401, retryable: false, provider: provider.backend });
    const keyEnv = provider.backend === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY';
    expect(error.fix).toContain(`check ${keyEnv}`);
    expect(fake.requests).toHaveLength(1);
    expect(retries).toHaveLength(0);
    // inspect() prints the cause chain too, as loggers do.
    const shown = `${error.describe()} ${inspect(error, { depth: 10 })}`;
    expect(shown).not.toContain(TEST_KEY);
    expect(shown).not.toContain('SECRET');
    expect(shown).not.toContain(TEST_KEY.slice(-4));
  });

  test('404: unknown model, named in the fix, no retries', async () => {
    fake.enqueue({ type: 'error', status: 404 });
    const { client } = clientFor(fake, provider);

    const error = (await rejectionOf(client.complete(ask('q')))) as ModelApiError;

    expect(error).toMatchObject({ status: 404, retryable: false });
    expect(error.fix).toContain(`unknown model '${provider.model}': check \`model\``);
    expect(fake.requests).toHaveLength(1);
  });

  test('400: request rejected without retries, with the provider message', async () => {
    fake.enqueue({
      type: 'error',
      status: 400,
      message: 'prompt is too long: 250000 tokens > 200000 maximum',
    });
    const { client } = clientFor(fake, provider);

    const error = (await rejectionOf(client.complete(ask('q')))) as ModelApiError;

    expect(error).toMatchObject({ status: 400, retryable: false });
    expect(error.message).toContain('prompt is too long');
    expect(fake.requests).toHaveLength(1);
  });

  test('a response slower than the timeout: retried, then a retryable timeout error', async () => {
    fake.setResponder(() => ({ type: 'slow', ms: 30_000 }));
    // A deadline a loaded machine can meet before the request reaches the server (counted below).
    const { client, retries } = clientFor(fake, provider, { timeoutMs: 1000, maxRetries: 1 });

    const error = (await rejectionOf(client.complete(ask('q')))) as ModelApiError;

    expect(error).toBeInstanceOf(ModelApiError);
    expect(error).toMatchObject({ retryable: true, status: undefined });
    expect(error.message).toContain('timeout after 1000 ms');
    expect(fake.requests).toHaveLength(2);
    expect(retries[0]?.reason).toBe('timeout after 1000 ms');
  });

  test('a stream that goes silent times out (the timeout bounds silence between events)', async () => {
    fake.setResponder(() => ({ type: 'stall-stream', afterText: 'so far' }));
    // Generous enough that a loaded machine still delivers the first event before it: the point is
    // the silence after it, so the test first proves the stream had started.
    const { client } = clientFor(fake, provider, { timeoutMs: 1500, maxRetries: 0 });
    const received: string[] = [];

    const error = (await rejectionOf(
      client.complete(ask('q', { onText: (delta) => received.push(delta) })),
    )) as ModelApiError;

    expect(received.join('')).toBe('so far');
    expect(error).toMatchObject({ retryable: true });
    expect(error.message).toContain('timeout');
    expect(fake.requests).toHaveLength(1);
  });

  test('a slow response within the timeout succeeds', async () => {
    fake.enqueue({ type: 'slow', ms: 50, then: { type: 'reply', text: 'late but fine' } });
    const { client } = clientFor(fake, provider, { timeoutMs: 5_000 });
    await expect(client.complete(ask('q'))).resolves.toMatchObject({ text: 'late but fine', attempts: 1 });
  });

  test.each([false, true])(
    'a malformed body (streaming: %s) is a ModelApiError, not retried',
    async (streaming) => {
      fake.setResponder(() => ({ type: 'malformed' }));
      const { client } = clientFor(fake, provider);

      const error = (await rejectionOf(
        client.complete(ask('q', streaming ? { onText: () => undefined } : {})),
      )) as ModelApiError;

      expect(error).toBeInstanceOf(ModelApiError);
      expect(error).toMatchObject({ retryable: false, provider: provider.backend });
      expect(error.message).toContain('malformed response');
      expect(fake.requests).toHaveLength(1);
    },
  );

  test('a connection reset is retried', async () => {
    fake.enqueue({ type: 'reset' }, { type: 'reply', text: 'back' });
    const { client, retries } = clientFor(fake, provider);

    const result = await client.complete(ask('q'));

    expect(result).toMatchObject({ text: 'back', attempts: 2 });
    expect(retries[0]).toMatchObject({ status: undefined, reason: 'connection error' });
  });

  test('connection refused everywhere: retryable ModelApiError naming the base URL', async () => {
    const { client } = clientFor(fake, provider, { maxRetries: 1 });
    const base = provider.baseUrl(fake);
    await fake.close();
    fake = await startFakeProvider();

    const error = (await rejectionOf(client.complete(ask('q')))) as ModelApiError;

    expect(error).toMatchObject({ retryable: true });
    expect(error.fix).toContain(base);
  });

  test('the caller aborting ends the call with the abort reason and no retry', async () => {
    fake.setResponder(() => ({ type: 'slow', ms: 30_000 }));
    const { client, retries } = clientFor(fake, provider);
    const controller = new AbortController();
    const reason = new Error('run cancelled');

    const pending = client.complete(ask('q', { signal: controller.signal }));
    await waitFor(() => fake.requests.length === 1);
    controller.abort(reason);

    await expect(pending).rejects.toBe(reason);
    expect(retries).toHaveLength(0);
  });

  test('sends the API key the way the provider expects', async () => {
    const { client } = clientFor(fake, provider);
    await client.complete(ask('q'));
    const headers = fake.requests[0]?.headers ?? {};
    if (provider.backend === 'anthropic') {
      // SDK 1.x (API version 2026-10-21) sends the key as a bearer token; older versions used x-api-key.
      const sent = headers['x-api-key'] ?? headers.authorization?.replace(/^Bearer /, '');
      expect(sent).toBe(TEST_KEY);
      expect(headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    } else {
      expect(headers.authorization).toBe(`Bearer ${TEST_KEY}`);
      expect(headers['x-api-key']).toBeUndefined();
    }
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
