/**
 * CompletionRequest → Messages API parameters, with prompt-caching
 * breakpoints (`cache_control`, at most 4 per request; we use up to 3):
 *
 * 1. the system prompt: identical for every turn of every node at a depth;
 * 2. for an RLM node's own turns, the task message (the first message): the
 *    engine never changes it, even when it trims the history, so system +
 *    task stay cached across a trim (src/core/conversation.ts);
 * 3. for those turns, the newest message: the conversation grows turn by
 *    turn, so each turn reads the prefix the previous one wrote (Anthropic
 *    looks for an earlier entry up to 20 blocks back from a breakpoint; a
 *    turn adds 2).
 *
 * One-shot sub-calls get no message breakpoint: a cache write costs 1.25x
 * plain input and would never be read. Extra breakpoints cost nothing by
 * themselves: a token is billed once, as a write, a read or plain input.
 */
import type Anthropic from '@anthropic-ai/sdk';
import { DEFAULT_MAX_OUTPUT_TOKENS } from '../options.js';
import type { CompletionRequest } from '../types.js';

const EPHEMERAL: Anthropic.CacheControlEphemeral = { type: 'ephemeral' };

/** The parameters shared by the streaming and non-streaming calls. */
export type AnthropicParams = Omit<Anthropic.MessageCreateParamsNonStreaming, 'stream'>;

export function anthropicParams(
  request: CompletionRequest,
  model: string,
  promptCache = true,
): AnthropicParams {
  const cacheConversation = promptCache && request.purpose.kind === 'root';
  const last = request.messages.length - 1;
  const messages: Anthropic.MessageParam[] = request.messages.map((message, i) =>
    cacheConversation && (i === 0 || i === last)
      ? { role: message.role, content: [{ type: 'text', text: message.content, cache_control: EPHEMERAL }] }
      : { role: message.role, content: message.content },
  );
  const params: AnthropicParams = {
    model,
    max_tokens: request.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
    messages,
  };
  if (request.system) {
    params.system = promptCache
      ? [{ type: 'text', text: request.system, cache_control: EPHEMERAL }]
      : [{ type: 'text', text: request.system }];
  }
  return params;
}
