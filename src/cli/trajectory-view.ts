/**
 * Trajectories for `rlm logs`, built from the trajectory renderers: a list, a
 * terminal view of one run (facts, answer, cost table, call tree), or the
 * full markdown or self-contained HTML document.
 */
import {
  callTree,
  costTable,
  renderCallTreeText,
  renderCostTableText,
  renderTrajectoryHtml,
  renderTrajectoryListText,
  renderTrajectoryMarkdown,
} from '../trajectory/render/index.js';
import { headerFacts } from '../trajectory/render/header-facts.js';
import type { Trajectory } from '../trajectory/types.js';

export function renderTrajectoryList(trajectories: Trajectory[]): string {
  return `${renderTrajectoryListText(trajectories)}\n`;
}

export function renderTrajectoryForTerminal(
  trajectory: Trajectory,
  format: 'text' | 'markdown' | 'html',
): string {
  if (format === 'markdown') return `${renderTrajectoryMarkdown(trajectory).trimEnd()}\n`;
  if (format === 'html') return `${renderTrajectoryHtml(trajectory).trimEnd()}\n`;
  const facts = headerFacts(trajectory);
  const width = Math.max(...facts.map(([label]) => label.length));
  return [
    `Run ${trajectory.trajectory_id}`,
    `Task: ${trajectory.task}`,
    ...facts.map(([label, value]) => `${label.padEnd(width)}  ${value}`),
    '',
    'Answer:',
    trajectory.final_answer ?? '(none)',
    '',
    renderCostTableText(costTable(trajectory)),
    '',
    'Calls:',
    renderCallTreeText(callTree(trajectory)),
    '',
  ].join('\n');
}
