/** The public surface of the library (`import { RLM } from 'rlm-runtime-action'`). */
export { RLM } from './rlm.js';
export { TextStream } from './text-stream.js';
export type { ResolvedRLMOptions } from './library-settings.js';
export type { Settings } from './config/settings.js';
export type {
  CompletionOverrides,
  LimitName,
  ModelPriceOverride,
  ModelUsageSummary,
  RLMOptions,
  RLMResult,
  RunEvent,
  RunEventType,
  SandboxOverrides,
  SubCallKind,
  ToolFunction,
  ToolSchema,
} from './rlm-options.js';
export {
  ConfigError,
  DockerError,
  ExecutionError,
  ExitCode,
  exitCodeOf,
  ModelApiError,
  RlmError,
  RunTimeoutError,
} from './errors.js';
export { createModelClient, costOf, PRICE_TABLE } from './models/index.js';
export type { Backend, ModelClient, ModelClientOptions, ScriptSource, TokenUsage } from './models/index.js';
export { createSandbox, defaultSandboxOptions, reapSandboxContainers } from './sandbox/index.js';
export type { ContextInput, ExecResult, Sandbox, SandboxHooks, SandboxOptions } from './sandbox/index.js';
export { readTrajectories, readTrajectory, validateTrajectory } from './trajectory/index.js';
export type { CallRecord, CodeExecutionRecord, Trajectory } from './trajectory/types.js';
