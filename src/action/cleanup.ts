/** What the post step does: remove this step instance's leftover sandbox containers, found by label. */
import type Docker from 'dockerode';
import { reapSandboxContainers } from '../sandbox/docker/reaper.js';
import { JOB_LABEL } from './job-label.js';

/**
 * `cleanupId` is what the main step saved with core.saveState; empty when the main step never got that far
 * (then it started no container, and there is nothing of ours to look for).
 */
export async function removeLeftoverContainers(docker: Docker, cleanupId: string): Promise<string[]> {
  if (cleanupId === '') return [];
  return reapSandboxContainers(docker, { labels: { [JOB_LABEL]: cleanupId } });
}
