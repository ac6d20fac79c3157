/**
 * TrajectoryAccess on the trajectory module: reader (journals of unfinished runs included) and renderers.
 * The module is imported by `load`, which always comes first: the renderers only ever see a trajectory
 * `load` returned, so an ignored event never loads the readers and renderers.
 */
import type { Trajectory } from '../../trajectory/types.js';
import type { TrajectoryAccess } from '../run/run-action.js';

type TrajectoryModule = typeof import('../../trajectory/index.js');
let loaded: TrajectoryModule | undefined;

function renderers(): TrajectoryModule {
  if (!loaded) throw new Error('trajectory renderers used before a trajectory was loaded');
  return loaded;
}

export const trajectoryAccess: TrajectoryAccess = {
  load: async (logDir, trajectoryId) => {
    loaded ??= await import('../../trajectory/index.js');
    return loaded.readTrajectory(logDir, trajectoryId);
  },
  markdown: (trajectory: Trajectory) => renderers().renderTrajectoryMarkdown(trajectory),
  html: (trajectory: Trajectory, images?: ReadonlyMap<string, Buffer>) =>
    renderers().renderTrajectoryHtml(trajectory, images === undefined ? {} : { images }),
  callTreeText: (trajectory: Trajectory) => {
    const module = renderers();
    return module.renderCallTreeText(module.callTree(trajectory));
  },
  callTreeMermaid: (trajectory: Trajectory) => renderers().callTreeMermaidBlock(trajectory),
};
