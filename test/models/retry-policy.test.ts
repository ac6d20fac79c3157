/** The pure parts of retrying: backoff with jitter, retry-after parsing, what counts as retryable. */
import { isRetryable, retryAfterMs } from '../../src/models/failure.js';
import { toModelApiError, type FailureContext } from '../../src/models/failure-message.js';
import { backoffDelay } from '../../src/models/retry.js';
import { scrubSecrets } from '../../src/models/scrub.js';

const policy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

test('backoff doubles per retry and is capped', () => {
  const noJitter = (): number => 0;
  expect([0, 1, 2, 3, 4, 5].map((i) => backoffDelay(i, policy, noJitter))).toEqual([
    500, 1000, 2000, 4000, 8000, 8000,
  ]);
});

test('jitter takes off up to a quarter', () => {
  expect(backoffDelay(1, policy, () => 0.999_999)).toBe(750);
  expect(backoffDelay(1, policy, () => 0.5)).toBe(875);
});

test('retry-after-ms, retry-after seconds, retry-after HTTP date', () => {
  const at = (headers: Record<string, string>, now?: number): number | undefined =>
    retryAfterMs({ kind: 'http', status: 429, headers: new Headers(headers) }, now);
  expect(at({ 'retry-after-ms': '150' })).toBe(150);
  expect(at({ 'retry-after': '2' })).toBe(2000);
  expect(at({ 'retry-after': '0.5' })).toBe(500);
  const now = Date.parse('2026-11-24T03:00:00Z');
  expect(at({ 'retry-after': 'Tue, 24 Nov 2026 03:00:03 GMT' }, now)).toBe(3000);
  expect(at({ 'retry-after': 'soon' })).toBeUndefined();
  expect(at({})).toBeUndefined();
});

test.each([
  [{ kind: 'http', status: 429 }, true],
  [{ kind: 'http', status: 408 }, true],
  [{ kind: 'http', status: 500 }, true],
  [{ kind: 'http', status: 529 }, true],
  [{ kind: 'http', status: 400 }, false],
  [{ kind: 'http', status: 401 }, false],
  [{ kind: 'http', status: 403 }, false],
  [{ kind: 'http', status: 404 }, false],
  [{ kind: 'http', status: 429, errorType: 'insufficient_quota' }, false],
  [{ kind: 'http', status: 400, headers: new Headers({ 'x-should-retry': 'true' }) }, true],
  [{ kind: 'http', status: 500, headers: new Headers({ 'x-should-retry': 'false' }) }, false],
  [{ kind: 'stream', errorType: 'overloaded_error' }, true],
  [{ kind: 'stream', errorType: 'invalid_request_error' }, false],
  [{ kind: 'timeout' }, true],
  [{ kind: 'connection' }, true],
  [{ kind: 'malformed' }, false],
] as const)('%o retryable: %s', (failure, expected) => {
  expect(isRetryable(failure)).toBe(expected);
});

const context: FailureContext = {
  provider: 'openai',
  model: 'gpt-4o',
  keyEnv: 'OPENAI_API_KEY',
  baseUrl: undefined,
  timeoutMs: 1000,
  secrets: ['my-very-secret-value'],
};

test('messages scrub the key and key-shaped strings', () => {
  const error = toModelApiError(
    { kind: 'http', status: 400, detail: 'bad: my-very-secret-value and sk-proj-****abcd' },
    context,
    1,
  );
  expect(error.message).not.toContain('my-very-secret-value');
  expect(error.message).not.toContain('abcd');
  expect(error.message).toContain('[redacted]');
  expect(scrubSecrets('key=sk-ant-api03-AAAA', [])).toBe('key=[redacted]');
});

test('quota exhaustion says so', () => {
  const error = toModelApiError({ kind: 'http', status: 429, errorType: 'insufficient_quota' }, context, 1);
  expect(error.retryable).toBe(false);
  expect(error.fix).toContain('out of credit');
});

test('the cause attached to the error is scrubbed too', () => {
  const sdkError = new Error('401 Incorrect API key provided: my-very-secret-value');
  const error = toModelApiError({ kind: 'http', status: 401, detail: 'x', cause: sdkError }, context, 1);
  expect(error.cause).toBeInstanceOf(Error);
  expect(String((error.cause as Error).message)).not.toContain('my-very-secret-value');
  expect((error.cause as Error).message).toContain('401 Incorrect API key provided');
});
