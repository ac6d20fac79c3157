/**
 * The retry loop shared by the provider adapters. The SDKs' own retries are
 * off (maxRetries: 0) so that every attempt is observable: the result counts
 * them and onRetry reports each one for progress output.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RetryInfo } from './options.js';
import { type Failure, isRetryable, ProviderFailure, retryAfterMs } from './failure.js';
import { type FailureContext, summarizeFailure, toModelApiError } from './failure-message.js';
import type { CallPurpose } from './types.js';

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Exponential backoff with up to 25 % jitter, so parallel sub-calls do not retry in lockstep. */
export function backoffDelay(
  retryIndex: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.baseDelayMs * 2 ** retryIndex, policy.maxDelayMs);
  return Math.round(exponential * (1 - random() * 0.25));
}

/** How one attempt ended; `delayMs` is the wait before the next attempt, null when none follows. */
export type AttemptEnd =
  | { attempt: number; kind: 'ok' }
  | { attempt: number; kind: 'failed'; failure: Failure; delayMs: number | null }
  | { attempt: number; kind: 'aborted' };

export interface RetryRun<T> {
  context: FailureContext;
  policy: RetryPolicy;
  purpose: CallPurpose;
  signal: AbortSignal | undefined;
  onRetry: ((info: RetryInfo) => void) | undefined;
  /** One attempt; throws ProviderFailure when it fails, or the caller's abort reason. */
  attempt: (attemptNumber: number) => Promise<T>;
  /** Text the failed attempt already streamed, reported with the retry. */
  streamedChars: () => number;
  /** Called once per attempt as it ends, before any retry is announced or waited for. */
  onAttemptEnd?: (end: AttemptEnd) => void;
}

export async function withRetries<T>(run: RetryRun<T>): Promise<{ value: T; attempts: number }> {
  const maxAttempts = run.policy.maxRetries + 1;
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await run.attempt(attempt);
      run.onAttemptEnd?.({ attempt, kind: 'ok' });
      return { value, attempts: attempt };
    } catch (error) {
      if (run.signal?.aborted) {
        run.onAttemptEnd?.({ attempt, kind: 'aborted' });
        throw run.signal.reason;
      }
      if (!(error instanceof ProviderFailure)) {
        run.onAttemptEnd?.({ attempt, kind: 'failed', failure: { kind: 'other' }, delayMs: null });
        throw error;
      }
      const failure = error.failure;
      if (!isRetryable(failure) || attempt >= maxAttempts) {
        run.onAttemptEnd?.({ attempt, kind: 'failed', failure, delayMs: null });
        throw toModelApiError(failure, run.context, attempt);
      }
      const asked = retryAfterMs(failure);
      const delayMs =
        asked === undefined
          ? backoffDelay(attempt - 1, run.policy)
          : Math.min(Math.round(asked), run.policy.maxDelayMs);
      run.onAttemptEnd?.({ attempt, kind: 'failed', failure, delayMs });
      run.onRetry?.({
        provider: run.context.provider,
        attempt,
        maxAttempts,
        delayMs,
        status: failure.status,
        reason: summarizeFailure(failure, run.context),
        streamedChars: run.streamedChars(),
        purpose: run.purpose,
      });
      try {
        await sleep(delayMs, undefined, { signal: run.signal });
      } catch (sleepError) {
        throw run.signal?.aborted ? run.signal.reason : sleepError;
      }
    }
  }
}
