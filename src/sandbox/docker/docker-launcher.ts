/**
 * Launches each REPL server in its own hardened, auto-removed container.
 * Order matters: the event watch and the attach connection are set up before
 * the container starts, so no output and no exit/oom event is lost.
 */
import Docker from 'dockerode';
import { randomUUID } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { inspectPlainPath } from '../../host-fs/plain-path.js';
import type { Duplex } from 'node:stream';
import { DockerError } from '../../errors.js';
import type { Launcher, ReplProcess } from '../launcher.js';
import type { DockerHardening } from '../options.js';
import { buildContainerSpec, replCommand } from './container-spec.js';
import { watchContainer } from './container-watch.js';
import { ContextStaging } from './context-staging.js';
import { containerFailedToStart, dockerUnreachable, imageNotFound, statusCodeOf } from './docker-errors.js';
import { DockerReplProcess } from './docker-repl-process.js';
import { resolveSandboxUser } from './sandbox-user.js';
import { readOutputsByExec } from '../outputs/exec-tar.js';
import { NO_OUTPUTS, OUTPUT_DIR, type CollectedOutputs } from '../outputs/types.js';
import { ensureImage, type ProgressReporter } from './image.js';
import { assertRuntimeRegistered } from './runtime-check.js';
import {
  registerSignalCleanup,
  unregisterSignalCleanup,
  type SignalCleanupTarget,
} from './signal-cleanup.js';

export interface DockerLauncherOptions {
  /** Engine client; default `new Docker()` (DOCKER_HOST or the local socket). */
  docker?: Docker;
  /** Labels this launcher's containers (RUN_ID_LABEL); default a random UUID. */
  runId?: string;
  /** Image pull progress and similar one-line notes for the user. */
  onProgress?: ProgressReporter;
  /**
   * Large contexts go through a read-only bind-mounted host directory (context-staging.ts).
   * Default: on when the engine is local (DOCKER_HOST unset or a unix socket), since a remote
   * engine would mount a directory of its own machine.
   */
  contextStaging?: boolean;
}

function engineIsLocal(dockerHost: string | undefined): boolean {
  return dockerHost === undefined || dockerHost === '' || dockerHost.startsWith('unix://');
}

// A daemon that accepts the connection but never answers must not hang the run.
const PING_TIMEOUT_MS = 15_000;
// A fork bomb at the pids limit blocks docker exec: give up on the outputs rather than the run.
const ARCHIVE_TIMEOUT_MS = 15_000;

export class DockerLauncher implements Launcher, SignalCleanupTarget {
  readonly kind = 'docker' as const;
  readonly runId: string;
  private readonly docker: Docker;
  private readonly onProgress: ProgressReporter | undefined;
  private readonly live = new Set<DockerReplProcess>();
  /** Create requests in flight: a signal during one must still find the container it makes. */
  private readonly creating = new Set<Promise<Docker.Container>>();
  /** Containers created but not yet handed out as a process (still being set up). */
  private readonly settingUp = new Set<Docker.Container>();
  private ready: Promise<void> | undefined;
  /** The container whose /output is collected (a restart starts a fresh, empty one). */
  private newest: DockerReplProcess | undefined;
  private disposed = false;
  private readonly useStaging: boolean;
  private staging: ContextStaging | undefined;

  constructor(
    private readonly hardening: DockerHardening,
    options: DockerLauncherOptions = {},
  ) {
    this.docker = options.docker ?? new Docker();
    this.runId = options.runId ?? randomUUID();
    this.onProgress = options.onProgress;
    this.useStaging = options.contextStaging ?? engineIsLocal(process.env.DOCKER_HOST);
  }

  /** Ping and image check, once per launcher (a failure is retried by the next call). */
  preflight(): Promise<void> {
    this.ready ??= this.prepare().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  async launch(serverSource: string): Promise<ReplProcess> {
    this.assertUsable();
    const command = replCommand(serverSource, this.hardening.maxLifetimeMs);
    await this.preflight();
    // dispose() may have run while the engine was being prepared: do not re-register then.
    this.assertUsable();
    registerSignalCleanup(this);

    const hardening = {
      ...this.hardening,
      user: await resolveSandboxUser(this.hardening),
      hiddenPaths: await existingDirectories(this.hardening.hiddenPaths),
    };
    const spec = buildContainerSpec(
      hardening,
      command,
      { runId: this.runId, hostPid: process.pid, hostname: hostname() },
      {
        contextStagingDir: this.staging?.dir ?? null,
        readOnlyEntries: plainEntries(this.hardening.workspaceDir, this.hardening.readOnlyEntries),
      },
    );
    const creation = this.create(spec);
    this.creating.add(creation);
    let container: Docker.Container;
    try {
      container = await creation;
    } finally {
      this.creating.delete(creation);
    }
    this.settingUp.add(container);
    try {
      this.assertUsable();
      const watch = await watchContainer(this.docker, container.id);
      let socket: Duplex | undefined;
      try {
        socket = (await container.attach({
          stream: true,
          stdin: true,
          stdout: true,
          stderr: true,
          hijack: true,
        })) as Duplex;
        await container.start();
      } catch (error) {
        watch.close();
        socket?.destroy();
        throw error;
      }
      const proc = new DockerReplProcess(container, socket, watch, this.staging);
      this.live.add(proc);
      this.newest = proc;
      void proc.removed.then(() => this.live.delete(proc));
      return proc;
    } catch (error) {
      await forceRemove(container);
      throw error instanceof DockerError ? error : containerFailedToStart(this.hardening.image, error);
    } finally {
      this.settingUp.delete(container);
    }
  }

  /**
   * The files in /output of the current container, streamed out by the container's own tar (never a
   * host path the sandbox could point elsewhere), with symlinks and special files skipped and caps applied.
   */
  async collectOutputs(): Promise<CollectedOutputs> {
    const proc = this.newest;
    if (proc === undefined) return NO_OUTPUTS;
    const limits = { maxFiles: this.hardening.outputFiles, maxBytes: this.hardening.outputBytes };
    try {
      return await withinMs(readOutputsByExec(proc.container, limits), ARCHIVE_TIMEOUT_MS);
    } catch (error) {
      const gone = statusCodeOf(error) === 404;
      return {
        ...NO_OUTPUTS,
        error: gone
          ? 'the sandbox container was already gone'
          : `could not read ${OUTPUT_DIR}: ${String(error)}`,
      };
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.removeAllNow();
    unregisterSignalCleanup(this);
  }

  /**
   * Force-removes every container of this launcher, including ones still being
   * created or set up, and refuses new launches (called on dispose and on a signal).
   */
  async removeAllNow(): Promise<void> {
    this.disposed = true;
    await Promise.allSettled([...this.creating]);
    await Promise.all([
      ...[...this.live].map((proc) => proc.kill().catch(() => undefined)),
      ...[...this.settingUp].map((container) => forceRemove(container)),
    ]);
    // After the containers: a staged file is never removed under a REPL still reading it.
    await this.staging?.dispose().catch(() => undefined);
  }

  private assertUsable(): void {
    if (this.disposed) throw new DockerError('The Docker sandbox launcher was disposed');
  }

  private async prepare(): Promise<void> {
    try {
      await pingWithin(this.docker, PING_TIMEOUT_MS);
    } catch (error) {
      throw dockerUnreachable(error);
    }
    await assertRuntimeRegistered(this.docker, this.hardening.runtime);
    await ensureImage(this.docker, this.hardening.image, {
      pull: this.hardening.pull,
      onProgress: this.onProgress,
    });
    if (this.useStaging) this.staging ??= await ContextStaging.create();
  }

  private async create(spec: Docker.ContainerCreateOptions): Promise<Docker.Container> {
    try {
      return await this.docker.createContainer(spec);
    } catch (error) {
      // The image can vanish between the check and the create (docker rmi, prune).
      if (statusCodeOf(error) === 404)
        throw imageNotFound(this.hardening.image, { pullDisabled: false, cause: error });
      throw containerFailedToStart(this.hardening.image, error);
    }
  }
}

/**
 * Only real directories can be masked: Docker would create a missing mount point inside a writable
 * workspace as root. A missing or symlinked log dir holds nothing of ours (the writer refuses a symlink).
 */
/** Entries that exist below the workspace as a directory or regular file, no component a symlink (Docker would follow it). */
function plainEntries(workspace: string | null, entries: readonly string[]): string[] {
  if (workspace === null) return [];
  const found: string[] = [];
  for (const entry of entries) {
    const plain = inspectPlainPath(path.resolve(workspace, entry), workspace);
    if (plain.kind === 'file' || plain.kind === 'directory') found.push(entry);
  }
  return found;
}

async function existingDirectories(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const candidate of paths) {
    const info = await lstat(candidate).catch(() => undefined);
    if (info?.isDirectory()) found.push(candidate);
  }
  return found;
}

async function forceRemove(container: Docker.Container): Promise<void> {
  await container.remove({ force: true }).catch(() => undefined);
}

async function pingWithin(docker: Docker, ms: number): Promise<void> {
  await withinMs(docker.ping(), ms, `no answer to ping within ${ms} ms`);
}

async function withinMs<T>(work: Promise<T>, ms: number, message = `no answer within ${ms} ms`): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
