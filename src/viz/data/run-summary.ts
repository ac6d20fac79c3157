/**
 * What the run list and the compare view need of a run, without its calls: small enough to send a
 * thousand of them to the page at once.
 */
import type { Trajectory } from '../../trajectory/types.js';
import { OFFICIAL_RLM_ID_PREFIX } from './official-rlm.js';

export type RunStatus = 'ok' | 'failed' | 'unfinished' | 'running';

export interface RunSummary {
  id: string;
  start_time: string;
  status: RunStatus;
  model: string;
  sub_model: string;
  backend: string;
  environment: string;
  task: string;
  tokens: number;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number | null;
  duration_ms: number;
  calls: number;
  iterations: number;
  depth: number;
  /** Where the record came from: this runtime, or the official Python RLM library's logger. */
  source: 'rlm-runtime' | 'rlm-python';
}

/** The list shows the task's start; the page gets no more than this of it. */
export const TASK_EXCERPT_CHARS = 300;

/** The reader's wording for a journal whose writer is still alive on this host. */
const IN_PROGRESS_ERROR = 'run still in progress';

export function runStatus(trajectory: Pick<Trajectory, 'success' | 'incomplete' | 'error'>): RunStatus {
  if (trajectory.incomplete) return trajectory.error === IN_PROGRESS_ERROR ? 'running' : 'unfinished';
  return trajectory.success ? 'ok' : 'failed';
}

export function summarizeRun(trajectory: Trajectory): RunSummary {
  return {
    id: trajectory.trajectory_id,
    start_time: trajectory.start_time,
    status: runStatus(trajectory),
    model: trajectory.model,
    sub_model: trajectory.sub_model,
    backend: trajectory.backend,
    environment: trajectory.environment,
    task: trajectory.task.slice(0, TASK_EXCERPT_CHARS),
    tokens: trajectory.total_tokens,
    tokens_in: trajectory.total_tokens_in,
    tokens_out: trajectory.total_tokens_out,
    cost_usd: trajectory.total_cost_usd,
    duration_ms: trajectory.duration_ms,
    calls: trajectory.calls.length,
    iterations: trajectory.iterations,
    depth: trajectory.max_depth_reached,
    source: trajectory.trajectory_id.startsWith(OFFICIAL_RLM_ID_PREFIX) ? 'rlm-python' : 'rlm-runtime',
  };
}
