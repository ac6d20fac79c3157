/** The real engine behind `rlm run`. */
import { RLM } from '../rlm.js';
import type { EngineFactory } from './engine.js';
import { removeOrphanedSandboxes } from './orphan-cleanup.js';

export const createRlmEngine: EngineFactory = (options) => {
  const rlm = new RLM(options);
  return {
    async completion(task, overrides) {
      const environment = overrides?.environment ?? options.environment ?? 'docker';
      const report = options.onProgress ?? (() => undefined);
      // In parallel with the run, not before it: the run's own containers carry this live pid,
      // so the reaper cannot take them.
      const reaping = environment === 'docker' ? removeOrphanedSandboxes(report) : Promise.resolve();
      try {
        return await rlm.completion(task, overrides);
      } finally {
        // A short run must not exit before the cleanup it started has finished (it is bounded).
        await reaping;
      }
    },
  };
};
