/** How OpenAI SDK errors from OpenAI itself and from proxies (LiteLLM) are read. */
import OpenAI from 'openai';
import { openAiFailure } from '../../src/models/providers/openai-failure.js';

function apiError(status: number, error: Record<string, unknown>): InstanceType<typeof OpenAI.APIError> {
  return OpenAI.APIError.generate(status, { error }, undefined, new Headers({ 'retry-after': '3' }));
}

test('OpenAI: code is the more specific error type', () => {
  const failure = openAiFailure(
    apiError(429, {
      message: 'You exceeded your current quota',
      type: 'insufficient_quota',
      code: 'insufficient_quota',
    }),
    false,
  );
  expect(failure).toMatchObject({ kind: 'http', status: 429, errorType: 'insufficient_quota' });
  expect(failure.headers?.get('retry-after')).toBe('3');
});

test('LiteLLM: a numeric code falls back to the type', () => {
  const failure = openAiFailure(
    apiError(429, { message: 'limit', type: 'throttling_error', code: '429' }),
    false,
  );
  expect(failure).toMatchObject({
    kind: 'http',
    status: 429,
    errorType: 'throttling_error',
    detail: 'limit',
  });
});

test('a timed-out attempt is a timeout whatever the SDK threw', () => {
  expect(openAiFailure(new Error('aborted'), true).kind).toBe('timeout');
});

test('an unknown error is "other" and keeps its message', () => {
  expect(openAiFailure(new RangeError('weird'), false)).toMatchObject({ kind: 'other', detail: 'weird' });
});
