import { TRAJECTORY_SCHEMA_VERSION } from '../../../src/trajectory/types.js';
import type {
  CallRecord,
  CodeExecutionRecord,
  FailedAttemptRecord,
  TrajectoryHeader,
  TrajectoryOutcome,
} from '../../../src/trajectory/types.js';

/** Records with every field set to a distinct value, so a field lost or swapped on the way is noticed. */
export function makeHeader(overrides: Partial<TrajectoryHeader> = {}): TrajectoryHeader {
  return {
    schema_version: TRAJECTORY_SCHEMA_VERSION,
    trajectory_id: 'traj-0001',
    backend: 'scripted',
    model: 'claude-sonnet-4-5',
    sub_model: 'claude-haiku-4-5',
    environment: 'docker',
    start_time: '2026-11-24T03:30:00.000Z',
    task: 'Summarize the log',
    system_prompt: 'You are an RLM.',
    limits: { max_iterations: 30, max_depth: 2, max_cost_usd: null },
    context_summary: 'str, 1024 chars',
    ...overrides,
  };
}

export function makeExecution(overrides: Partial<CodeExecutionRecord> = {}): CodeExecutionRecord {
  return {
    block_index: 0,
    code: 'print(len(context))',
    stdout: '1024\n',
    stderr: '',
    status: 'ok',
    error: null,
    stdout_truncated_bytes: 0,
    stderr_truncated_bytes: 0,
    state_lost: false,
    duration_ms: 12,
    tools_used: [],
    ...overrides,
  };
}

export function makeCall(overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    call_id: 'call-1',
    parent_id: null,
    node_id: 'root',
    depth: 0,
    kind: 'root',
    iteration: 1,
    model: 'claude-sonnet-4-5',
    prompt: 'Task: Summarize the log',
    response: '```repl\nprint(len(context))\n```',
    tools_used: [],
    tokens_in: 100,
    tokens_out: 20,
    cache_read_tokens: 5,
    cache_write_tokens: 3,
    cost_usd: 0.0012,
    latency_ms: 250,
    start_time: '2026-11-24T03:30:00.100Z',
    executions: [],
    error: null,
    attempts: 1,
    failed_attempts: [],
    usage_estimated: false,
    ...overrides,
  };
}

/** A failed attempt record: an overloaded answer retried after 500 ms. */
export function makeFailedAttempt(overrides: Partial<FailedAttemptRecord> = {}): FailedAttemptRecord {
  return {
    attempt: 1,
    status: 529,
    error: 'HTTP 529 overloaded_error',
    wait_ms: 500,
    latency_ms: 40,
    streamed_chars: 0,
    tokens_in: 0,
    tokens_out: 0,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    usage_estimated: false,
    ...overrides,
  };
}

export function makeOutcome(overrides: Partial<TrajectoryOutcome> = {}): TrajectoryOutcome {
  return {
    end_time: '2026-11-24T03:30:05.000Z',
    duration_ms: 5000,
    success: true,
    error: null,
    final_answer: 'The log has 1024 chars.',
    limits_hit: [],
    iterations: 2,
    max_depth_reached: 1,
    ...overrides,
  };
}

/** A fixed clock that advances one second per reading, so records get distinct, predictable times. */
export function steppingClock(startIso = '2026-11-24T03:30:00.000Z'): () => Date {
  let next = Date.parse(startIso);
  return () => {
    const now = new Date(next);
    next += 1000;
    return now;
  };
}
