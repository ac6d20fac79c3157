/** What the post step does: remove this step instance's leftover sandbox containers, found by label. */
import type { ContainerEngine } from './engine-api.js';
import { JOB_LABEL } from './job-label.js';

/** The sandbox's own label (src/sandbox/options.ts SANDBOX_LABEL; repeated here to keep the post bundle small). */
export const SANDBOX_LABEL = 'dev.rlm-runtime.sandbox';

/**
 * `cleanupId` is what the main step saved with core.saveState; empty when the main step never got that far
 * (then it started no container, and there is nothing of ours to look for). Returns the ids removed.
 */
export async function removeLeftoverContainers(
  engine: ContainerEngine,
  cleanupId: string,
): Promise<string[]> {
  if (cleanupId === '') return [];
  const containers = await engine.listContainers([SANDBOX_LABEL, `${JOB_LABEL}=${cleanupId}`]);
  const removed = await Promise.all(
    // Already gone (AutoRemove won the race) or being removed: either way it is not left over.
    containers.map(async (container) => ((await engine.removeContainer(container.Id)) ? container.Id : null)),
  );
  return removed.filter((id): id is string => id !== null);
}
