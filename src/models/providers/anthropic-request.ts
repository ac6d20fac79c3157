/**
 * CompletionRequest → Messages API parameters, with prompt-caching
 * breakpoints: the system prompt, and for an RLM node's own turns the last
 * message too, so each turn reads the conversation prefix the previous turn
 * wrote. One-shot sub-calls get no message breakpoint: a cache write costs
 * more than plain input and would never be read.
 */
import type Anthropic from '@anthropic-ai/sdk';
import { DEFAULT_MAX_OUTPUT_TOKENS } from '../options.js';
import type { CompletionRequest } from '../types.js';

const EPHEMERAL: Anthropic.CacheControlEphemeral = { type: 'ephemeral' };

/** The parameters shared by the streaming and non-streaming calls. */
export type AnthropicParams = Omit<Anthropic.MessageCreateParamsNonStreaming, 'stream'>;

export function anthropicParams(request: CompletionRequest, model: string): AnthropicParams {
  const cacheConversation = request.purpose.kind === 'root';
  const last = request.messages.length - 1;
  const messages: Anthropic.MessageParam[] = request.messages.map((message, i) =>
    cacheConversation && i === last
      ? { role: message.role, content: [{ type: 'text', text: message.content, cache_control: EPHEMERAL }] }
      : { role: message.role, content: message.content },
  );
  const params: AnthropicParams = {
    model,
    max_tokens: request.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
    messages,
  };
  if (request.system) params.system = [{ type: 'text', text: request.system, cache_control: EPHEMERAL }];
  return params;
}
