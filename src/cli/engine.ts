/** The engine as the CLI sees it: one call per run. main.ts plugs in the real RLM class. */
import type { CompletionOverrides, RLMOptions, RLMResult } from '../rlm-options.js';

export interface RunEngine {
  completion(task: string, overrides?: CompletionOverrides): Promise<RLMResult>;
}

export type EngineFactory = (options: RLMOptions) => RunEngine;
