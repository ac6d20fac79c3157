/**
 * How a failure that ends a call becomes a ModelApiError: the provider, the
 * status, the provider's own words (scrubbed of secrets) and a fix the user can
 * act on.
 */
import { ModelApiError } from '../errors.js';
import { type Failure, isRetryable } from './failure.js';
import { nameAndMessage } from './foreign-errors.js';
import { scrubSecrets } from './scrub.js';

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
    cause: scrubbedCause(failure.cause, context.secrets),
  });
}

/**
 * The SDK error as a plain Error with a scrubbed message: the original can
 * carry an echoed key (OpenAI's 401 text), and loggers print causes.
 */
function scrubbedCause(cause: unknown, secrets: readonly string[]): Error | undefined {
  if (cause === undefined) return undefined;
  const { name, message } = nameAndMessage(cause);
  const clean = new Error(scrubSecrets(message, secrets));
  clean.name = name ?? 'Error';
  return clean;
}
