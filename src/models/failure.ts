/**
 * One failed attempt, described independently of the SDK that produced it,
 * and whether it is worth another attempt.
 */

export type FailureKind =
  /** The provider answered with an HTTP error status. */
  | 'http'
  /** An error event inside a 200 streaming response. */
  | 'stream'
  /** Connection refused or reset, or a stream cut before its end. */
  | 'connection'
  | 'timeout'
  /** A 200 response the SDK or the adapter could not read. */
  | 'malformed'
  | 'other';

export interface Failure {
  kind: FailureKind;
  /** HTTP status, or the status a stream error type stands for (overloaded_error → 529). */
  status?: number;
  /** Provider error type ("rate_limit_error", "overloaded_error", "invalid_request_error"). */
  errorType?: string;
  /** The provider's own explanation; scrubbed before it reaches a message. */
  detail?: string;
  headers?: Headers;
  cause?: unknown;
}

/** Thrown by an adapter's single attempt; the retry loop decides what to do with it. */
export class ProviderFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.detail ?? failure.kind);
    this.name = 'ProviderFailure';
  }
}

const RETRYABLE_STATUS = new Set([408, 409, 429]);
const RETRYABLE_STREAM_TYPES = new Set(['overloaded_error', 'api_error', 'rate_limit_error', 'server_error']);

/** The HTTP status a streamed error type stands for, so retries and messages treat both alike. */
export const STREAM_ERROR_STATUS: Readonly<Record<string, number>> = {
  overloaded_error: 529,
  api_error: 500,
  server_error: 500,
  rate_limit_error: 429,
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
};

export function isRetryable(failure: Failure): boolean {
  const shouldRetry = failure.headers?.get('x-should-retry');
  if (shouldRetry === 'true') return true;
  if (shouldRetry === 'false') return false;
  // OpenAI answers 429 when the account is out of credit: waiting will not help.
  if (failure.errorType === 'insufficient_quota') return false;
  switch (failure.kind) {
    case 'connection':
    case 'timeout':
      return true;
    case 'http':
      return failure.status !== undefined && (RETRYABLE_STATUS.has(failure.status) || failure.status >= 500);
    case 'stream':
      return failure.errorType === undefined || RETRYABLE_STREAM_TYPES.has(failure.errorType);
    default:
      return false;
  }
}

/** Delay the provider asked for, from retry-after-ms or retry-after (seconds or an HTTP date). */
export function retryAfterMs(failure: Failure, now: number = Date.now()): number | undefined {
  const headers = failure.headers;
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
