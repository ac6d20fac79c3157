/**
 * The hardened container definition, as a pure function of DockerHardening so
 * that every security-relevant field can be unit-tested without an engine.
 */
import path from 'node:path';
import type { ContainerCreateOptions, MountConfig } from 'dockerode';
import { ConfigError } from '../../errors.js';
import { SANDBOX_LABEL, type DockerHardening } from '../options.js';
import { OUTPUT_DIR } from '../outputs/types.js';
import { SUPERVISOR_SOURCE } from '../supervisor-source.js';
import { STAGING_MOUNT } from './context-staging.js';
import { AUTO_USER, NOBODY } from './sandbox-user.js';

/** The host process that owns a container (the signal handler and reaper match on it). */
export const HOST_PID_LABEL = 'dev.rlm-runtime.host-pid';
/** One id per launcher, so tests and the reaper can scope their search. */
export const RUN_ID_LABEL = 'dev.rlm-runtime.run-id';
/**
 * The machine of the host process: a pid only means something on the machine
 * (and in the pid namespace) where it was taken, so the orphan reaper checks
 * pids only of containers labelled with its own hostname.
 */
export const HOST_LABEL = 'dev.rlm-runtime.host';

export const SANDBOX_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface ContainerIdentity {
  runId: string;
  hostPid: number;
  /** `os.hostname()` of the host process, passed in so this function stays pure. */
  hostname: string;
}

// A single argv string is capped at MAX_ARG_STRLEN (128 KiB) by Linux.
const MAX_ARG_BYTES = 120 * 1024;

/**
 * The container's main process is the supervisor (src/sandbox/python/supervisor.py,
 * `python3 -I -S`: no site, no environment), pid 1, which ends the container when
 * its host is gone or `maxLifetimeMs` has passed, whatever the code does. It starts
 * the REPL server as `python3 -u -B -c <source>`: unbuffered stdio, and no bytecode
 * written anywhere (-B): a writable workspace must not collect `__pycache__` from imports.
 */
export function replCommand(serverSource: string, maxLifetimeMs: number): string[] {
  if (Buffer.byteLength(serverSource) > MAX_ARG_BYTES) {
    throw new ConfigError(
      `The REPL server source is larger than ${MAX_ARG_BYTES} bytes and cannot be passed as an argument`,
    );
  }
  const lifetimeSeconds = Math.max(1, Math.ceil(maxLifetimeMs / 1000));
  return [
    'python3',
    '-I',
    '-S',
    '-c',
    SUPERVISOR_SOURCE,
    String(lifetimeSeconds),
    'python3',
    '-u',
    '-B',
    '-c',
    serverSource,
  ];
}

/** Host paths the launcher itself provides or checked, mounted read-only. */
export interface LauncherMounts {
  /** The launcher's context staging directory (context-staging.ts), or null for none. */
  contextStagingDir: string | null;
  /** Names of `readOnlyEntries` that exist in the workspace as a real directory or file (no symlink). */
  readOnlyEntries?: readonly string[];
}

export function buildContainerSpec(
  hardening: DockerHardening,
  command: string[],
  identity: ContainerIdentity,
  launcherMounts: LauncherMounts = { contextStagingDir: null },
): ContainerCreateOptions {
  assertSafe(hardening);
  const workspace = hardening.workspaceDir === null ? null : path.resolve(hardening.workspaceDir);
  const staging: MountConfig =
    launcherMounts.contextStagingDir === null
      ? []
      : [{ Type: 'bind', Source: launcherMounts.contextStagingDir, Target: STAGING_MOUNT, ReadOnly: true }];
  return {
    Image: hardening.image,
    Cmd: command,
    // The image's entrypoint could wrap our command in anything; we run python3 directly.
    Entrypoint: [],
    User: specUser(hardening),
    WorkingDir: workspace === null ? '/tmp' : hardening.workspaceMount,
    Env: containerEnv(hardening.env),
    Labels: {
      ...hardening.labels,
      [SANDBOX_LABEL]: 'true',
      [HOST_PID_LABEL]: String(identity.hostPid),
      [HOST_LABEL]: identity.hostname,
      [RUN_ID_LABEL]: identity.runId,
    },
    // The bridge is stdio: stdin stays open until the host is gone (the supervisor's dead-man switch).
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    StdinOnce: true,
    Tty: false,
    NetworkDisabled: hardening.networkMode === 'none',
    HostConfig: {
      Runtime: hardening.runtime,
      NetworkMode: hardening.networkMode,
      ReadonlyRootfs: hardening.readOnlyRootFs,
      Tmpfs: {
        '/tmp': `rw,noexec,nosuid,nodev,size=${hardening.tmpfsBytes}`,
        // The run's outputs: capped in bytes and in inodes (files + directories + itself).
        [OUTPUT_DIR]: `rw,noexec,nosuid,nodev,size=${hardening.outputBytes},nr_inodes=${hardening.outputFiles + 1},mode=1777`,
        ...(workspace === null
          ? {}
          : maskedPaths(workspace, hardening.workspaceMount, hardening.hiddenPaths)),
      },
      ShmSize: hardening.shmBytes,
      IpcMode: 'private',
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Privileged: false,
      Memory: hardening.memoryBytes,
      MemorySwap: hardening.memoryBytes,
      NanoCpus: Math.round(hardening.cpus * 1e9),
      PidsLimit: hardening.pidsLimit,
      Ulimits: [
        { Name: 'nofile', Soft: hardening.nofile, Hard: hardening.nofile },
        { Name: 'fsize', Soft: hardening.fsizeBytes, Hard: hardening.fsizeBytes },
      ],
      // The supervisor is pid 1 (it reaps orphans itself): pid 1 of the namespace cannot be
      // sent SIGKILL or SIGSTOP from inside, so code cannot freeze or kill the dead-man switch.
      Init: false,
      LogConfig: { Type: 'none', Config: {} },
      AutoRemove: true,
      Mounts: [
        ...(workspace === null
          ? []
          : [
              {
                Type: 'bind' as const,
                Source: workspace,
                Target: hardening.workspaceMount,
                ReadOnly: !hardening.workspaceWritable,
              },
            ]),
        ...(workspace === null || !hardening.workspaceWritable
          ? []
          : readOnlyBinds(workspace, hardening.workspaceMount, launcherMounts.readOnlyEntries ?? [])),
        ...staging,
      ],
    },
  };
}

/**
 * A writable workspace keeps these entries read-only: a bind of the entry over itself. A mount point can be
 * neither renamed nor removed, so model code cannot swap the entry for one of its own either.
 */
function readOnlyBinds(workspace: string, mountedAt: string, entries: readonly string[]): MountConfig {
  return entries
    .filter((entry) => entry !== '' && !entry.split('/').includes('..') && !path.isAbsolute(entry))
    .map((entry) => ({
      Type: 'bind' as const,
      Source: path.join(workspace, entry),
      Target: path.posix.join(mountedAt, ...entry.split('/')),
      ReadOnly: true,
    }));
}

/** An empty, read-only tmpfs is mounted over each hidden path: nothing to read, and a mount point can be neither written, renamed nor removed. */
const MASK_OPTIONS = 'ro,noexec,nosuid,nodev,size=4k,mode=0555';

function maskedPaths(
  workspace: string,
  mountedAt: string,
  hiddenPaths: readonly string[],
): Record<string, string> {
  const masks: Record<string, string> = {};
  for (const hidden of hiddenPaths) {
    const relative = path.relative(workspace, path.resolve(hidden));
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
    masks[path.posix.join(mountedAt, ...relative.split(path.sep))] = MASK_OPTIONS;
  }
  return masks;
}

/** `auto` is resolved by the launcher (it needs the workspace owner); without a writable workspace it is nobody. */
function specUser(hardening: DockerHardening): string {
  if (hardening.user !== AUTO_USER) return hardening.user;
  if (hardening.workspaceDir !== null && hardening.workspaceWritable) {
    throw new Error(
      'resolve the sandbox user (resolveSandboxUser) before building a writable container spec',
    );
  }
  return NOBODY;
}

/** Only the allowlisted variables: nothing from the host environment. */
function containerEnv(allowlisted: Record<string, string>): string[] {
  const env: Record<string, string> = {
    PATH: SANDBOX_PATH,
    LANG: 'C.UTF-8',
    // The root filesystem is read-only; tools that want a home get the scratch tmpfs.
    HOME: '/tmp',
    // Python processes the code starts write no bytecode either (see replCommand).
    PYTHONDONTWRITEBYTECODE: '1',
    // Charts without a display, and matplotlib's font cache on the tmpfs (the root is read-only).
    MPLBACKEND: 'Agg',
    MPLCONFIGDIR: '/tmp/matplotlib',
    ...allowlisted,
  };
  return Object.entries(env).map(([key, value]) => `${key}=${value}`);
}

const DOCKER_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock'];

function assertSafe(hardening: DockerHardening): void {
  const [uid] = hardening.user.split(':');
  if (uid === undefined || uid === '' || uid === '0' || uid === 'root') {
    throw new ConfigError(`The sandbox must not run as root (user "${hardening.user}")`, {
      key: 'sandbox.docker.user',
      fix: 'Use a non-root uid:gid such as 65534:65534.',
    });
  }
  const positive: Array<[string, number]> = [
    ['memoryBytes', hardening.memoryBytes],
    ['cpus', hardening.cpus],
    ['pidsLimit', hardening.pidsLimit],
    ['nofile', hardening.nofile],
    ['fsizeBytes', hardening.fsizeBytes],
    ['tmpfsBytes', hardening.tmpfsBytes],
    ['shmBytes', hardening.shmBytes],
    ['outputBytes', hardening.outputBytes],
    ['outputFiles', hardening.outputFiles],
    ['maxLifetimeMs', hardening.maxLifetimeMs],
  ];
  for (const [key, value] of positive) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new ConfigError(`sandbox.docker.${key} must be a positive number (got ${value})`, {
        key: `sandbox.docker.${key}`,
      });
    }
  }
  if (hardening.workspaceDir !== null) {
    const workspace = path.resolve(hardening.workspaceDir);
    const exposesSocket = DOCKER_SOCKETS.some(
      (socket) =>
        socket === workspace || socket.startsWith(workspace.endsWith('/') ? workspace : `${workspace}/`),
    );
    const hidesEverything = hardening.hiddenPaths.some((hidden) => path.resolve(hidden) === workspace);
    if (hidesEverything) {
      throw new ConfigError(
        `The log directory ${workspace} is the workspace itself, which the sandbox sees`,
        {
          key: 'log_dir',
          fix: 'Set log_dir to a subdirectory (the default ./logs) or a directory outside the workspace.',
        },
      );
    }
    if (exposesSocket) {
      throw new ConfigError(`The workspace ${workspace} would expose the Docker socket to the sandbox`, {
        key: 'sandbox.docker.workspaceDir',
        fix: 'Mount the repository checkout, not a system directory.',
      });
    }
  }
}
