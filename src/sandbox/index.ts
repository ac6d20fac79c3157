/**
 * The sandbox entry point for the engine, the CLI and the Action: one factory
 * and the public types. `docker` (default) runs each REPL in a hardened
 * container; `repl` runs a local python3 process and is unsafe for untrusted code.
 */
import { DockerLauncher } from './docker/docker-launcher.js';
import { LocalLauncher } from './local/local-launcher.js';
import type { SandboxOptions } from './options.js';
import { ReplSandbox } from './repl-sandbox.js';
import type { Sandbox } from './types.js';

export interface SandboxHooks {
  /** One-line notes for the user, e.g. image pull progress. */
  onProgress?: (message: string) => void;
}

export function createSandbox(options: SandboxOptions, hooks: SandboxHooks = {}): Sandbox {
  const launcher =
    options.environment === 'docker'
      ? new DockerLauncher(options.docker, { onProgress: hooks.onProgress })
      : new LocalLauncher(options);
  return new ReplSandbox(launcher, options);
}

export type {
  CappedOutput,
  ContextInput,
  ExecOptions,
  ExecResult,
  ExecStatus,
  HostCall,
  HostCallHandler,
  Sandbox,
} from './types.js';
export type { ContainerRuntime, DockerHardening, OutputCaps, SandboxOptions } from './options.js';
export { DEFAULT_IMAGE, defaultSandboxOptions, SANDBOX_LABEL } from './options.js';
export { DockerLauncher, type DockerLauncherOptions } from './docker/docker-launcher.js';
export { reapSandboxContainers, type ReapOptions } from './docker/reaper.js';
export {
  reapOrphanedSandboxes,
  type OrphanReapClient,
  type OrphanReapOptions,
} from './docker/orphan-reaper.js';
export { HOST_LABEL, HOST_PID_LABEL, RUN_ID_LABEL } from './docker/container-spec.js';
