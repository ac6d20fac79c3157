/**
 * Follows one container's lifecycle through the engine's event stream:
 *   oom     → the kernel OOM-killed a process in the container's cgroup
 *   die     → the main process (init) exited; carries the exit code
 *   destroy → the container is removed (AutoRemove or our force-remove)
 * Subscribed before the container starts, so no event is missed.
 * `State.OOMKilled` is not used: it is unreliable, and with AutoRemove the
 * container is gone before it could be inspected.
 */
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';

export interface ContainerDeath {
  code: number | null;
  oomKilled: boolean;
}

export interface ContainerWatch {
  /** Resolves on `die` (or when the stream is lost, with code null). */
  readonly died: Promise<ContainerDeath>;
  /** Resolves on `destroy` (or when the stream is lost). */
  readonly removed: Promise<void>;
  close(): void;
}

// Event lines are a few hundred bytes; anything longer is not an event we want.
const MAX_LINE_BYTES = 64 * 1024;
const SIGKILL_EXIT = 137;
// The supervisor's exit code when the REPL was SIGKILLed and the container's memory cgroup
// counts an OOM kill (src/sandbox/python/supervisor.py): the `oom` event may come late.
const SUPERVISOR_OOM_EXIT = 251;
const OOM_EVENT_GRACE_MS = 500;

export async function watchContainer(docker: Docker, containerId: string): Promise<ContainerWatch> {
  const stream = (await docker.getEvents({
    filters: { type: ['container'], container: [containerId], event: ['oom', 'die', 'destroy'] },
  })) as Readable;

  let oomKilled = false;
  let resolveDied!: (death: ContainerDeath) => void;
  let resolveRemoved!: () => void;
  const died = new Promise<ContainerDeath>((resolve) => (resolveDied = resolve));
  const removed = new Promise<void>((resolve) => (resolveRemoved = resolve));

  let exitCode: number | null = null;
  let oomGrace: NodeJS.Timeout | undefined;
  const settleDeath = (): void => {
    clearTimeout(oomGrace);
    resolveDied({ code: exitCode, oomKilled });
  };
  const onEvent = (event: EngineEvent): void => {
    if (event.Action === 'oom') {
      oomKilled = true;
      if (oomGrace !== undefined) settleDeath();
    } else if (event.Action === 'die') {
      exitCode = exitCodeOf(event);
      if (exitCode === SUPERVISOR_OOM_EXIT) {
        exitCode = SIGKILL_EXIT;
        oomKilled = true;
      }
      // A SIGKILL (137) may be the OOM killer whose event is still on its way: give it a moment.
      if (exitCode === SIGKILL_EXIT && !oomKilled) oomGrace = setTimeout(settleDeath, OOM_EVENT_GRACE_MS);
      else settleDeath();
    } else if (event.Action === 'destroy') {
      settleDeath();
      resolveRemoved();
      stream.destroy();
    }
  };
  const onLost = (): void => {
    settleDeath();
    resolveRemoved();
  };

  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const event = parseEvent(line);
      if (event !== undefined) onEvent(event);
    }
    if (pending.length > MAX_LINE_BYTES) pending = '';
  });
  stream.on('error', onLost);
  stream.on('close', onLost);
  stream.on('end', onLost);

  return {
    died,
    removed,
    close: () => {
      stream.destroy();
      onLost();
    },
  };
}

interface EngineEvent {
  Action?: unknown;
  Actor?: { Attributes?: Record<string, unknown> };
}

function parseEvent(line: string): EngineEvent | undefined {
  if (line.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null ? (parsed as EngineEvent) : undefined;
  } catch {
    return undefined;
  }
}

function exitCodeOf(event: EngineEvent): number | null {
  const raw = event.Actor?.Attributes?.exitCode;
  const code = typeof raw === 'string' ? Number.parseInt(raw, 10) : NaN;
  return Number.isInteger(code) ? code : null;
}
