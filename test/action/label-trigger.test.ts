/**
 * The label trigger on real issues.labeled / pull_request.labeled payloads: the title and body are the
 * task, the labeller is authorized like a comment's author, and the result is one comment on the item.
 */
import { parseEvent } from '../../src/action/triggers/event.js';
import { labelMarker, refusalMarker } from '../../src/action/github/markers.js';
import { resolveTrigger, type TriggerConfig } from '../../src/action/triggers/trigger.js';
import { FakeEngine, fakeResult } from './support/fakes.js';
import { FakeGitHub } from '../support/github-api/server.js';
import { BASE, COLLABORATORS, REPO, runScenario, useDirectories } from './support/harness.js';
import { labeledPayload } from './support/payloads.js';

const dirs = useDirectories();

const POLICY: TriggerConfig = {
  trigger: '/rlm run',
  task: 'the task input is not used by labels',
  allowEdited: false,
  allowedUsers: [],
  allowedBots: ['renovate[bot]'],
  maxDepthCap: 3,
  maxIterationsCap: 30,
  allowedModels: [],
  labelTrigger: 'rlm',
};

async function decide(name: 'issues' | 'pull_request', payload: unknown, config = POLICY) {
  const lookups: string[] = [];
  const decision = await resolveTrigger(parseEvent(name, payload, REPO), config, {
    async getCollaboratorPermission(login) {
      lookups.push(login);
      return login === 'Codertocat'
        ? { permission: 'admin', roleName: 'admin' }
        : { permission: 'read', roleName: 'triage' };
    },
  });
  return { decision, lookups };
}

describe('resolving a label event', () => {
  it('an issue labelled with the trigger by a writer runs its title and body', async () => {
    const { decision } = await decide('issues', labeledPayload('issues', { label: 'RLM' }));
    expect(decision).toMatchObject({
      kind: 'run',
      task: "Spelling error in the README file\n\nIt looks like you accidently spelled 'commit' with two 't's.",
      overrides: {},
      origin: { kind: 'label', permission: 'admin', item: { number: 1, isPullRequest: false, label: 'RLM' } },
    });
  });

  it('another label is ignored without a permission lookup', async () => {
    const { decision, lookups } = await decide(
      'pull_request',
      labeledPayload('pull_request', { label: 'bug' }),
    );
    expect(decision).toEqual({ kind: 'ignore', reason: 'label "bug" is not the trigger label "rlm"' });
    expect(lookups).toEqual([]);
  });

  it('a labeller without write access is refused (one reply keyed by the item)', async () => {
    const { decision } = await decide('issues', labeledPayload('issues', { label: 'rlm', login: 'triager' }));
    expect(decision).toMatchObject({
      kind: 'refuse',
      reply: { key: 'label-1', what: 'the `rlm` label', thread: { kind: 'issue', number: 1 } },
    });
    expect(decision.kind === 'refuse' && decision.reason).toContain('@triager needs write');
  });

  it('a bot labeller is ignored unless allowlisted; a user named like a bot is still a user', async () => {
    const bot = await decide(
      'issues',
      labeledPayload('issues', { label: 'rlm', login: 'other[bot]', type: 'Bot' }),
    );
    expect(bot.decision.kind).toBe('ignore');
    const allowed = await decide(
      'issues',
      labeledPayload('issues', { label: 'rlm', login: 'renovate[bot]', type: 'Bot' }),
    );
    expect(allowed.decision).toMatchObject({ kind: 'run', origin: { permission: 'bot' } });
    const fake = await decide('issues', labeledPayload('issues', { label: 'rlm', login: 'renovate[bot]' }));
    expect(fake.decision.kind).toBe('refuse');
  });

  it('without label-trigger a labelled pull_request runs the task input as before', async () => {
    const { decision } = await decide('pull_request', labeledPayload('pull_request', { label: 'rlm' }), {
      ...POLICY,
      labelTrigger: '',
    });
    expect(decision).toMatchObject({ kind: 'run', task: POLICY.task, origin: { kind: 'pull-request' } });
  });

  it('title and body are never parsed as flags', async () => {
    const payload = labeledPayload('issues', {
      label: 'rlm',
      title: '--model gpt-5 --max-depth 9',
      body: null,
    });
    const { decision } = await decide('issues', payload);
    expect(decision).toMatchObject({ kind: 'run', task: '--model gpt-5 --max-depth 9', overrides: {} });
  });
});

describe('a labelled pull request, end to end in-process', () => {
  const PR = [{ number: 2, headRepo: REPO, baseRepo: REPO, headSha: 'a', diff: 'diff --git a/x b/x\n+1\n' }];

  it('runs with the diff as context and answers in one comment on the PR', async () => {
    const engine = new FakeEngine(fakeResult());
    const { outcome, fake } = await runScenario(dirs, {
      eventName: 'pull_request',
      payload: labeledPayload('pull_request', { label: 'rlm' }),
      inputs: { 'label-trigger': 'rlm' },
      engine,
      github: { pullRequests: PR },
    });
    expect(outcome).toBe('succeeded');
    expect(engine.requests[0]?.task).toBe(
      'Update the README with new information.\n\nThis is a pretty simple change that we need to pull into master.',
    );
    expect(engine.requests[0]?.context).toEqual({ kind: 'text', text: 'diff --git a/x b/x\n+1\n' });
    const comments = fake.issueComments.get(2) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body.startsWith(labelMarker(2))).toBe(true);
    expect(comments[0]?.body).toContain('The answer is 42.');
    expect(fake.calls()[0]).toBe(`GET ${BASE}/collaborators/Codertocat/permission`);
  });

  it('an unauthorized labeller gets one reply, once, and nothing runs', async () => {
    const engine = new FakeEngine(fakeResult());
    const fake = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', collaborators: COLLABORATORS });
    await fake.start();
    const scenario = {
      eventName: 'issues',
      payload: labeledPayload('issues', { label: 'rlm', login: 'reader' }),
      inputs: { 'label-trigger': 'rlm' },
      engine,
      fake,
    };
    const first = await runScenario(dirs, scenario);
    expect(first.outcome).toBe('refused');
    const replies = first.fake.issueComments.get(1) ?? [];
    expect(replies.map((c) => c.body)).toEqual([
      `${refusalMarker('label-1')}\n🚫 Not running the \`rlm\` label: @\u200breader needs write, maintain or admin permission on this repository to run commands (has: read).`,
    ]);
    // The same refusal again (a re-run) finds its reply and writes nothing.
    const again = await runScenario(dirs, scenario);
    await fake.stop();
    expect(again.outcome).toBe('refused');
    expect(fake.issueComments.get(1)).toHaveLength(1);
    expect(engine.requests).toEqual([]);
  });
});
