/**
 * A Docker label naming the step instance that started a sandbox container, so the post step removes this
 * step's leftovers only. A self-hosted runner's shared Docker daemon may host other jobs' containers at the
 * same time, and matrix legs share run id, attempt and GITHUB_JOB: the id therefore ends in a random part,
 * chosen by the main step and handed to its post step through core.saveState (never recomputed there).
 */
import { randomUUID } from 'node:crypto';

export const JOB_LABEL = 'dev.rlm-runtime.github-job';

/** The core.saveState key under which the main step leaves the id for its post step. */
export const CLEANUP_STATE = 'cleanup-id';

/** `<run id>-<attempt>-<job>-<random>`: readable in `docker ps`, unique per step instance. */
export function newCleanupId(
  env: Readonly<Record<string, string | undefined>>,
  random: () => string = () => randomUUID().slice(0, 12),
): string {
  const run = env.GITHUB_RUN_ID ?? 'local';
  const attempt = env.GITHUB_RUN_ATTEMPT ?? '1';
  const job = env.GITHUB_JOB ?? 'job';
  return `${run}-${attempt}-${job}-${random()}`;
}
