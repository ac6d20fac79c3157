/** The Engine port on the library's `class RLM`: one instance, one completion. */
import { RLM } from '../rlm.js';
import type { RLMResult } from '../rlm-options.js';
import type { Engine, EngineRequest } from './engine.js';

export const rlmEngine: Engine = {
  async run(request: EngineRequest): Promise<RLMResult> {
    const rlm = new RLM({ ...request.options, onEvent: request.onEvent });
    return rlm.completion(request.task, {
      signal: request.signal,
      ...(request.context ? { context: request.context } : {}),
    });
  },
};
