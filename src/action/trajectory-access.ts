/** TrajectoryAccess on the trajectory module: reader (journals of unfinished runs included) and renderers. */
import {
  callTree,
  callTreeMermaidBlock,
  readTrajectory,
  renderCallTreeText,
  renderTrajectoryHtml,
  renderTrajectoryMarkdown,
} from '../trajectory/index.js';
import type { TrajectoryAccess } from './run-action.js';

export const trajectoryAccess: TrajectoryAccess = {
  load: async (logDir, trajectoryId) => readTrajectory(logDir, trajectoryId),
  markdown: (trajectory) => renderTrajectoryMarkdown(trajectory),
  html: (trajectory) => renderTrajectoryHtml(trajectory),
  callTreeText: (trajectory) => renderCallTreeText(callTree(trajectory)),
  callTreeMermaid: (trajectory) => callTreeMermaidBlock(trajectory),
};
