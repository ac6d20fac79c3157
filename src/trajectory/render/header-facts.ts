import type { Trajectory } from '../types.js';
import { formatCount, formatDuration, formatUsd } from './format.js';
import { trajectoryStatus } from './list.js';

/** The run at a glance, as label/value pairs shared by the markdown and HTML documents. */
export function headerFacts(trajectory: Trajectory): Array<[label: string, value: string]> {
  const status = trajectoryStatus(trajectory);
  const outcome = trajectory.error === null ? status : `${status}: ${trajectory.error}`;
  const models =
    trajectory.sub_model && trajectory.sub_model !== trajectory.model
      ? `${trajectory.model} (sub-calls: ${trajectory.sub_model})`
      : trajectory.model;
  const cache =
    trajectory.total_cache_read_tokens + trajectory.total_cache_write_tokens > 0
      ? `, cache ${formatCount(trajectory.total_cache_read_tokens)} read / ${formatCount(trajectory.total_cache_write_tokens)} write`
      : '';
  return [
    ['Result', outcome],
    ['Backend', `${trajectory.backend}, ${models}`],
    ['Environment', trajectory.environment],
    ['Started', trajectory.start_time],
    ['Duration', formatDuration(trajectory.duration_ms)],
    ['Iterations', formatCount(trajectory.iterations)],
    ['Depth reached', formatCount(trajectory.max_depth_reached)],
    ['Model calls', formatCount(trajectory.calls.length)],
    [
      'Tokens',
      `${formatCount(trajectory.total_tokens)} (${formatCount(trajectory.total_tokens_in)} in / ${formatCount(trajectory.total_tokens_out)} out${cache})`,
    ],
    ['Cost', formatUsd(trajectory.total_cost_usd)],
    ['Limits hit', trajectory.limits_hit.length > 0 ? trajectory.limits_hit.join(', ') : 'none'],
    ['Context', trajectory.context_summary],
  ];
}
