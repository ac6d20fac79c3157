/**
 * Trajectories for `rlm logs`, built from the trajectory renderers: a list, a
 * terminal view of one run (facts, answer, cost table, call tree), or the
 * full markdown or self-contained HTML document.
 */
import { join } from 'node:path';

import {
  callTree,
  costTable,
  renderCallTreeText,
  renderCostTableText,
  renderOutputsText,
  renderTrajectoryHtml,
  renderTrajectoryListText,
  renderTrajectoryMarkdown,
} from '../trajectory/render/index.js';
import { headerFacts } from '../trajectory/render/header-facts.js';
import type { Trajectory } from '../trajectory/types.js';

export function renderTrajectoryList(trajectories: Trajectory[]): string {
  return `${renderTrajectoryListText(trajectories)}\n`;
}

export interface TerminalViewOptions {
  /** Where the trajectory was read from: outputs are shown at their path on this machine. */
  logDir?: string;
  /** Image outputs for the HTML page. */
  images?: ReadonlyMap<string, Buffer>;
}

export function renderTrajectoryForTerminal(
  trajectory: Trajectory,
  format: 'text' | 'markdown' | 'html',
  options: TerminalViewOptions = {},
): string {
  if (format === 'markdown') return `${renderTrajectoryMarkdown(trajectory).trimEnd()}\n`;
  if (format === 'html') {
    return `${renderTrajectoryHtml(trajectory, options.images ? { images: options.images } : {}).trimEnd()}\n`;
  }
  const outputsDir =
    trajectory.outputs_dir === null
      ? null
      : options.logDir === undefined
        ? trajectory.outputs_dir
        : join(options.logDir, trajectory.outputs_dir);
  const outputs = renderOutputsText(trajectory.outputs, trajectory.outputs_skipped, outputsDir);
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
    ...(outputs.length > 0 ? [...outputs, ''] : []),
    renderCostTableText(costTable(trajectory)),
    '',
    'Calls:',
    renderCallTreeText(callTree(trajectory)),
    '',
  ].join('\n');
}
