/** Anthropic Messages API bodies and SSE events, field for field as the API sends them. */
import type { FakeUsage } from './types.js';

export interface ReplyShape {
  id: string;
  model: string;
  text: string;
  chunks: string[];
  usage: FakeUsage;
  stopReason: string;
}

function usageBlock(usage: FakeUsage, outputTokens: number): Record<string, unknown> {
  return {
    input_tokens: usage.input,
    cache_creation_input_tokens: usage.cacheWrite,
    cache_read_input_tokens: usage.cacheRead,
    cache_creation: { ephemeral_5m_input_tokens: usage.cacheWrite, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

export function anthropicMessage(reply: ReplyShape): Record<string, unknown> {
  return {
    id: reply.id,
    type: 'message',
    role: 'assistant',
    model: reply.model,
    content: [{ type: 'text', text: reply.text }],
    stop_reason: reply.stopReason,
    stop_sequence: null,
    usage: usageBlock(reply.usage, reply.usage.output),
  };
}

export function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The stream before any text: message_start (input and cache usage), content_block_start, ping. */
export function anthropicStreamHead(reply: ReplyShape): string[] {
  return [
    sse('message_start', {
      type: 'message_start',
      message: {
        id: reply.id,
        type: 'message',
        role: 'assistant',
        model: reply.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: usageBlock(reply.usage, 1),
      },
    }),
    sse('content_block_start', {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    }),
    sse('ping', { type: 'ping' }),
  ];
}

export function anthropicTextDelta(text: string): string {
  return sse('content_block_delta', {
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'text_delta', text },
  });
}

/** content_block_stop, message_delta (final output tokens, stop reason), message_stop. */
export function anthropicStreamTail(reply: ReplyShape): string[] {
  return [
    sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
    sse('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: reply.stopReason, stop_sequence: null },
      usage: { output_tokens: reply.usage.output },
    }),
    sse('message_stop', { type: 'message_stop' }),
  ];
}

const ERROR_TYPE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

const MESSAGE_BY_TYPE: Record<string, string> = {
  authentication_error: 'invalid x-api-key',
  not_found_error: 'model: not found',
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit',
  overloaded_error: 'Overloaded',
  api_error: 'Internal server error',
};

export function anthropicErrorType(status: number): string {
  return ERROR_TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

export function anthropicErrorBody(
  errorType: string,
  message: string | undefined,
  requestId: string,
): unknown {
  return {
    type: 'error',
    error: { type: errorType, message: message ?? MESSAGE_BY_TYPE[errorType] ?? errorType },
    request_id: requestId,
  };
}

export function anthropicStreamError(errorType: string, message: string | undefined): string {
  return sse('error', {
    type: 'error',
    error: { type: errorType, message: message ?? MESSAGE_BY_TYPE[errorType] ?? errorType },
  });
}
