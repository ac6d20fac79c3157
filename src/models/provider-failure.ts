/**
 * One failed attempt, described independently of the SDK that produced it,
 * and how it becomes a ModelApiError with a fix the user can act on.
 */
import { ModelApiError } from '../errors.js';
import { scrubSecrets } from './scrub.js';

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

/*
 * Errors from fetch and JSON.parse can come from another realm (jest's VM
 * contexts, worker threads), where `instanceof TypeError` is false: match by name.
 */

/** undici reports a socket closed mid-body as TypeError("terminated"), a failed connect as "fetch failed". */
export function isSocketError(error: unknown): boolean {
  const { name, message } = nameAndMessage(error);
  return name === 'TypeError' && (message === 'terminated' || message === 'fetch failed');
}

/** A body or SSE event that is not JSON. */
export function isParseError(error: unknown): boolean {
  return nameAndMessage(error).name === 'SyntaxError';
}

export function nameAndMessage(error: unknown): { name: string | undefined; message: string } {
  if (typeof error !== 'object' || error === null) return { name: undefined, message: String(error) };
  const { name, message } = error as { name?: unknown; message?: unknown };
  return {
    name: typeof name === 'string' ? name : undefined,
    message: typeof message === 'string' ? message : String(error),
  };
}

/** Thrown by an adapter's single attempt; the retry loop decides what to do with it. */
export class ProviderFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.detail ?? failure.kind);
    this.name = 'ProviderFailure';
  }
}

export interface FailureContext {
  provider: string;
  model: string;
  /** Env var that holds the key ("ANTHROPIC_API_KEY"), named in fixes. */
  keyEnv: string | null;
  baseUrl: string | undefined;
  timeoutMs: number;
  /** Values that must never appear in a message (the API key). */
  secrets: readonly string[];
}

/** An HTML error page from a gateway can be long; the gist fits in this. */
const MAX_DETAIL_CHARS = 300;
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

/** "HTTP 429 rate_limit_error", "timeout after 120000 ms": short, for progress lines and messages. */
export function summarizeFailure(failure: Failure, context: FailureContext): string {
  switch (failure.kind) {
    case 'http':
      return `HTTP ${failure.status ?? '?'}${failure.errorType ? ` ${failure.errorType}` : ''}`;
    case 'stream':
      return `stream error ${failure.errorType ?? 'unknown'}`;
    case 'timeout':
      return `timeout after ${context.timeoutMs} ms`;
    case 'connection':
      return 'connection error';
    case 'malformed':
      return 'malformed response';
    default:
      return 'unexpected error';
  }
}

function keyFix(context: FailureContext): string {
  return context.keyEnv ? `check ${context.keyEnv}` : 'check the API key';
}

function fixFor(failure: Failure, context: FailureContext): string {
  const where = context.baseUrl ? ` (and \`base_url\` ${context.baseUrl})` : '';
  const status = failure.status;
  if (failure.kind === 'timeout') {
    return `The ${context.provider} API did not answer within ${context.timeoutMs} ms: retry later or raise the model request timeout.`;
  }
  if (failure.kind === 'connection') {
    return `Cannot reach the ${context.provider} API: check the network${where}.`;
  }
  if (failure.kind === 'malformed') {
    return `The endpoint did not answer in the ${context.provider} format: check \`backend\`${where}.`;
  }
  if (failure.errorType === 'insufficient_quota') {
    return `The account behind ${context.keyEnv ?? 'the API key'} is out of credit: check billing.`;
  }
  if (status === 401) return `${keyFix(context)}: the provider rejected the API key.`;
  if (status === 403) return `${keyFix(context)}: the key has no access to model '${context.model}'.`;
  if (status === 404) return `unknown model '${context.model}': check \`model\`${where}.`;
  if (status === 413) return 'The request is too large for the model: reduce the prompt.';
  if (status === 400 || status === 422) {
    return `The provider rejected the request: check \`model\` and the prompt size for '${context.model}'.`;
  }
  if (status === 429) return 'Rate limited: retry later, lower concurrency, or raise `max_retries`.';
  if (status !== undefined && status >= 500) {
    return `The ${context.provider} API is failing or overloaded: retry later or raise \`max_retries\`.`;
  }
  return `See the ${context.provider} error above.`;
}

/** The error for a failure that ends the call; `attempts` > 1 says retries were spent on it. */
export function toModelApiError(failure: Failure, context: FailureContext, attempts: number): ModelApiError {
  const retryable = isRetryable(failure);
  const detail = failure.detail
    ? `: ${scrubSecrets(failure.detail, context.secrets).slice(0, MAX_DETAIL_CHARS)}`
    : '';
  const gaveUp = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
  const message = `${context.provider} API error, ${summarizeFailure(failure, context)}${detail}${gaveUp}`;
  return new ModelApiError(message, {
    provider: context.provider,
    status: failure.status,
    retryable,
    fix: fixFor(failure, context),
    cause: failure.cause,
  });
}
