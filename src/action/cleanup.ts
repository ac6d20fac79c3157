/** What the post step does: remove this job's leftover sandbox containers, found by label. */
import type Docker from 'dockerode';
import { reapSandboxContainers } from '../sandbox/docker/reaper.js';
import { JOB_LABEL, jobLabelValue } from './job-label.js';

export async function removeLeftoverContainers(
  docker: Docker,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string[]> {
  return reapSandboxContainers(docker, { labels: { [JOB_LABEL]: jobLabelValue(env) } });
}
