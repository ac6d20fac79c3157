/**
 * The Engine port on the library's `class RLM`: one instance, one completion. `class RLM` (provider SDKs,
 * dockerode, the config layer) is imported when a run starts, not when the front end starts: most events a
 * comment workflow sees are not commands and never need it.
 */
import type { Engine, EngineRequest } from './engine-port.js';
import type { RLMResult } from './rlm-options.js';

export const rlmEngine: Engine = {
  async run(request: EngineRequest): Promise<RLMResult> {
    const { RLM } = await import('./rlm.js');
    const rlm = new RLM({ ...request.options, onEvent: request.onEvent });
    return rlm.completion(request.task, {
      signal: request.signal,
      ...(request.context ? { context: request.context } : {}),
    });
  },
};
