/**
 * A launcher starts one REPL server process (python3 running the bridge server)
 * and hands back its raw stdio. The shared ReplSandbox (src/sandbox/repl-sandbox.ts)
 * speaks the framed protocol over it and handles timeouts, restarts, namespaces
 * and context re-injection; adapters only differ in how the process is started,
 * killed and torn down:
 *   - LocalLauncher  (src/sandbox/local/):  child_process.spawn('python3', ...)
 *   - DockerLauncher (src/sandbox/docker/): one hardened container per process
 */
import type { Readable, Writable } from 'node:stream';

import type { CollectedOutputs } from './outputs/types.js';

export interface ReplExit {
  /** Exit code of the REPL process, null if unknown. */
  code: number | null;
  /** True when the process was OOM-killed (cgroup counter / oom event, not State.OOMKilled). */
  oomKilled: boolean;
  /** Last bytes the process wrote to its stderr (diagnostics only; bounded). */
  stderrTail: string;
}

/** Contexts from this size on are staged when the process can (below it the stream is as fast). */
export const STAGING_THRESHOLD_BYTES = 1024 * 1024;

/** A context written where the REPL can read it by name (see docker/context-staging.ts). */
export interface StagedContext {
  readonly name: string;
  release(): Promise<void>;
}

export interface ReplProcess {
  /** Frames to the REPL. Closing it is the dead-man switch: the REPL exits on EOF. */
  readonly stdin: Writable;
  /** Frames from the REPL (already demultiplexed for Docker). Untrusted bytes. */
  readonly stdout: Readable;
  /** Resolves once, when the process is gone. */
  readonly exited: Promise<ReplExit>;
  /** Kills the process for sure (SIGKILL / container kill) and resolves when it is gone. */
  kill(): Promise<void>;
  /**
   * Puts a large context where the REPL reads it as a file, faster than the stream. Absent
   * when the process has no such place (the local adapter; a Docker engine on another host).
   */
  stage?(data: Buffer): Promise<StagedContext>;
}

export interface Launcher {
  readonly kind: 'docker' | 'repl';
  /** Checks what launch() needs (engine reachable, image present) without starting anything. Idempotent. */
  preflight(): Promise<void>;
  /** Starts a fresh REPL process running `serverSource` (the Python bridge server). */
  launch(serverSource: string): Promise<ReplProcess>;
  /** The files model code left in /output (Docker only). Never throws: failures come back in `error`. */
  collectOutputs?(): Promise<CollectedOutputs>;
  /** Releases everything the launcher holds (containers, listeners). Idempotent. */
  dispose(): Promise<void>;
}
