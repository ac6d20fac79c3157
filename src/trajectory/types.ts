import type { CollectedOutputs } from '../sandbox/outputs/types.js';

/**
 * Trajectory records (schema version 1). One finished trajectory is one JSON
 * object; `schema/trajectory.schema.json` is the JSON Schema of it. Field names
 * are snake_case because the file format is shared with the Python RLM tooling.
 *
 * The engine talks to a `TrajectorySink`; the writer journals every record as
 * it happens so that a killed process still leaves every completed call on disk.
 */

export const TRAJECTORY_SCHEMA_VERSION = 2;

export type CallKind = 'root' | 'llm_query';

export interface CodeExecutionRecord {
  /** Index of the ```repl block within the model reply. */
  block_index: number;
  code: string;
  stdout: string;
  stderr: string;
  /** ExecStatus from the sandbox. */
  status: string;
  error: string | null;
  stdout_truncated_bytes: number;
  stderr_truncated_bytes: number;
  state_lost: boolean;
  duration_ms: number;
  /**
   * Host functions this block called while it ran, in first-use order (absent in files written before it
   * was recorded). The call's own tools_used is the union over its executions.
   */
  tools_used?: string[];
}

/** An attempt of a call that failed (and was retried, or ended the call). */
export interface FailedAttemptRecord {
  /** 1-based. */
  attempt: number;
  /** HTTP status (or the one a stream error stands for); null for timeouts, connection errors, aborts. */
  status: number | null;
  /** Short cause: "HTTP 429 rate_limit_error", "timeout after 120000 ms", "aborted". */
  error: string;
  /** Wait before the next attempt; null when none followed. */
  wait_ms: number | null;
  latency_ms: number;
  /** Reply text the attempt streamed before it failed (discarded). */
  streamed_chars: number;
  /** What the attempt was billed, as far as known; counted in the call's tokens and cost. */
  tokens_in: number;
  tokens_out: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  /** True when these counts are an estimate, not the provider's own. */
  usage_estimated: boolean;
}

export interface CallRecord {
  call_id: string;
  /** The call that caused this one (the root call whose code ran llm_query / rlm_query); null at depth 0. */
  parent_id: string | null;
  /** RLM node that made the call ("root", "root.1", ...). */
  node_id: string;
  depth: number;
  kind: CallKind;
  /** Loop iteration of the node (1-based); 0 for llm_query sub-calls. */
  iteration: number;
  model: string;
  /** What was sent this turn (the new user message; the system prompt lives in the header). */
  prompt: string;
  response: string;
  /**
   * Host functions the reply's code actually called while it ran (llm_query, llm_query_batched, rlm_query,
   * rlm_query_batched, registered tools): recorded by the host-call handler per execution and merged here.
   */
  tools_used: string[];
  tokens_in: number;
  tokens_out: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  /** null when the model's price is unknown. */
  cost_usd: number | null;
  latency_ms: number;
  start_time: string;
  /** Code blocks from this reply and what they printed. */
  executions: CodeExecutionRecord[];
  error: string | null;
  /** Attempts the call took (1 = no retry). Absent in files written before retries were recorded. */
  attempts?: number;
  /** The attempts that failed, in order: error, wait before the next, and what each was billed. */
  failed_attempts?: FailedAttemptRecord[];
  /**
   * True when tokens_in / tokens_out / cost_usd include an estimate: an attempt failed or was aborted before
   * the provider reported its usage (see docs/models.md "Failed calls"). Absent: false.
   */
  usage_estimated?: boolean;
}

export interface TrajectoryHeader {
  schema_version: number;
  trajectory_id: string;
  backend: string;
  model: string;
  sub_model: string;
  environment: string;
  start_time: string;
  task: string;
  system_prompt: string;
  /** Limits in force, e.g. {max_iterations: 30, max_depth: 2, max_cost_usd: 1}. */
  limits: Record<string, number | null>;
  /** Short description of the context (type, size), never the context itself. */
  context_summary: string;
}

/** A file model code left in /output, collected into `<log_dir>/<outputs_dir>/<path>` (schema version 2). */
export interface OutputRecord {
  /** Relative to /output and to outputs_dir, '/'-separated. */
  path: string;
  bytes: number;
  sha256: string;
  /** From the file name's extension; application/octet-stream when unknown. */
  media_type: string;
}

export interface SkippedOutput {
  path: string;
  reason: string;
}

/** What the writer saved of a run's outputs; part of the outcome. */
export interface OutputsOutcome {
  outputs: OutputRecord[];
  outputs_skipped: SkippedOutput[];
  /** Where the files are, relative to the log dir; null when there are none. */
  outputs_dir: string | null;
}

export interface SavedOutputs {
  outcome: OutputsOutcome;
  /** Absolute path of the outputs directory; null when nothing was saved. */
  directory: string | null;
}

export interface TrajectoryOutcome extends Partial<OutputsOutcome> {
  end_time: string;
  duration_ms: number;
  success: boolean;
  error: string | null;
  final_answer: string | null;
  /** Names of the stop conditions that fired, e.g. ["max_cost_usd"]. */
  limits_hit: string[];
  iterations: number;
  max_depth_reached: number;
}

export interface Trajectory
  extends TrajectoryHeader, Omit<TrajectoryOutcome, keyof OutputsOutcome>, OutputsOutcome {
  calls: CallRecord[];
  total_tokens: number;
  total_tokens_in: number;
  total_tokens_out: number;
  total_cache_read_tokens: number;
  total_cache_write_tokens: number;
  /** null when any call's cost is unknown. */
  total_cost_usd: number | null;
  /** True when read back from a journal of a run that never finished (crash, kill). */
  incomplete?: boolean;
}

/** Where the engine sends records. Implementations must not throw into the engine on I/O errors of a single record. */
export interface TrajectorySink {
  start(header: TrajectoryHeader): Promise<void>;
  /** A completed model call (executions may be empty; they are attached with addExecution). */
  recordCall(call: CallRecord): Promise<void>;
  addExecution(callId: string, execution: CodeExecutionRecord): Promise<void>;
  /** Writes the run's collected outputs next to the trajectory; the records go into the outcome. */
  saveOutputs?(collected: CollectedOutputs): Promise<SavedOutputs>;
  finish(outcome: TrajectoryOutcome): Promise<{ path: string }>;
}
