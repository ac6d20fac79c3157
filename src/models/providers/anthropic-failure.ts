/** Anthropic SDK errors → Failure. */
import Anthropic from '@anthropic-ai/sdk';
import { type Failure, ProviderFailure, STREAM_ERROR_STATUS } from '../failure.js';
import { isParseError, isSocketError, nameAndMessage } from '../foreign-errors.js';

export function anthropicFailure(error: unknown, timedOut: boolean): Failure {
  if (error instanceof ProviderFailure) return error.failure;
  if (timedOut || error instanceof Anthropic.APIConnectionTimeoutError)
    return { kind: 'timeout', cause: error };
  if (error instanceof Anthropic.APIConnectionError) {
    return { kind: 'connection', detail: error.message, cause: error };
  }
  if (error instanceof Anthropic.APIError) {
    const errorType = error.type ?? undefined;
    const detail = error.apiMessage ?? error.message;
    if (error.status === undefined) {
      // An `event: error` inside a 200 stream (e.g. overloaded_error mid-generation).
      const status = errorType === undefined ? undefined : STREAM_ERROR_STATUS[errorType];
      return { kind: 'stream', status, errorType, detail, cause: error };
    }
    return { kind: 'http', status: error.status, errorType, detail, headers: error.headers, cause: error };
  }
  if (isParseError(error)) return { kind: 'malformed', detail: nameAndMessage(error).message, cause: error };
  if (isSocketError(error))
    return { kind: 'connection', detail: nameAndMessage(error).message, cause: error };
  return { kind: 'other', detail: nameAndMessage(error).message, cause: error };
}
