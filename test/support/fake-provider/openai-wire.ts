/** OpenAI Chat Completions bodies and SSE chunks, field for field as the API sends them. */
import type { ReplyShape } from './anthropic-wire.js';
import type { FakeUsage } from './types.js';

const CREATED = 1_764_000_000;

function usageBlock(usage: FakeUsage): Record<string, unknown> {
  const prompt = usage.input + usage.cacheRead;
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.output,
    total_tokens: prompt + usage.output,
    prompt_tokens_details: { cached_tokens: usage.cacheRead, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

export function openAiCompletion(reply: ReplyShape): Record<string, unknown> {
  return {
    id: reply.id,
    object: 'chat.completion',
    created: CREATED,
    model: reply.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: reply.stopReason,
      },
    ],
    usage: usageBlock(reply.usage),
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
  };
}

export function data(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

function chunk(reply: ReplyShape, delta: Record<string, unknown>, finishReason: string | null): string {
  return data({
    id: reply.id,
    object: 'chat.completion.chunk',
    created: CREATED,
    model: reply.model,
    system_fingerprint: 'fp_fake',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    usage: null,
  });
}

export function openAiStreamHead(reply: ReplyShape): string[] {
  return [chunk(reply, { role: 'assistant', content: '', refusal: null }, null)];
}

export function openAiTextDelta(reply: ReplyShape, text: string): string {
  return chunk(reply, { content: text }, null);
}

/** The finish chunk, the usage chunk (only with stream_options.include_usage), then [DONE]. */
export function openAiStreamTail(reply: ReplyShape, includeUsage: boolean): string[] {
  const tail = [chunk(reply, {}, reply.stopReason)];
  if (includeUsage) {
    tail.push(
      data({
        id: reply.id,
        object: 'chat.completion.chunk',
        created: CREATED,
        model: reply.model,
        system_fingerprint: 'fp_fake',
        choices: [],
        usage: usageBlock(reply.usage),
      }),
    );
  }
  tail.push('data: [DONE]\n\n');
  return tail;
}

interface OpenAiErrorShape {
  type: string;
  code: string | null;
  message: string;
}

/** A key shown the way OpenAI echoes it in a 401: prefix, stars, last four. */
function maskKey(key: string): string {
  return key.length <= 8 ? '****' : `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}

export function openAiErrorShape(status: number, bearerKey: string): OpenAiErrorShape {
  switch (status) {
    case 401:
      return {
        type: 'invalid_request_error',
        code: 'invalid_api_key',
        message: `Incorrect API key provided: ${maskKey(bearerKey)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      };
    case 404:
      return {
        type: 'invalid_request_error',
        code: 'model_not_found',
        message: 'The model does not exist or you do not have access to it.',
      };
    case 429:
      return { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests' };
    case 400:
      return { type: 'invalid_request_error', code: null, message: 'Invalid request' };
    default:
      return status >= 500
        ? {
            type: 'server_error',
            code: null,
            message: 'The server had an error while processing your request.',
          }
        : { type: 'invalid_request_error', code: null, message: `HTTP ${status}` };
  }
}

export function openAiErrorBody(shape: OpenAiErrorShape): unknown {
  return { error: { message: shape.message, type: shape.type, param: null, code: shape.code } };
}

export function openAiStreamError(errorType: string, message: string | undefined): string {
  return data({
    error: {
      message: message ?? 'The server had an error while processing your request.',
      type: errorType,
      param: null,
      code: null,
    },
  });
}
