/**
 * What both SDK adapters share: model defaulting, the per-attempt deadline,
 * the retry loop, latency and attempt counting. Subclasses make one attempt
 * and translate their SDK's errors.
 */
import { AttemptDeadline } from '../attempt-deadline.js';
import { type AttemptProgress, billedOnFailure } from '../billed-usage.js';
import { type Failure, ProviderFailure } from '../failure.js';
import { type FailureContext, summarizeFailure } from '../failure-message.js';
import type { RetryInfo } from '../options.js';
import { type AttemptEnd, withRetries } from '../retry.js';
import type {
  AttemptReport,
  Backend,
  CompletionRequest,
  CompletionResult,
  ModelClient,
  TokenUsage,
} from '../types.js';
import type { ProviderSettings } from './provider-settings.js';

export interface AttemptOutcome {
  text: string;
  model: string;
  usage: TokenUsage;
  stopReason: string | null;
}

export interface AttemptInput {
  request: CompletionRequest;
  model: string;
  deadline: AttemptDeadline;
  /** Wraps request.onText, counting what this attempt streamed; undefined when not streaming. */
  onText: ((delta: string) => void) | undefined;
  /** Adapters record usage here as the provider reports it, so a cut stream still says what it cost. */
  progress: AttemptProgress;
}

export abstract class ProviderModelClient implements ModelClient {
  abstract readonly backend: Backend;

  constructor(protected readonly settings: ProviderSettings) {}

  get defaultModel(): string {
    return this.settings.model;
  }

  /** One request, whole. */
  protected abstract whole(input: AttemptInput): Promise<AttemptOutcome>;
  /** One request, streamed, text deltas reported as they arrive. */
  protected abstract streamed(input: AttemptInput, onText: (delta: string) => void): Promise<AttemptOutcome>;
  protected abstract toFailure(error: unknown, timedOut: boolean): Failure;

  /** Streams only when someone listens: a whole response is cheaper to receive and to parse. */
  private attempt(input: AttemptInput): Promise<AttemptOutcome> {
    return input.onText ? this.streamed(input, input.onText) : this.whole(input);
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    const model = request.model || this.settings.model;
    const context: FailureContext = {
      provider: this.settings.provider,
      model,
      keyEnv: this.settings.keyEnv,
      baseUrl: this.settings.baseUrl,
      timeoutMs: this.settings.timeoutMs,
      secrets: this.settings.apiKey ? [this.settings.apiKey] : [],
    };
    const started = performance.now();
    const promptChars =
      (request.system?.length ?? 0) + request.messages.reduce((sum, m) => sum + m.content.length, 0);
    let progress: AttemptProgress = { usage: null, streamedChars: 0 };
    let attemptStarted = started;
    let answered: TokenUsage | null = null;
    const userOnText = request.onText;
    const onText = userOnText
      ? (delta: string): void => {
          progress.streamedChars += delta.length;
          userOnText(delta);
        }
      : undefined;
    const report = (end: AttemptEnd): void => {
      const failure = end.kind === 'failed' ? end.failure : null;
      const billed =
        end.kind === 'ok' && answered !== null
          ? { usage: answered, estimated: false }
          : billedOnFailure(failure, progress, promptChars);
      const attemptReport: AttemptReport = {
        attempt: end.attempt,
        ok: end.kind === 'ok',
        status: failure?.status ?? null,
        error: end.kind === 'ok' ? null : failure === null ? 'aborted' : summarizeFailure(failure, context),
        delayMs: end.kind === 'failed' ? end.delayMs : null,
        latencyMs: performance.now() - attemptStarted,
        streamedChars: progress.streamedChars,
        usage: billed.usage,
        usageEstimated: billed.estimated,
      };
      try {
        request.onAttempt?.(attemptReport);
      } catch {
        // A listener's bug must not change the outcome of the call.
      }
    };
    const { value, attempts } = await withRetries({
      context,
      policy: this.settings.retry,
      purpose: request.purpose,
      signal: request.signal,
      onRetry: bothRetryListeners(this.settings.onRetry, request.onRetry),
      onAttemptEnd: report,
      streamedChars: () => progress.streamedChars,
      attempt: async () => {
        progress = { usage: null, streamedChars: 0 };
        answered = null;
        attemptStarted = performance.now();
        if (request.signal?.aborted) throw request.signal.reason;
        const deadline = new AttemptDeadline(this.settings.timeoutMs, request.signal);
        try {
          const outcome = await this.attempt({ request, model, deadline, onText, progress });
          answered = outcome.usage;
          return outcome;
        } catch (error) {
          if (request.signal?.aborted) throw request.signal.reason;
          throw new ProviderFailure(this.toFailure(error, deadline.timedOut));
        } finally {
          deadline.dispose();
        }
      },
    });
    return { ...value, latencyMs: performance.now() - started, attempts };
  }
}

/** The client-wide listener, then the request's own; either may be absent. */
function bothRetryListeners(
  ...listeners: Array<((info: RetryInfo) => void) | undefined>
): ((info: RetryInfo) => void) | undefined {
  const present = listeners.filter(
    (listener): listener is (info: RetryInfo) => void => listener !== undefined,
  );
  if (present.length === 0) return undefined;
  return (info) => {
    for (const listener of present) {
      try {
        listener(info);
      } catch {
        // A progress listener's bug must not turn a retryable failure into a lost call.
      }
    }
  };
}

/** For adapters: a 200 response that does not have the shape the provider documents. */
export function malformed(detail: string): ProviderFailure {
  return new ProviderFailure({ kind: 'malformed', detail });
}

/** For adapters: a stream that ended (or was cut) before its final event. */
export function streamCut(detail: string): ProviderFailure {
  return new ProviderFailure({ kind: 'connection', detail });
}
