import type { Trajectory } from '../types.js';
import { excerpt, formatCount, formatDuration, formatUsd } from './format.js';

export function trajectoryStatus(trajectory: Pick<Trajectory, 'success' | 'incomplete'>): string {
  if (trajectory.incomplete) return 'unfinished';
  return trajectory.success ? 'ok' : 'failed';
}

const LIST_HEADER = ['ID', 'STARTED', 'STATUS', 'MODEL', 'TOKENS', 'COST', 'DURATION', 'TASK'];

/** `rlm logs`' table: a header row, then one aligned line per run (id, start, status, model, tokens, cost, duration, task). */
export function renderTrajectoryListText(trajectories: readonly Trajectory[]): string {
  if (trajectories.length === 0) return 'No trajectories found.';
  const rows = [
    LIST_HEADER,
    ...trajectories.map((trajectory) => [
      trajectory.trajectory_id,
      trajectory.start_time.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      trajectoryStatus(trajectory),
      trajectory.model,
      `${formatCount(trajectory.total_tokens)} tok`,
      formatUsd(trajectory.total_cost_usd),
      formatDuration(trajectory.duration_ms),
      excerpt(trajectory.task, 60),
    ]),
  ];
  const widths = LIST_HEADER.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
