/**
 * What the factory needs to build a ModelClient. Plain data filled by the
 * config layer; the API key is the only secret and never gets logged.
 */
import type { Backend, CallPurpose } from './types.js';
import type { ScriptDefinition } from './scripted/script-types.js';

/** Where the scripted backend gets its replies. */
export type ScriptSource =
  { file: string } | { script: ScriptDefinition } | { trajectoryFile: string; trajectoryId?: string };

/** Reported before each retry so progress output can show it. */
export interface RetryInfo {
  provider: string;
  /** The attempt that just failed (1-based). */
  attempt: number;
  /** Attempts allowed in total (maxRetries + 1). */
  maxAttempts: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** HTTP status of the failure; undefined for timeouts and connection errors. */
  status: number | undefined;
  /** Short human-readable cause ("HTTP 429 rate_limit_error", "timeout after 120000 ms"). */
  reason: string;
  /** Characters already streamed through onText by the failed attempt; the retry starts the text over. */
  streamedChars: number;
  purpose: CallPurpose;
}

export interface ModelClientOptions {
  backend: Backend;
  /** Default model for requests that do not name one; empty: the backend's (DEFAULT_MODELS). Ignored by scripted. */
  model: string;
  /** Endpoint override: a LiteLLM proxy, vLLM, Ollama or any OpenAI-compatible server. */
  baseUrl?: string;
  /** Resolved by the config layer (see resolveApiKey); adapters never read the environment. */
  apiKey?: string;
  /** Per-attempt timeout; for streaming it is the longest silence allowed between events. Default 120 s. */
  timeoutMs?: number;
  /** Retries after the first attempt on 429, 5xx, 529 and connection errors. Default 4. */
  maxRetries?: number;
  /** First backoff delay; doubles per retry up to retryMaxDelayMs. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Ceiling for a backoff delay and for an honoured retry-after. Default 60 s. */
  retryMaxDelayMs?: number;
  /**
   * Anthropic only: mark prompt-cache breakpoints (system prompt, task message, newest message). Default
   * true; false sends no cache_control at all (for a proxy that rejects it, or to measure what caching saves).
   */
  promptCache?: boolean;
  /** Required for the scripted backend. */
  script?: ScriptSource;
  onRetry?: (info: RetryInfo) => void;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_RETRIES = 4;
export const DEFAULT_RETRY_BASE_DELAY_MS = 500;
export const DEFAULT_RETRY_MAX_DELAY_MS = 60_000;
/** Anthropic requires max_tokens; this fits any RLM turn and stays under the SDK's non-streaming limit. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 8192;
