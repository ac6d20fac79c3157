/**
 * A backstop for containers whose host process died without removing them.
 * The dead-man switch (the REPL exits when stdin closes, AutoRemove) normally
 * covers a SIGKILLed host, but code in the sandbox can defeat it (e.g. keep a
 * process running via ctypes); such a container is recognisable by its labels:
 * this machine's hostname and the pid of a host process that no longer exists.
 */
import { hostname as osHostname } from 'node:os';
import { SANDBOX_LABEL } from '../options.js';
import { HOST_LABEL, HOST_PID_LABEL } from './container-spec.js';
import { statusCodeOf } from './docker-errors.js';

/** The part of a dockerode client the reaper uses (a Docker instance fits). */
export interface OrphanReapClient {
  listContainers(options: {
    all: boolean;
    filters: { label: string[] };
  }): Promise<Array<{ Id: string; Labels: Record<string, string> }>>;
  getContainer(id: string): { remove(options: { force: boolean }): Promise<unknown> };
}

export interface OrphanReapOptions {
  /** Only containers labelled with this hostname are considered (default `os.hostname()`). */
  hostname?: string;
  /** Whether a pid names a live process on this machine (default: `process.kill(pid, 0)`). */
  isAlive?: (pid: number) => boolean;
  /** A single removal failed; the others go on and the reaper does not throw. */
  onError?: (containerId: string, error: unknown) => void;
}

type Kill = (pid: number, signal: number) => unknown;

/**
 * Signal 0 only checks that the pid exists: ESRCH means no such process, EPERM
 * means it exists but belongs to someone else, which still counts as alive.
 */
export function processIsAlive(pid: number, kill: Kill = (p, s) => process.kill(p, s)): boolean {
  try {
    kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Force-removes the orphans and returns their ids. Containers of live
 * processes, of other machines, or without the host label (older versions)
 * are left alone. An unreachable Docker yields [] rather than an error: this
 * runs before a run, which reports that problem properly itself.
 */
export async function reapOrphanedSandboxes(
  docker: OrphanReapClient,
  options: OrphanReapOptions = {},
): Promise<string[]> {
  const hostname = options.hostname ?? osHostname();
  const isAlive = options.isAlive ?? ((pid: number) => processIsAlive(pid));
  let containers: Array<{ Id: string; Labels: Record<string, string> }>;
  try {
    containers = await docker.listContainers({
      all: true,
      filters: { label: [SANDBOX_LABEL, `${HOST_LABEL}=${hostname}`] },
    });
  } catch {
    return [];
  }
  // The engine filtered already; checking again costs nothing and guards against a filter it ignored.
  const orphans = containers.filter((container) => {
    const labels = container.Labels;
    if (labels[SANDBOX_LABEL] === undefined || labels[HOST_LABEL] !== hostname) return false;
    const pid = hostPidOf(labels[HOST_PID_LABEL]);
    return pid !== undefined && !isAlive(pid);
  });
  const removed: string[] = [];
  await Promise.all(
    orphans.map(async (container) => {
      try {
        await docker.getContainer(container.Id).remove({ force: true });
        removed.push(container.Id);
      } catch (error) {
        // Already gone (AutoRemove won the race) or being removed: either way not left over.
        const status = statusCodeOf(error);
        if (status !== 404 && status !== 409) options.onError?.(container.Id, error);
      }
    }),
  );
  return removed;
}

/**
 * Only a plain positive pid: 0 and negative numbers name process groups for
 * kill(), and a garbled label says nothing about who owns the container.
 */
function hostPidOf(label: string | undefined): number | undefined {
  if (label === undefined || !/^[1-9][0-9]{0,9}$/.test(label)) return undefined;
  const pid = Number(label);
  return Number.isSafeInteger(pid) ? pid : undefined;
}
