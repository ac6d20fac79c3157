/** The example workflows stay in step with action.yml and keep least-privilege permissions. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './support/dist-runner.js';

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

const dir = join(REPO_ROOT, 'examples', 'workflows');
const inputs = Object.keys(
  (parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }).inputs,
);
const examples = readdirSync(dir)
  .filter((name) => name.endsWith('.yml'))
  .sort();

describe('examples/workflows', () => {
  it('covers the comment command, manual dispatch and the scheduled audit', () => {
    const triggers = examples.map((name) =>
      Object.keys((parse(readFileSync(join(dir, name), 'utf8')) as Workflow).on),
    );
    expect(triggers.flat()).toEqual(
      expect.arrayContaining([
        'issue_comment',
        'pull_request_review_comment',
        'workflow_dispatch',
        'schedule',
      ]),
    );
  });

  it('the comment command checks out the default branch, never the merge ref of a review comment', () => {
    const workflow = parse(readFileSync(join(dir, 'rlm-comment.yml'), 'utf8')) as Workflow;
    const checkouts = Object.values(workflow.jobs)
      .flatMap((job) => job.steps)
      .filter((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const step of checkouts) {
      expect(step.with?.ref).toBe('${{ github.event.repository.default_branch }}');
      expect(step.with?.['persist-credentials']).toBe(false);
    }
  });

  it.each(examples)('%s: explicit minimal permissions and only declared inputs', (name) => {
    const workflow = parse(readFileSync(join(dir, name), 'utf8')) as Workflow;
    expect(workflow.permissions.contents).toBe('read');
    for (const scope of Object.values(workflow.permissions))
      expect(['read', 'write', 'none']).toContain(scope);
    const rlmSteps = Object.values(workflow.jobs)
      .flatMap((job) => job.steps)
      .filter((step) => step.uses?.includes('rlm-runtime-action'));
    expect(rlmSteps).toHaveLength(1);
    for (const key of Object.keys(rlmSteps[0]?.with ?? {})) expect(inputs).toContain(key);
  });
});
