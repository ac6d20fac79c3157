/**
 * The Model port. Adapters: anthropic, openai, litellm (OpenAI-compatible
 * proxy), scripted (offline). Core code depends on this interface only.
 */
import type { RetryInfo } from './options.js';

export type Backend = 'anthropic' | 'openai' | 'litellm' | 'scripted';

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** Why the engine is calling the model; the scripted backend replays by it. */
export interface CallPurpose {
  /** 'root' = an RLM node's own turn (depth 0 or a child RLM); 'llm_query' = a plain sub-call. */
  kind: 'root' | 'llm_query';
  depth: number;
  /** RLM node id ("root", "root.1", "root.1.3", ...). */
  nodeId: string;
}

export interface CompletionRequest {
  /** Provider model name; adapters fall back to their default model. */
  model?: string;
  system?: string;
  messages: ChatMessage[];
  maxOutputTokens?: number;
  purpose: CallPurpose;
  signal?: AbortSignal;
  /** When set, the adapter streams and reports text deltas as they arrive. */
  onText?: (delta: string) => void;
  /** Called before each retry of this request (after the client-wide onRetry), e.g. to report progress. */
  onRetry?: (info: RetryInfo) => void;
  /** Called when each attempt ends (answered, failed or aborted), with what it was billed as far as known. */
  onAttempt?: (report: AttemptReport) => void;
}

/** One attempt of a request, reported when it ends. */
export interface AttemptReport {
  /** 1-based. */
  attempt: number;
  ok: boolean;
  /** HTTP status (or the one a stream error type stands for); null when ok, for timeouts, connection errors and aborts. */
  status: number | null;
  /** Short cause ("HTTP 429 rate_limit_error", "timeout after 120000 ms", "aborted"); null when ok. */
  error: string | null;
  /** Wait before the next attempt; null when none follows. */
  delayMs: number | null;
  latencyMs: number;
  /** Characters of reply text the attempt streamed before it ended. */
  streamedChars: number;
  /**
   * What the provider bills for this attempt, as far as known: its usage events (a stream cut midway
   * reported its input in message_start), else an estimate (see billedOnFailure).
   */
  usage: TokenUsage;
  /** True when usage is wholly or partly an estimate rather than the provider's own counts. */
  usageEstimated: boolean;
}

/**
 * Token counts of one call. The four are disjoint (Anthropic's convention):
 * inputTokens excludes cache reads and writes, so the whole prompt is
 * input + cacheRead + cacheWrite. The OpenAI adapter subtracts
 * prompt_tokens_details.cached_tokens from prompt_tokens to match.
 */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export interface CompletionResult {
  text: string;
  /** Model that answered (as the provider reports it). */
  model: string;
  usage: TokenUsage;
  stopReason: string | null;
  latencyMs: number;
  /** Attempts it took (1 = no retry). */
  attempts: number;
}

export interface ModelClient {
  readonly backend: Backend;
  readonly defaultModel: string;
  /** Throws ModelApiError (src/errors.ts) once retries are exhausted or on an unrecoverable error. */
  complete(request: CompletionRequest): Promise<CompletionResult>;
}

export const ZERO_USAGE: TokenUsage = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
});
