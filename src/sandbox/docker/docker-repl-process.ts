/**
 * One REPL server running as the main process (under init) of one hardened
 * container, seen through the attach connection:
 *   - stdin  → the hijacked socket (ending it closes the container's stdin:
 *              StdinOnce, the dead-man switch)
 *   - stdout ← demultiplexed frames of stream 1, with backpressure
 *   - stderr ← only a bounded tail is kept, for diagnostics
 * kill() force-removes the container: SIGKILL plus removal in one engine call,
 * never an exec (a fork bomb at the pids limit blocks `docker exec`).
 */
import type Docker from 'dockerode';
import { PassThrough, Writable, type Duplex } from 'node:stream';
import type { ReplExit, ReplProcess, StagedContext } from '../launcher.js';
import type { ContainerWatch } from './container-watch.js';
import type { ContextStaging } from './context-staging.js';
import { DockerStreamDemuxer } from './demux.js';
import { statusCodeOf } from './docker-errors.js';

const STDERR_TAIL_BYTES = 4096;
const STDOUT_BUFFER_BYTES = 1024 * 1024;
// After `die`, stdout/stderr still in flight arrive within milliseconds; this only bounds a stuck socket.
const DRAIN_GRACE_MS = 1_000;
// Removal follows a force-remove at once; this only bounds a hung engine.
const REMOVAL_GRACE_MS = 10_000;

export class DockerReplProcess implements ReplProcess {
  readonly stdin: Writable;
  readonly stdout = new PassThrough({ highWaterMark: STDOUT_BUFFER_BYTES });
  readonly exited: Promise<ReplExit>;
  private stderrTail: Buffer = Buffer.alloc(0);
  private killing: Promise<void> | undefined;

  /** Present when the container has the launcher's staging directory mounted. */
  readonly stage: ((data: Buffer) => Promise<StagedContext>) | undefined;

  constructor(
    readonly container: Docker.Container,
    private readonly socket: Duplex,
    private readonly watch: ContainerWatch,
    staging?: ContextStaging,
  ) {
    this.stage = staging === undefined ? undefined : (data) => staging.stage(data);
    this.stdin = socketWriter(socket);
    const socketClosed = this.pipeOutput();
    this.exited = watch.died.then(async (death) => {
      await raceTimeout(socketClosed, DRAIN_GRACE_MS);
      this.socket.destroy();
      return { code: death.code, oomKilled: death.oomKilled, stderrTail: this.stderrTail.toString('utf8') };
    });
  }

  /** Resolves when the container no longer exists. */
  get removed(): Promise<void> {
    return this.watch.removed;
  }

  kill(): Promise<void> {
    this.killing ??= this.forceRemove();
    return this.killing;
  }

  private async forceRemove(): Promise<void> {
    try {
      await this.container.remove({ force: true });
    } catch (error) {
      // 404: already removed; 409: AutoRemove is removing it. Both end in `destroy`.
      const status = statusCodeOf(error);
      if (status !== 404 && status !== 409) await this.container.kill().catch(() => undefined);
    }
    const gone = await raceTimeout(this.watch.removed, REMOVAL_GRACE_MS);
    if (!gone) this.watch.close();
    this.socket.destroy();
    await this.exited;
  }

  private pipeOutput(): Promise<void> {
    const demuxer = new DockerStreamDemuxer(
      (payload) => {
        if (!this.stdout.write(payload) && !this.socket.isPaused()) {
          this.socket.pause();
          this.stdout.once('drain', () => this.socket.resume());
        }
      },
      (payload) => this.keepStderr(payload),
    );
    this.socket.on('data', (chunk: Buffer) => demuxer.push(chunk));
    return new Promise<void>((resolve) => {
      const finish = (): void => {
        if (!this.stdout.writableEnded) this.stdout.end();
        resolve();
      };
      this.socket.once('end', finish);
      this.socket.once('close', finish);
      this.socket.on('error', finish);
    });
  }

  private keepStderr(payload: Buffer): void {
    const tail = payload.length >= STDERR_TAIL_BYTES ? payload.subarray(-STDERR_TAIL_BYTES) : payload;
    const joined = Buffer.concat([this.stderrTail, tail]);
    this.stderrTail = joined.length > STDERR_TAIL_BYTES ? joined.subarray(-STDERR_TAIL_BYTES) : joined;
  }
}

/**
 * A Writable over the socket that never errors: once the container is gone
 * writes are dropped, and the caller learns of it from `exited`. It hands the
 * socket one chunk at a time, so its `writableLength` is everything the
 * container has not taken yet: ReplSession bounds that (a REPL that stops
 * reading is treated as dead, never buffered for).
 */
function socketWriter(socket: Duplex): Writable {
  const open = (): boolean => !socket.destroyed && !socket.writableEnded;
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!open()) return callback();
      socket.write(chunk, () => callback());
    },
    final(callback) {
      if (open()) socket.end();
      callback();
    },
    destroy(error, callback) {
      if (open()) socket.end();
      callback(error);
    },
  });
}

async function raceTimeout(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
