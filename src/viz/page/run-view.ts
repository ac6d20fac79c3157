/** One run: a summary line and the views as tabs (tree, tokens and cost, timing, tools), plus export. */
import { formatCount, formatDuration, formatUsd } from '../../trajectory/render/format.js';
import type { Trajectory } from '../../trajectory/types.js';
import { runStatus } from '../data/run-summary.js';
import { h } from './dom.js';
import { exportButtons } from './export-run.js';
import { tabs } from './tabs.js';
import { timelineView } from './timeline-view.js';
import { tokensView } from './tokens-view.js';
import { toolsView } from './tools-view.js';
import { treeView } from './tree-view.js';

export const RUN_TABS = ['tree', 'tokens', 'timing', 'tools'] as const;

function tabFromHash(): string {
  const match = /tab=([a-z]+)/.exec(location.hash);
  return RUN_TABS.find((tab) => tab === match?.[1]) ?? 'tree';
}

export function runView(
  trajectory: Trajectory,
  options: { title?: string; initialTab?: string } = {},
): HTMLElement {
  const status = runStatus(trajectory);
  const summary = h(
    'p',
    { class: 'summary' },
    h('span', { class: `status status-${status}` }, status),
    ` ${trajectory.model} · ${trajectory.backend} · ${trajectory.environment} · ${formatDuration(trajectory.duration_ms)} · ${formatCount(trajectory.total_tokens)} tokens · ${formatUsd(trajectory.total_cost_usd)} · ${formatCount(trajectory.calls.length)} calls · depth ${trajectory.max_depth_reached}`,
  );
  const view = tabs(
    [
      { id: 'tree', label: 'Call tree', render: () => treeView(trajectory) },
      { id: 'tokens', label: 'Tokens & cost', render: () => tokensView(trajectory) },
      { id: 'timing', label: 'Timing', render: () => timelineView(trajectory) },
      { id: 'tools', label: 'Tools', render: () => toolsView(trajectory) },
    ],
    options.initialTab ?? tabFromHash(),
    (id) => history.replaceState(history.state, '', `#tab=${id}`),
  );
  return h(
    'section',
    { class: 'run-view', 'data-id': trajectory.trajectory_id },
    options.title === undefined ? null : h('h2', {}, options.title),
    summary,
    h('div', { class: 'toolbar' }, exportButtons(trajectory)),
    view,
  );
}
