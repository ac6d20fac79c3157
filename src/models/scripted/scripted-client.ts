/**
 * The offline backend: deterministic replies from a script or a recorded
 * trajectory, with approximate token counts so the ledger and the cost table
 * show real numbers (at a known price of zero).
 */
import {
  ZERO_USAGE,
  type Backend,
  type CompletionRequest,
  type CompletionResult,
  type ModelClient,
  type TokenUsage,
} from '../types.js';
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
    let text: string;
    try {
      text = this.replies.next(request);
    } catch (error) {
      // Nothing was sent anywhere: a script that has no reply costs nothing.
      this.report(request, started, false, ZERO_USAGE, 0);
      throw error;
    }
    request.onText?.(text);
    const promptChars =
      (request.system?.length ?? 0) + request.messages.reduce((sum, m) => sum + m.content.length, 0);
    const usage: TokenUsage = {
      inputTokens: tokensForChars(promptChars),
      outputTokens: estimateTokens(text),
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    };
    this.report(request, started, true, usage, text.length);
    return {
      text,
      model: SCRIPTED_MODEL,
      usage,
      stopReason: 'end_turn',
      latencyMs: performance.now() - started,
      attempts: 1,
    };
  }

  private report(
    request: CompletionRequest,
    started: number,
    ok: boolean,
    usage: TokenUsage,
    streamedChars: number,
  ): void {
    try {
      request.onAttempt?.({
        attempt: 1,
        ok,
        status: null,
        error: ok ? null : 'no scripted reply',
        delayMs: null,
        latencyMs: performance.now() - started,
        streamedChars,
        usage,
        usageEstimated: false,
      });
    } catch {
      // A listener's bug must not change the outcome of the call.
    }
  }
}
