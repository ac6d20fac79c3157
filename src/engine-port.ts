/**
 * The engine as its front ends see it: one run of one task. The `rlm` CLI and the GitHub Action both drive
 * the engine through this port; the real adapter (rlm-engine.ts) wraps `class RLM`, and each front end's
 * tests substitute their own.
 */
import type { RLMOptions, RLMResult, RunEvent } from './rlm-options.js';
import type { ContextInput } from './sandbox/types.js';

export interface EngineRequest {
  task: string;
  options: RLMOptions;
  /** Replaces `options.context` for this run. */
  context?: ContextInput;
  /** Aborted on SIGINT/SIGTERM: the engine stops, closes the sandbox and finishes the trajectory. */
  signal: AbortSignal;
  /** Every event of the run, as it happens (progress lines, the PR comment). */
  onEvent: (event: RunEvent) => void;
}

export interface Engine {
  run(request: EngineRequest): Promise<RLMResult>;
}
