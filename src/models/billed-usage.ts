/**
 * What a failed or aborted attempt costs. Providers bill what they processed,
 * not what the client received: a stream cut midway was billed for its whole
 * prompt and the text generated so far, and a request that timed out may have
 * been read in full. Recording such a call at cost 0 would let a flaky
 * connection spend past the cap unseen, so:
 *
 * - usage events seen (a stream's message_start / usage chunk): those counts,
 *   with the output raised to the text streamed when that is more (the final
 *   output count comes only at the end of a stream), marked estimated then;
 * - an error answer (HTTP status, or an error event before any usage or
 *   text): 0, as providers do not bill a request they refused;
 * - no answer at all (timeout, connection lost, cancelled before the reply):
 *   the prompt at 4 characters per token plus the text streamed, marked
 *   estimated; errs towards counting, like the cost cap itself.
 */
import type { Failure } from './failure.js';
import { tokensForChars } from './token-estimate.js';
import { ZERO_USAGE, type TokenUsage } from './types.js';

export interface AttemptProgress {
  /** Usage the provider reported during the attempt (cumulative), or null when none arrived. */
  usage: TokenUsage | null;
  /** Characters of reply text received. */
  streamedChars: number;
}

export interface Billed {
  usage: TokenUsage;
  estimated: boolean;
}

/** `failure` is null for an attempt the caller aborted. */
export function billedOnFailure(
  failure: Failure | null,
  progress: AttemptProgress,
  promptChars: number,
): Billed {
  const streamedTokens = tokensForChars(progress.streamedChars);
  if (progress.usage !== null) {
    const estimated = streamedTokens > progress.usage.outputTokens;
    return {
      usage: { ...progress.usage, outputTokens: Math.max(progress.usage.outputTokens, streamedTokens) },
      estimated,
    };
  }
  // An error answer before any text: refused, not processed. (An OpenAI stream reports usage only at its
  // end, so an error event after text still falls through to the estimate.)
  const refused = failure?.kind === 'http' || (failure?.kind === 'stream' && progress.streamedChars === 0);
  if (refused) {
    return { usage: ZERO_USAGE, estimated: false };
  }
  return {
    usage: { ...ZERO_USAGE, inputTokens: tokensForChars(promptChars), outputTokens: streamedTokens },
    estimated: true,
  };
}

/** The sum of several usages (a call's attempts). */
export function sumUsage(usages: readonly TokenUsage[]): TokenUsage {
  return usages.reduce(
    (sum, usage) => ({
      inputTokens: sum.inputTokens + usage.inputTokens,
      outputTokens: sum.outputTokens + usage.outputTokens,
      cacheReadTokens: sum.cacheReadTokens + usage.cacheReadTokens,
      cacheWriteTokens: sum.cacheWriteTokens + usage.cacheWriteTokens,
    }),
    { ...ZERO_USAGE },
  );
}
