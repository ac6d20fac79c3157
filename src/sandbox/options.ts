/**
 * Sandbox settings with safe defaults. The config layer fills these from the
 * config file, environment, CLI flags or action inputs; everything here is
 * plain data so it can be logged (no secrets live here).
 */
import { DEFAULT_IMAGE } from './default-image.js';

export { DEFAULT_IMAGE };

/**
 * The OCI runtime the engine starts the container with: `runc` (Docker's default) or `runsc`
 * (gVisor: a user-space kernel between model code and the host kernel; must be registered
 * with the engine, see scripts/setup.sh and docs/sandbox-docker.md).
 */
export type ContainerRuntime = 'runc' | 'runsc';

export const CONTAINER_RUNTIMES: readonly ContainerRuntime[] = ['runc', 'runsc'];

export interface OutputCaps {
  /** Bytes of stdout/stderr kept per execution (head + tail together). */
  maxOutputBytes: number;
  /** Largest frame the host accepts from the REPL; larger ones fail the execution. */
  maxFrameBytes: number;
}

export interface DockerHardening {
  image: string;
  runtime: ContainerRuntime;
  /** 'none' by default; anything else must be asked for explicitly. */
  networkMode: string;
  readOnlyRootFs: boolean;
  /** Memory limit in bytes; swap is set equal to it (no swap). */
  memoryBytes: number;
  /** CPUs (fractional allowed). */
  cpus: number;
  pidsLimit: number;
  nofile: number;
  /** Largest file the code may write, bytes (RLIMIT_FSIZE). */
  fsizeBytes: number;
  /** Size of the noexec,nosuid tmpfs mounted at /tmp. */
  tmpfsBytes: number;
  /** Size of /dev/shm. */
  shmBytes: number;
  /** Size of the /output tmpfs, whose files are collected when the run ends. */
  outputBytes: number;
  /** Files (and directories) /output can hold; also the most the host collects. */
  outputFiles: number;
  /**
   * uid:gid the REPL runs as; never root. `auto` (default): 65534:65534, or with a writable workspace
   * the owner of the workspace directory (a root-owned one is refused).
   */
  user: string;
  /** Host directory mounted at `workspaceMount`, if any. */
  workspaceDir: string | null;
  /** Absolute container path the workspace is mounted at (and the REPL's working directory). */
  workspaceMount: string;
  /** Mount the workspace read-write (default read-only). */
  workspaceWritable: boolean;
  /**
   * Host directories inside workspaceDir that the sandbox must neither see nor change (the log dir):
   * each is covered in the container by an empty read-only tmpfs. Paths outside the workspace are not
   * mounted anyway and are ignored.
   */
  hiddenPaths: string[];
  /**
   * Entries of workspaceDir (names relative to it) that stay read-only in the sandbox even when the
   * workspace is writable. Default `.git`: hooks, `core.fsmonitor` or `core.hooksPath` written there
   * would run on the host at the user's next `git status`. A missing entry or a symlink is left alone.
   */
  readOnlyEntries: string[];
  /** Extra environment variables passed into the container. Only these: nothing from the host. */
  env: Record<string, string>;
  /** Labels set on every container (cleanup finds leftovers by them). */
  labels: Record<string, string>;
  /** Pull the image when it is missing locally. */
  pull: boolean;
  /**
   * Hard cap on a container's life: its supervisor ends it then, whatever runs
   * inside (a backstop for a host that is gone; a live run restarts the REPL).
   */
  maxLifetimeMs: number;
}

export interface SandboxOptions extends OutputCaps {
  environment: 'docker' | 'repl';
  /** Per-execution timeout: running time, host-call waits excluded (docs/sandbox-protocol.md). */
  execTimeoutMs: number;
  /**
   * Wall-clock cap of one execution, host-call waits included; it never pauses.
   * Bounds what code can gain by pretending to wait on the host.
   */
  execWallCapMs: number;
  docker: DockerHardening;
  /** python3 executable for the local adapter. */
  pythonPath: string;
}

export const SANDBOX_LABEL = 'dev.rlm-runtime.sandbox';

export function defaultSandboxOptions(): SandboxOptions {
  return {
    environment: 'docker',
    execTimeoutMs: 60_000,
    execWallCapMs: 60 * 60_000,
    maxOutputBytes: 64 * 1024,
    maxFrameBytes: 16 * 1024 * 1024,
    pythonPath: 'python3',
    docker: {
      image: DEFAULT_IMAGE,
      runtime: 'runc',
      networkMode: 'none',
      readOnlyRootFs: true,
      memoryBytes: 1024 * 1024 * 1024,
      cpus: 1,
      pidsLimit: 128,
      nofile: 1024,
      fsizeBytes: 256 * 1024 * 1024,
      tmpfsBytes: 256 * 1024 * 1024,
      shmBytes: 64 * 1024 * 1024,
      outputBytes: 64 * 1024 * 1024,
      outputFiles: 256,
      user: 'auto',
      workspaceDir: null,
      workspaceMount: '/workspace',
      workspaceWritable: false,
      hiddenPaths: [],
      readOnlyEntries: ['.git'],
      env: {},
      labels: { [SANDBOX_LABEL]: 'true' },
      pull: true,
      // GitHub-hosted jobs end after 6 h; runs with a timeout get that plus a minute (src/rlm.ts).
      maxLifetimeMs: 6 * 60 * 60_000,
    },
  };
}
