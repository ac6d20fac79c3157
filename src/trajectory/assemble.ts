import { summarize } from './summary.js';
import type { CallRecord, Trajectory, TrajectoryHeader, TrajectoryOutcome } from './types.js';

/** The finished object, fields in reading order: who and when, how it ended, totals, then the details. */
export function assembleTrajectory(
  header: TrajectoryHeader,
  calls: readonly CallRecord[],
  outcome: TrajectoryOutcome,
  options: { incomplete?: boolean } = {},
): Trajectory {
  const trajectory: Trajectory = {
    schema_version: header.schema_version,
    trajectory_id: header.trajectory_id,
    backend: header.backend,
    model: header.model,
    sub_model: header.sub_model,
    environment: header.environment,
    start_time: header.start_time,
    end_time: outcome.end_time,
    duration_ms: outcome.duration_ms,
    success: outcome.success,
    error: outcome.error,
    final_answer: outcome.final_answer,
    limits_hit: [...outcome.limits_hit],
    iterations: outcome.iterations,
    max_depth_reached: outcome.max_depth_reached,
    outputs: [...(outcome.outputs ?? [])],
    outputs_skipped: [...(outcome.outputs_skipped ?? [])],
    outputs_dir: outcome.outputs_dir ?? null,
    ...summarize(calls),
    task: header.task,
    system_prompt: header.system_prompt,
    limits: { ...header.limits },
    context_summary: header.context_summary,
    calls: [...calls],
  };
  if (options.incomplete) trajectory.incomplete = true;
  return trajectory;
}
