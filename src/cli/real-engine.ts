/** The real engine behind `rlm run`: the shared Engine port on `class RLM`, plus orphan cleanup. */
import type { Engine } from '../engine-port.js';
import { rlmEngine } from '../rlm-engine.js';
import { removeOrphanedSandboxes } from './orphan-cleanup.js';

export const cliEngine: Engine = {
  async run(request) {
    const environment = request.options.environment ?? 'docker';
    const report = request.options.onProgress ?? (() => undefined);
    // In parallel with the run, not before it: the run's own containers carry this live pid,
    // so the reaper cannot take them.
    const reaping = environment === 'docker' ? removeOrphanedSandboxes(report) : Promise.resolve();
    try {
      return await rlmEngine.run(request);
    } finally {
      // A short run must not exit before the cleanup it started has finished (it is bounded).
      await reaping;
    }
  },
};
