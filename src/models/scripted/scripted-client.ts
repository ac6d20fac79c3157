/**
 * The offline backend: deterministic replies from a script or a recorded
 * trajectory, with approximate token counts so the ledger and the cost table
 * show real numbers (at a known price of zero).
 */
import type { Backend, CompletionRequest, CompletionResult, ModelClient } from '../types.js';
import { estimateTokens, tokensForChars } from '../token-estimate.js';
import type { ReplySource } from './reply-source.js';

export const SCRIPTED_MODEL = 'scripted';

export class ScriptedModelClient implements ModelClient {
  readonly backend: Backend = 'scripted';
  readonly defaultModel = SCRIPTED_MODEL;

  constructor(private readonly replies: ReplySource) {}

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    if (request.signal?.aborted) throw request.signal.reason;
    const started = performance.now();
    const text = this.replies.next(request);
    request.onText?.(text);
    const promptChars =
      (request.system?.length ?? 0) + request.messages.reduce((sum, m) => sum + m.content.length, 0);
    return {
      text,
      model: SCRIPTED_MODEL,
      usage: {
        inputTokens: tokensForChars(promptChars),
        outputTokens: estimateTokens(text),
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      },
      stopReason: 'end_turn',
      latencyMs: performance.now() - started,
      attempts: 1,
    };
  }
}
