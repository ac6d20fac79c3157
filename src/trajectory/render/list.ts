import type { Trajectory } from '../types.js';
import { excerpt, formatCount, formatUsd } from './format.js';

export function trajectoryStatus(trajectory: Pick<Trajectory, 'success' | 'incomplete'>): string {
  if (trajectory.incomplete) return 'unfinished';
  return trajectory.success ? 'ok' : 'failed';
}

/** One aligned line per run for `rlm logs`: id, start, status, model, tokens, cost, task. */
export function renderTrajectoryListText(trajectories: readonly Trajectory[]): string {
  if (trajectories.length === 0) return 'No trajectories found.';
  const rows = trajectories.map((trajectory) => [
    trajectory.trajectory_id,
    trajectory.start_time.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    trajectoryStatus(trajectory),
    trajectory.model,
    `${formatCount(trajectory.total_tokens)} tok`,
    formatUsd(trajectory.total_cost_usd),
    excerpt(trajectory.task, 60),
  ]);
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
