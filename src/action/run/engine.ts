/**
 * The engine as the action sees it: one run of one task. The real adapter wraps `class RLM`
 * (rlm-engine.ts); orchestration tests substitute their own.
 */
import type { RLMOptions, RLMResult, RunEvent } from '../../rlm-options.js';
import type { ContextInput } from '../../sandbox/types.js';

export interface EngineRequest {
  task: string;
  options: RLMOptions;
  context?: ContextInput;
  /** Aborted on SIGINT/SIGTERM: the engine stops, closes the sandbox and finishes the trajectory. */
  signal: AbortSignal;
  onEvent: (event: RunEvent) => void;
}

export interface Engine {
  run(request: EngineRequest): Promise<RLMResult>;
}
