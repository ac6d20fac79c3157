/** OpenAI SDK errors → Failure. */
import OpenAI from 'openai';
import { type Failure, ProviderFailure, STREAM_ERROR_STATUS } from '../failure.js';
import { isParseError, isSocketError, nameAndMessage } from '../foreign-errors.js';

interface ErrorBody {
  message?: unknown;
  type?: unknown;
  code?: unknown;
}

function bodyOf(error: InstanceType<typeof OpenAI.APIError>): ErrorBody {
  const body: unknown = error.error;
  return typeof body === 'object' && body !== null ? (body as ErrorBody) : {};
}

export function openAiFailure(error: unknown, timedOut: boolean): Failure {
  if (error instanceof ProviderFailure) return error.failure;
  if (timedOut || error instanceof OpenAI.APIConnectionTimeoutError) return { kind: 'timeout', cause: error };
  if (error instanceof OpenAI.APIConnectionError)
    return { kind: 'connection', detail: error.message, cause: error };
  if (error instanceof OpenAI.APIError) {
    const body = bodyOf(error);
    // `code` is the more specific of the two ("insufficient_quota" under type "insufficient_quota" or "requests").
    // LiteLLM and other proxies put the HTTP status in `code` ("429"): that names nothing new.
    const code = typeof body.code === 'string' && !/^\d+$/.test(body.code) ? body.code : undefined;
    const type = typeof body.type === 'string' ? body.type : undefined;
    const errorType = code ?? type;
    const detail = typeof body.message === 'string' ? body.message : error.message;
    if (error.status === undefined) {
      const status = type === undefined ? undefined : STREAM_ERROR_STATUS[type];
      return { kind: 'stream', status, errorType: type ?? code, detail, cause: error };
    }
    return { kind: 'http', status: error.status, errorType, detail, headers: error.headers, cause: error };
  }
  if (isParseError(error)) return { kind: 'malformed', detail: nameAndMessage(error).message, cause: error };
  if (isSocketError(error))
    return { kind: 'connection', detail: nameAndMessage(error).message, cause: error };
  return { kind: 'other', detail: nameAndMessage(error).message, cause: error };
}
