import { parseEvent, isForkPullRequest } from '../../src/action/triggers/event.js';
import type { CollaboratorPermission } from '../../src/action/github/github-port.js';
import { commandMarker } from '../../src/action/github/markers.js';
import {
  resolveTrigger,
  type TriggerConfig,
  type TriggerDecision,
} from '../../src/action/triggers/trigger.js';
import { commentPayload, fromFork, type Payload } from './support/payloads.js';

const REPO = 'Codertocat/Hello-World';

const PERMISSIONS: Record<string, CollaboratorPermission> = {
  Codertocat: { permission: 'admin', roleName: 'admin' },
  writer: { permission: 'write', roleName: 'write' },
  maintainer: { permission: 'write', roleName: 'maintain' },
  reader: { permission: 'read', roleName: 'read' },
  triager: { permission: 'read', roleName: 'triage' },
  'sneaky[bot]': { permission: 'read', roleName: 'read' },
  'helpful[bot]': { permission: 'write', roleName: 'write' },
};

/** The permission API stand-in; records who was looked up. */
function permissionPort() {
  const lookups: string[] = [];
  return {
    lookups,
    async getCollaboratorPermission(username: string): Promise<CollaboratorPermission | null> {
      lookups.push(username);
      return PERMISSIONS[username] ?? null;
    },
  };
}

function config(overrides: Partial<TriggerConfig> = {}): TriggerConfig {
  return {
    trigger: '/rlm run',
    task: '',
    allowEdited: false,
    allowedUsers: [],
    allowedBots: [],
    maxDepthCap: 3,
    maxIterationsCap: 30,
    allowedModels: ['claude-sonnet-4-5', 'gpt-5-mini'],
    ...overrides,
  };
}

async function decide(
  name: 'issue_comment' | 'pull_request_review_comment',
  payload: Payload,
  cfg: TriggerConfig = config(),
) {
  const port = permissionPort();
  const decision = await resolveTrigger(parseEvent(name, payload, REPO), cfg, port);
  return { decision, lookups: port.lookups };
}

function expectRun(decision: TriggerDecision) {
  if (decision.kind !== 'run') throw new Error(`expected a run, got ${JSON.stringify(decision)}`);
  return decision;
}

describe('comment commands on issue_comment.created (real payload shape)', () => {
  it('the repository owner runs a command; the task is the text after the trigger', async () => {
    const payload = commentPayload('issue_comment', 'created', { body: '/rlm run summarise this issue' });
    const { decision, lookups } = await decide('issue_comment', payload);
    const run = expectRun(decision);
    expect(run.task).toBe('summarise this issue');
    expect(run.origin).toMatchObject({ kind: 'command', permission: 'admin' });
    expect(lookups).toEqual(['Codertocat']);
  });

  it('a collaborator with write or maintain permission may run it', async () => {
    for (const login of ['writer', 'maintainer']) {
      const payload = commentPayload('issue_comment', 'created', { body: '/rlm run go', login });
      const run = expectRun((await decide('issue_comment', payload)).decision);
      expect(run.origin).toMatchObject({ kind: 'command' });
    }
  });

  it('read-only and triage users get a refusal (one reply), not a run', async () => {
    for (const login of ['reader', 'triager']) {
      const payload = commentPayload('issue_comment', 'created', { body: '/rlm run go', login });
      const { decision } = await decide('issue_comment', payload);
      expect(decision.kind).toBe('refuse');
      if (decision.kind === 'refuse') expect(decision.reason).toContain(`@${login} needs write`);
    }
  });

  it('an outsider (permission API 404) is refused', async () => {
    const payload = commentPayload('issue_comment', 'created', { body: '/rlm run go', login: 'stranger' });
    const { decision, lookups } = await decide('issue_comment', payload);
    expect(decision).toMatchObject({ kind: 'refuse' });
    expect(lookups).toEqual(['stranger']);
  });

  it('a Bot-type account is ignored without a reply and without a permission lookup', async () => {
    const payload = commentPayload('issue_comment', 'created', {
      body: '/rlm run go',
      login: 'helpful[bot]',
      type: 'Bot',
    });
    const { decision, lookups } = await decide('issue_comment', payload);
    expect(decision.kind).toBe('ignore');
    expect(lookups).toEqual([]);
  });

  it('an allowlisted Bot-type account may run commands', async () => {
    const payload = commentPayload('issue_comment', 'created', {
      body: '/rlm run go',
      login: 'helpful[bot]',
      type: 'Bot',
    });
    const { decision } = await decide('issue_comment', payload, config({ allowedBots: ['helpful[bot]'] }));
    expect(expectRun(decision).origin).toMatchObject({ kind: 'command', permission: 'bot' });
  });

  it('a User-type account whose login ends in [bot] is a human: the bot allowlist does not apply', async () => {
    const payload = commentPayload('issue_comment', 'created', {
      body: '/rlm run go',
      login: 'sneaky[bot]',
      type: 'User',
    });
    const { decision, lookups } = await decide(
      'issue_comment',
      payload,
      config({ allowedBots: ['sneaky[bot]'] }),
    );
    expect(decision.kind).toBe('refuse');
    expect(lookups).toEqual(['sneaky[bot]']);
  });

  it('a comment written through a GitHub App is ignored even when the user has write access', async () => {
    const payload = commentPayload('issue_comment', 'created', { body: '/rlm run go', viaApp: true });
    const { decision, lookups } = await decide(
      'issue_comment',
      payload,
      config({ allowedBots: ['Codertocat'] }),
    );
    expect(decision.kind).toBe('ignore');
    expect(lookups).toEqual([]);
  });

  it("the action's own comment (hidden marker) never triggers, even if it starts with the trigger", async () => {
    const payload = commentPayload('issue_comment', 'created', {
      body: `/rlm run again\n${commandMarker(42)}`,
    });
    const { decision, lookups } = await decide('issue_comment', payload);
    expect(decision).toMatchObject({ kind: 'ignore', reason: 'comment written by this action' });
    expect(lookups).toEqual([]);
  });

  it('the trigger must be the first token', async () => {
    for (const body of [
      'please /rlm run go',
      'hello\n/rlm run go',
      '/rlm running go',
      '`/rlm run` go',
      '/rlm',
    ]) {
      const payload = commentPayload('issue_comment', 'created', { body });
      const { decision, lookups } = await decide('issue_comment', payload);
      expect(decision.kind).toBe('ignore');
      expect(lookups).toEqual([]);
    }
  });

  it('leading whitespace and a multi-line task are fine', async () => {
    const payload = commentPayload('issue_comment', 'created', { body: '  /rlm run\nline one\nline two' });
    expect(expectRun((await decide('issue_comment', payload)).decision).task).toBe('line one\nline two');
  });

  it('a custom trigger is honoured', async () => {
    const payload = commentPayload('issue_comment', 'created', { body: '@rlm please count lines' });
    const run = expectRun(
      (await decide('issue_comment', payload, config({ trigger: '@rlm please' }))).decision,
    );
    expect(run.task).toBe('count lines');
  });

  it('a bare trigger uses the task input, or is refused when there is none', async () => {
    const payload = commentPayload('issue_comment', 'created', { body: '/rlm run' });
    expect((await decide('issue_comment', payload)).decision).toMatchObject({ kind: 'refuse' });
    const run = expectRun(
      (await decide('issue_comment', payload, config({ task: 'default task' }))).decision,
    );
    expect(run.task).toBe('default task');
  });

  it('allowed-users narrows who may run commands (write access still required)', async () => {
    const cfg = config({ allowedUsers: ['writer'] });
    const owner = commentPayload('issue_comment', 'created', { body: '/rlm run go' });
    const denied = await decide('issue_comment', owner, cfg);
    expect(denied.decision).toMatchObject({ kind: 'refuse' });
    expect(denied.lookups).toEqual([]);
    const writerExact = commentPayload('issue_comment', 'created', { body: '/rlm run go', login: 'writer' });
    expect((await decide('issue_comment', writerExact, cfg)).decision.kind).toBe('run');
  });
});

describe('edited and deleted comments (issue_comment.edited / .deleted)', () => {
  it('an edited comment is ignored by default', async () => {
    const payload = commentPayload('issue_comment', 'edited', { body: '/rlm run go' });
    const { decision, lookups } = await decide('issue_comment', payload);
    expect(decision.kind).toBe('ignore');
    if (decision.kind === 'ignore') expect(decision.reason).toContain('allow-edited');
    expect(lookups).toEqual([]);
  });

  it('an edited comment runs when allow-edited is set', async () => {
    const payload = commentPayload('issue_comment', 'edited', { body: '/rlm run go' });
    const run = expectRun((await decide('issue_comment', payload, config({ allowEdited: true }))).decision);
    expect(run.task).toBe('go');
  });

  it('a deleted comment never runs', async () => {
    const payload = commentPayload('issue_comment', 'deleted', { body: '/rlm run go' });
    const { decision } = await decide('issue_comment', payload, config({ allowEdited: true }));
    expect(decision.kind).toBe('ignore');
  });
});

describe('flags after the trigger', () => {
  it('parses allowlisted flags (space and = forms) and leaves later --words in the task', async () => {
    const payload = commentPayload('issue_comment', 'created', {
      body: '/rlm run --max-depth 2 --model=gpt-5-mini --sub-model claude-sonnet-4-5 --max-iterations 5 explain the --image flag',
    });
    const run = expectRun((await decide('issue_comment', payload)).decision);
    expect(run.overrides).toEqual({
      maxDepth: 2,
      model: 'gpt-5-mini',
      subModel: 'claude-sonnet-4-5',
      maxIterations: 5,
    });
    expect(run.task).toBe('explain the --image flag');
  });

  it.each([
    ['--image evil/image:latest go', '--image'],
    ['--base-url http://attacker.example go', '--base-url'],
    ['--max-cost-usd 500 go', '--max-cost-usd'],
    ['--network host go', '--network'],
    ['--environment repl go', '--environment'],
    ['--timeout 99999 go', '--timeout'],
  ])('refuses "%s"', async (rest, flag) => {
    const payload = commentPayload('issue_comment', 'created', { body: `/rlm run ${rest}` });
    const { decision } = await decide('issue_comment', payload);
    expect(decision.kind).toBe('refuse');
    if (decision.kind === 'refuse') expect(decision.reason).toContain(`\`${flag}\` is not allowed`);
  });

  it('refuses a depth over the cap and a model outside the allowlist', async () => {
    const deep = commentPayload('issue_comment', 'created', { body: '/rlm run --max-depth 9 go' });
    const deepDecision = (await decide('issue_comment', deep)).decision;
    expect(deepDecision).toMatchObject({ kind: 'refuse', reason: '`--max-depth` must be between 0 and 3.' });
    const model = commentPayload('issue_comment', 'created', { body: '/rlm run --model gpt-4-32k go' });
    const modelDecision = (await decide('issue_comment', model)).decision;
    expect(modelDecision.kind).toBe('refuse');
    const noList = (await decide('issue_comment', model, config({ allowedModels: [] }))).decision;
    expect(noList).toMatchObject({ kind: 'refuse' });
    if (noList.kind === 'refuse') expect(noList.reason).toContain('allowed-models');
  });

  it('an unauthorized user with bad flags gets the authorization refusal, not the flag policy', async () => {
    const payload = commentPayload('issue_comment', 'created', {
      body: '/rlm run --image evil go',
      login: 'stranger',
    });
    const { decision } = await decide('issue_comment', payload);
    expect(decision.kind).toBe('refuse');
    if (decision.kind === 'refuse') expect(decision.reason).toContain('needs write');
  });
});

describe('pull requests', () => {
  it('an issue_comment on a pull request knows it is on a PR', async () => {
    const payload = commentPayload('issue_comment', 'created', {
      body: '/rlm run review',
      onPullRequest: true,
    });
    const run = expectRun((await decide('issue_comment', payload)).decision);
    expect(run.origin.kind === 'command' && run.origin.comment.thread).toEqual({
      kind: 'issue',
      number: 1,
      isPullRequest: true,
    });
  });

  it('pull_request_review_comment.created runs as a review-thread command', async () => {
    const payload = commentPayload('pull_request_review_comment', 'created', { body: '/rlm run check this' });
    const event = parseEvent('pull_request_review_comment', payload, REPO);
    expect(event.pullRequest && isForkPullRequest(event.pullRequest)).toBe(false);
    const run = expectRun((await decide('pull_request_review_comment', payload)).decision);
    expect(run.origin.kind === 'command' && run.origin.comment.thread).toEqual({
      kind: 'review',
      pullNumber: 2,
    });
  });

  it('a fork PR is recognised (head repo differs from base repo), and the fork author still needs write', async () => {
    const payload = fromFork(
      commentPayload('pull_request_review_comment', 'created', { body: '/rlm run go', login: 'forker' }),
    );
    const event = parseEvent('pull_request_review_comment', payload, REPO);
    expect(event.pullRequest).toMatchObject({ headRepo: 'forker/Hello-World', baseRepo: REPO });
    expect(event.pullRequest && isForkPullRequest(event.pullRequest)).toBe(true);
    expect((await decide('pull_request_review_comment', payload)).decision.kind).toBe('refuse');
  });

  it('an edited review comment is ignored by default', async () => {
    const payload = commentPayload('pull_request_review_comment', 'edited', { body: '/rlm run go' });
    expect((await decide('pull_request_review_comment', payload)).decision.kind).toBe('ignore');
  });
});

describe('non-comment events', () => {
  const event = (name: string, payload: Record<string, unknown> = {}) => parseEvent(name, payload, REPO);

  it('workflow_dispatch runs the task input directly; without one the workflow is invalid', async () => {
    const port = permissionPort();
    const run = expectRun(
      await resolveTrigger(event('workflow_dispatch'), config({ task: ' audit ' }), port),
    );
    expect(run).toMatchObject({ task: 'audit', origin: { kind: 'direct' } });
    expect(await resolveTrigger(event('workflow_dispatch'), config(), port)).toMatchObject({
      kind: 'invalid',
    });
    expect(port.lookups).toEqual([]);
  });

  it('schedule runs the task input and reports to the audit issue', async () => {
    const run = expectRun(
      await resolveTrigger(event('schedule'), config({ task: 'nightly' }), permissionPort()),
    );
    expect(run.origin).toEqual({ kind: 'schedule' });
  });

  it('pull_request runs the task input and reports on the PR', async () => {
    const payload = { action: 'opened', pull_request: { number: 7, head: {}, base: {} } };
    const run = expectRun(
      await resolveTrigger(event('pull_request', payload), config({ task: 'review' }), permissionPort()),
    );
    expect(run.origin).toEqual({ kind: 'pull-request', number: 7 });
  });
});
