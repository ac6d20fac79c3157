/**
 * Trajectories for `rlm logs`. A plain rendering until the trajectory
 * renderers land; then this delegates to them.
 */
import type { Trajectory } from '../trajectory/types.js';
import { formatCount, formatDuration, formatUsd } from './format.js';

export function renderTrajectoryList(trajectories: Trajectory[], _format: 'text' | 'markdown'): string {
  const lines = trajectories.map(
    (t) =>
      `${t.trajectory_id}  ${t.start_time}  ${t.success ? 'ok    ' : 'failed'}  ${formatCount(t.total_tokens)} tokens  ` +
      `${formatUsd(t.total_cost_usd)}  ${t.task.slice(0, 60).replace(/\s+/g, ' ')}`,
  );
  return `${lines.join('\n')}\n`;
}

export function renderTrajectoryForTerminal(trajectory: Trajectory, _format: 'text' | 'markdown'): string {
  const lines = [
    `# Trajectory ${trajectory.trajectory_id}`,
    `task: ${trajectory.task}`,
    `success: ${trajectory.success}  duration: ${formatDuration(trajectory.duration_ms)}  tokens: ${formatCount(trajectory.total_tokens)}  cost: ${formatUsd(trajectory.total_cost_usd)}`,
    '',
    ...trajectory.calls.map(
      (call) => `${'  '.repeat(call.depth)}- ${call.call_id} ${call.kind} ${call.model}`,
    ),
    '',
    `answer: ${trajectory.final_answer ?? '(none)'}`,
  ];
  return `${lines.join('\n')}\n`;
}
