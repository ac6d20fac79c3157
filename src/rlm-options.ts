/**
 * The library contract: what `new RLM(options)` takes, what `completion()`
 * returns, and what `completionStream()` (text) and `events()` (typed events)
 * yield. Settings the options leave out are resolved like the CLI's: RLM_*
 * environment variables, then RLM_CONFIG or ~/.rlm/config.yaml, then the
 * defaults (src/library-settings.ts); the CLI and the Action pass their own
 * already-resolved `settings` instead.
 */
import type { Settings } from './config/settings.js';
import type { ExitCode } from './errors.js';
import type { ScriptSource } from './models/options.js';
import type { Backend, ModelClient, TokenUsage } from './models/types.js';
import type { DockerHardening, SandboxOptions } from './sandbox/options.js';
import type { ContextInput, ExecStatus } from './sandbox/types.js';
import type { OutputRecord } from './trajectory/types.js';

/**
 * Price of one model in USD per million tokens; overrides the built-in table.
 * Cache prices default to the input price (an over-estimate, never a free lunch).
 */
export interface ModelPriceOverride {
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok?: number;
  cacheWritePerMTok?: number;
}

/** Sandbox settings on top of the safe defaults (`defaultSandboxOptions()`). */
export type SandboxOverrides = Partial<Omit<SandboxOptions, 'docker' | 'environment' | 'execTimeoutMs'>> & {
  docker?: Partial<DockerHardening>;
};

export interface RLMOptions {
  /** Model provider; default from RLM_BACKEND, the config file, else `anthropic`. */
  backend?: Backend;
  /** Root model; the backend's default when omitted. */
  model?: string;
  /** Model for llm_query / rlm_query sub-calls; defaults to `model`. */
  subModel?: string;
  /**
   * More models code may pick with `llm_query(prompt, model=...)`, besides `model` and `subModel` (always
   * allowed). Others get an `Error:` string naming the allowed ones. Under `maxCostUsd` an extra model
   * without a known price stays refused.
   */
  allowedModels?: string[];
  /** OpenAI-compatible endpoint (LiteLLM, vLLM, Ollama) or a provider proxy. */
  baseUrl?: string;
  /**
   * Provider key; wins over the environment. Default: the variable named by `api_key_env`, else
   * ANTHROPIC_API_KEY / OPENAI_API_KEY / LITELLM_API_KEY. Never enters the sandbox; redacted everywhere.
   */
  apiKey?: string;
  /** Scripted backend: a YAML file path (`responses:` replayed as root replies) or any ScriptSource. */
  script?: string | ScriptSource;
  /** Brings your own model client instead of building one from backend/model/apiKey. */
  modelClient?: ModelClient;
  /**
   * Per-attempt timeout of one model request, ms; when streaming, the longest silence allowed between
   * events. A timed-out attempt is retried like a 5xx. Default 120,000. Ignored by `scripted` and `modelClient`.
   */
  modelTimeoutMs?: number;
  /**
   * Retries after the first attempt on 429, 5xx, overloaded (529) and connection errors, with exponential
   * backoff and `retry-after` honoured; each one is a `model_retry` event. Default 4. Ignored by `scripted`
   * and `modelClient`.
   */
  maxRetries?: number;

  /** `docker` (default): hardened container. `repl`: local python3, unsafe for untrusted code. */
  environment?: 'docker' | 'repl';
  /** Deepest RLM level: sub-calls at this depth are plain completions. Default 4. */
  maxDepth?: number;
  /** Loop turns per RLM node (root and each child). Default 30. */
  maxIterations?: number;
  /** Wall-clock limit of the whole run, in SECONDS (fractions allowed). Default 300. Exit code 2. */
  timeout?: number;
  /** Total tokens (in + out, every call at every depth). Default none. */
  maxTokens?: number;
  /** Total cost in USD. Not enforceable when a model's price is unknown (the result says so). */
  maxCostUsd?: number;
  /**
   * USD per depth level, e.g. `{ 1: 0.5, 2: 0.2 }`: calls at that depth (sub-calls and child RLM turns) stop
   * there, the rest of the run goes on. Default none.
   */
  maxCostUsdByDepth?: Record<number, number>;
  /** USD per model name, e.g. `{ 'claude-opus-5-5': 1 }`: calls to that model stop there. Default none. */
  maxCostUsdByModel?: Record<string, number>;
  /** Consecutive failed turns (code errors, replies without code or answer) before stopping. Default 3. */
  maxConsecutiveErrors?: number;
  /** Total llm_query + rlm_query calls over the run. Default none. */
  maxSubCalls?: number;
  /** Largest sub-call prompt in characters; larger ones come back to the code as an error string. Default 100,000. */
  maxSubCallPromptChars?: number;
  /** Model calls in flight at once over the whole run. Default 8. */
  maxConcurrency?: number;
  /** Items of one batched call in flight at once. Default 8. */
  batchConcurrency?: number;
  /** max_tokens sent with every model call (and reserved in the budget per call). Default 4096. */
  maxOutputTokens?: number;
  /**
   * Context window in tokens, for the history budget of every node; default: the model's entry in the
   * context-window table, else 128,000. Set it for a model the table does not know.
   */
  contextWindow?: number;
  /** Per-execution timeout of one code block, ms. Default 60,000. */
  execTimeoutMs?: number;
  sandbox?: SandboxOverrides;

  /** Where trajectories go. Default `./logs`. */
  logDir?: string;
  /** `jsonl` (default, one line per trajectory) or `json` (pretty). */
  trajectoryFormat?: 'jsonl' | 'json';
  /**
   * For front ends (the CLI prints model text, code and output with it). The engine emits the same events
   * either way; a library user picks what to show from `onEvent` / `events()`.
   */
  verbose?: boolean;
  /**
   * Host directory mounted in the Docker sandbox at `sandbox.docker.workspaceMount` (config
   * `docker.workspace_mount`, default /workspace), read-only unless `docker.writable_workspace`.
   * Default `process.cwd()`, as the CLI; null mounts nothing.
   */
  workspaceDir?: string | null;
  /** Config file to read; default RLM_CONFIG, else ~/.rlm/config.yaml (skipped when missing); null reads none. */
  configFile?: string | null;
  /** Where RLM_* settings and API keys are read from; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Settings already resolved by the config layer (the CLI and the Action pass theirs, built from
   * flags or action inputs). When given, no environment variable or config file is read again.
   */
  settings?: Readonly<Settings>;
  /** Extra strings (tokens, passwords) redacted from everything written, besides apiKey. */
  secrets?: string[];
  /** Price table overrides (USD per million tokens), keyed by model name. */
  prices?: Record<string, ModelPriceOverride>;

  /**
   * JSON Schema the final answer must satisfy: the root model is shown it, an answer that does not validate
   * gets one repair turn, and the parsed JSON is `RLMResult.structuredOutput`. Default none (free text).
   */
  outputSchema?: Record<string, unknown>;

  /** Default context of every completion; `overrides.context` replaces it. */
  context?: ContextInput;
  /** One-line notes from outside the loop, e.g. Docker image pull progress. */
  onProgress?: (message: string) => void;
  /** Called with every event of every run of this instance. */
  onEvent?: (event: RunEvent) => void;
}

/** Per-run settings; anything omitted falls back to the RLM's options. */
export interface CompletionOverrides extends Partial<
  Omit<
    RLMOptions,
    | 'backend'
    | 'baseUrl'
    | 'apiKey'
    | 'modelClient'
    | 'script'
    | 'workspaceDir'
    | 'configFile'
    | 'env'
    | 'settings'
  >
> {
  /** Cancels the run (treated like the wall-clock timeout: exit code 2). */
  signal?: AbortSignal;
}

/** Names of the stop conditions, as they appear in results and trajectories. */
export type LimitName =
  | 'max_iterations'
  | 'timeout'
  | 'max_tokens'
  | 'max_cost_usd'
  | 'max_cost_usd_by_depth'
  | 'max_cost_usd_by_model'
  | 'max_consecutive_errors'
  | 'max_sub_calls'
  | 'max_sub_call_prompt_chars'
  | 'cancelled';

export interface ModelUsageSummary {
  calls: number;
  usage: TokenUsage;
  /** null when the model's price is unknown. */
  costUsd: number | null;
}

export interface RLMResult {
  /** The answer, or the best partial answer when a limit stopped the run. */
  response: string;
  success: boolean;
  /** Why the run failed (the limit, the API error, ...); null on success. */
  error: string | null;
  trajectoryId: string;
  /** null when the trajectory could not be written. */
  trajectoryPath: string | null;
  /** Total tokens (in + out) of every call at every depth. */
  tokens: number;
  usage: TokenUsage;
  /** null when any call's price is unknown (then max_cost_usd could not be enforced). */
  costUsd: number | null;
  /** Per model name, for cost tables. */
  usageByModel: Record<string, ModelUsageSummary>;
  limitsHit: LimitName[];
  /** Root node's loop turns. */
  iterations: number;
  /** Things the user should know, e.g. "price of model X unknown: max_cost_usd not enforced for it". */
  warnings: string[];
  /** Model calls at every depth (root turns + sub-calls). */
  modelCalls: number;
  subCalls: number;
  /** Deepest depth any model call ran at. */
  maxDepthReached: number;
  durationMs: number;
  /** 0 success, 1 execution error / limit, 2 timeout, 3 Docker, 4 model API, 5 config. */
  exitCode: ExitCode;
  /** With `outputSchema`: the answer parsed as JSON, valid against it. Absent otherwise. */
  structuredOutput?: unknown;
  /** Files model code left in /output, saved next to the trajectory (path, bytes, sha256, media type). */
  outputs: OutputRecord[];
  /** Absolute path of the saved outputs; null when there were none (or they could not be saved). */
  outputsDir: string | null;
}

/** Common to every event: where in the recursion tree it happened. */
interface EventBase {
  trajectoryId: string;
  /** ms since the run started. */
  elapsedMs: number;
}

export type SubCallKind = 'llm_query' | 'rlm_query';

export type RunEvent =
  | (EventBase & {
      type: 'run_start';
      task: string;
      backend: Backend;
      model: string;
      subModel: string;
      environment: 'docker' | 'repl';
      contextSummary: string;
    })
  | (EventBase & { type: 'iteration_start'; nodeId: string; depth: number; iteration: number })
  | (EventBase & {
      type: 'model_call_start';
      callId: string;
      parentId: string | null;
      nodeId: string;
      depth: number;
      kind: 'root' | 'llm_query';
      model: string;
    })
  | (EventBase & { type: 'model_text'; callId: string; nodeId: string; depth: number; delta: string })
  | (EventBase & {
      /** A model request failed with a retryable error and will be sent again after `delayMs`. */
      type: 'model_retry';
      callId: string;
      nodeId: string;
      depth: number;
      kind: 'root' | 'llm_query';
      model: string;
      /** anthropic, openai or litellm. */
      provider: string;
      /** The attempt that just failed (1-based), out of `maxAttempts`. */
      attempt: number;
      maxAttempts: number;
      /** HTTP status; null for timeouts and connection errors. */
      status: number | null;
      delayMs: number;
      /** Short cause, e.g. "HTTP 429 rate_limit_error" or "timeout after 120000 ms". */
      reason: string;
      /** Text the failed attempt had streamed (model_text deltas); the retry starts the reply over. */
      discardedChars: number;
    })
  | (EventBase & {
      type: 'model_call_end';
      callId: string;
      parentId: string | null;
      nodeId: string;
      depth: number;
      kind: 'root' | 'llm_query';
      model: string;
      /** What the call was billed, failed attempts included. */
      usage: TokenUsage;
      costUsd: number | null;
      latencyMs: number;
      error: string | null;
      /** Attempts it took (1 = no retry). */
      attempts?: number;
      /** True when usage includes an estimate (an attempt whose usage the provider never reported). */
      usageEstimated?: boolean;
      /** Running totals over the whole run, for progress lines. */
      totalTokens: number;
      totalCostUsd: number | null;
    })
  | (EventBase & {
      type: 'code_start';
      callId: string;
      nodeId: string;
      depth: number;
      blockIndex: number;
      code: string;
    })
  | (EventBase & {
      type: 'code_end';
      callId: string;
      nodeId: string;
      depth: number;
      blockIndex: number;
      status: ExecStatus;
      stdout: string;
      stderr: string;
      error: string | null;
      stateLost: boolean;
      durationMs: number;
    })
  | (EventBase & {
      type: 'sub_call_start';
      subCallId: string;
      kind: SubCallKind;
      /** The root-turn call whose code made this sub-call. */
      parentCallId: string;
      /** Depth the sub-call runs at (parent depth + 1). */
      depth: number;
      promptChars: number;
    })
  | (EventBase & {
      type: 'sub_call_end';
      subCallId: string;
      kind: SubCallKind;
      parentCallId: string;
      depth: number;
      ok: boolean;
      error: string | null;
    })
  | (EventBase & { type: 'limit_hit'; limit: LimitName; message: string; nodeId: string; depth: number })
  | (EventBase & { type: 'final'; result: RLMResult });

export type RunEventType = RunEvent['type'];

/** JSON-schema-like description of a registered tool's keyword arguments. */
export interface ToolSchema {
  /** Python identifier the tool is callable as in REPL code. */
  name: string;
  description?: string;
  /** Keyword arguments: JSON Schema `properties`, listed in the system prompt. */
  parameters?: Record<string, { type?: string; description?: string }>;
  required?: string[];
}

/** A host-side function callable from REPL code; its return value must be JSON-serialisable. */
export type ToolFunction = (args: Record<string, unknown>, signal: AbortSignal) => unknown;
