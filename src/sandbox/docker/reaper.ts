/**
 * Removes sandbox containers left behind by earlier runs (a host that died
 * before its dead-man switch fired, an engine restart, a bug), found by label.
 */
import type Docker from 'dockerode';
import { SANDBOX_LABEL } from '../options.js';
import { statusCodeOf } from './docker-errors.js';

export interface ReapOptions {
  /** Only containers created at least this long ago (default 0: all). */
  olderThanMs?: number;
  /** Extra labels a container must carry, e.g. one run id. */
  labels?: Record<string, string>;
}

/** Returns the ids of the containers removed. */
export async function reapSandboxContainers(docker: Docker, options: ReapOptions = {}): Promise<string[]> {
  const labelFilters = [SANDBOX_LABEL, ...Object.entries(options.labels ?? {}).map(([k, v]) => `${k}=${v}`)];
  const containers = await docker.listContainers({ all: true, filters: { label: labelFilters } });
  const createdBefore = (Date.now() - (options.olderThanMs ?? 0)) / 1000;
  const stale = containers.filter((container) => container.Created <= createdBefore);
  const removed: string[] = [];
  await Promise.all(
    stale.map(async (container) => {
      try {
        await docker.getContainer(container.Id).remove({ force: true });
        removed.push(container.Id);
      } catch (error) {
        // Already gone (AutoRemove won the race) or being removed: either way it is not left over.
        const status = statusCodeOf(error);
        if (status !== 404 && status !== 409) throw error;
      }
    }),
  );
  return removed;
}
