/**
 * A Docker label naming the workflow job that started a sandbox container, so the post step removes this
 * job's leftovers only: a self-hosted runner may host other jobs' containers at the same time.
 */
export const JOB_LABEL = 'dev.rlm-runtime.github-job';

export function jobLabelValue(env: Readonly<Record<string, string | undefined>>): string {
  const run = env.GITHUB_RUN_ID ?? 'local';
  const attempt = env.GITHUB_RUN_ATTEMPT ?? '1';
  const job = env.GITHUB_JOB ?? 'job';
  return `${run}-${attempt}-${job}`;
}
