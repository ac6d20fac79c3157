/**
 * The action's whole flow in-process: real Octokit adapter against the local GitHub stand-in, a fake
 * engine (the real one runs in dist.test.ts). Asserts the exact REST calls, the one comment, outputs,
 * summary, artifact, failure semantics and that no secret leaks anywhere.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { auditMarker, commandMarker } from '../../src/action/github/markers.js';
import { ConfigError } from '../../src/errors.js';
import { FakeGitHub, type FakeGitHubOptions } from '../support/github-api/server.js';
import { FakeEngine, ManualClock, RecordingSink, fakeResult } from './support/fakes.js';
import {
  API_KEY,
  BASE,
  COLLABORATORS,
  REPO,
  TOKEN,
  runScenario,
  useDirectories,
  type Scenario,
} from './support/harness.js';
import { commentPayload, fromFork } from './support/payloads.js';

const dirs = useDirectories();
const run = (scenario: Scenario) => runScenario(dirs, scenario);

function everythingWritten(fake: FakeGitHub, sink: RecordingSink): string {
  return [
    JSON.stringify(fake.requests.map((r) => r.body)),
    JSON.stringify(sink.outputs),
    sink.summary,
    sink.failures.join('\n'),
  ].join('\n');
}

describe('a /rlm run comment on a pull request (issue_comment.created)', () => {
  const payload = () =>
    commentPayload('issue_comment', 'created', {
      body: '/rlm run --max-depth 2 review this',
      onPullRequest: true,
    });
  const github: Partial<FakeGitHubOptions> = {
    pullRequests: [
      { number: 1, headRepo: REPO, baseRepo: REPO, headSha: 'abc', diff: 'diff --git a/x b/x\n+hello\n' },
    ],
    files: { '.github/rlm.yml@master': 'max_iterations: 12\nmax_cost_usd: 0.5\n' },
  };

  it('makes exactly: permission check, 👀, one comment created then edited, PR diff, defaults from the default branch', async () => {
    const { outcome, fake, sink, engine } = await run({
      eventName: 'issue_comment',
      payload: payload(),
      github,
    });
    expect(outcome).toBe('succeeded');
    expect(fake.calls()).toEqual([
      `GET ${BASE}/collaborators/Codertocat/permission`,
      `POST ${BASE}/issues/comments/492700400/reactions`,
      `GET ${BASE}/issues/1/comments`,
      `POST ${BASE}/issues/1/comments`,
      `GET ${BASE}/pulls/1`,
      `GET ${BASE}/pulls/1`,
      `GET ${BASE}/contents/.github/rlm.yml`,
      `PATCH ${BASE}/issues/comments/9000001`,
    ]);
    expect(fake.requests[1]?.body).toEqual({ content: 'eyes' });
    expect(fake.requests[5]?.accept).toContain('diff');
    expect(fake.requests[6]?.query).toEqual({ ref: 'master' });
    // One bot comment, carrying the marker of the triggering comment, replaced by the result.
    const comments = fake.issueComments.get(1) ?? [];
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? '';
    expect(body).toContain(commandMarker(492700400));
    expect(body).toContain('The answer is 42.');
    expect(body).toContain('✅ **Succeeded**');
    expect(body).toContain('| iterations | 3 |');
    expect(body).toContain('| depth reached | 1 |');
    expect(body).toContain('| tokens | 1,500 |');
    expect(body).toContain('| claude-sonnet-4-5 | 3 | 1,200 | 300 | 0 | 0 | $0.0123 |');
    expect(body).toContain('https://github.com/Codertocat/Hello-World/actions/runs/4242');
    expect(body).toContain('https://github.com/o/r/actions/runs/1/artifacts/77');
    // Settings: comment flag > input > .github/rlm.yml (default branch) > defaults.
    const options = engine.requests[0]?.options;
    expect(options).toMatchObject({ backend: 'scripted', maxDepth: 2, maxIterations: 12, maxCostUsd: 0.5 });
    expect(options?.script).toBe(join(dirs.workspace, 'script.yaml'));
    expect(options?.sandbox?.docker?.labels).toMatchObject({ 'dev.rlm-runtime.github-job': '1-1-test' });
    expect(options?.sandbox?.docker?.workspaceWritable).toBe(false);
    expect(engine.requests[0]?.context).toEqual({ kind: 'text', text: 'diff --git a/x b/x\n+hello\n' });
    expect(engine.requests[0]?.task).toBe('review this');
    expect(sink.outputs).toEqual({
      response: 'The answer is 42.',
      'structured-output': '',
      success: 'true',
      'trajectory-id': 'traj-0001',
      'trajectory-path': '/tmp/logs/trajectories_x.jsonl',
      tokens: '1500',
      'cost-usd': '0.0123',
      'artifact-url': 'https://github.com/o/r/actions/runs/1/artifacts/77',
      'comment-url': comments[0]?.html_url,
    });
    expect(sink.failures).toEqual([]);
    expect(sink.summary).toContain('The answer is 42.');
    expect(sink.summary).toContain('Call tree');
    expect(sink.summary).toContain('root c1');
    // GitHub draws the call tree from a mermaid block, in the comment and (with it) the job summary.
    expect(comments[0]?.body).toContain(
      '<summary>Call tree</summary>\n\n```mermaid\nflowchart TD\n  n1["root iter 1',
    );
    expect(sink.summary).toContain('```mermaid\nflowchart TD');
  });

  it('throttles progress edits: at most one per interval, plus the final edit', async () => {
    const clock = new ManualClock();
    // 10 model calls, 4 s apart: 40 s of run with a 15 s interval → edits at 16 s and 32 s, then the final.
    const engine = new FakeEngine(fakeResult(), { clock, modelCalls: 10, stepMs: 4000 });
    const { fake } = await run({ eventName: 'issue_comment', payload: payload(), github, engine, clock });
    const patches = fake.calls().filter((call) => call.startsWith('PATCH'));
    expect(patches).toHaveLength(3);
    expect(fake.calls().filter((call) => call === `POST ${BASE}/issues/1/comments`)).toHaveLength(1);
    const progressBody = String(fake.requests.find((r) => r.method === 'PATCH')?.body?.body);
    expect(progressBody).toContain('⏳ **Running**');
  });

  it('a re-run of the same command edits the existing comment instead of adding a second one', async () => {
    const existing = {
      id: 555,
      body: `${commandMarker(492700400)}\nold result`,
      html_url: 'https://github.com/x#555',
      user: { login: 'github-actions[bot]', type: 'Bot' },
    };
    const { fake } = await run({
      eventName: 'issue_comment',
      payload: payload(),
      github: { ...github, issueComments: { 1: [existing] } },
    });
    expect(fake.calls().filter((call) => call.startsWith('POST') && call.endsWith('/comments'))).toEqual([]);
    expect(fake.calls().filter((call) => call === `PATCH ${BASE}/issues/comments/555`)).toHaveLength(2);
    expect(fake.issueComments.get(1)).toHaveLength(1);
  });

  it('never lets a secret reach GitHub, the outputs, the summary or the artifact', async () => {
    const leaky = fakeResult({ response: `the key is ${API_KEY} and the token ${TOKEN}` });
    const { fake, sink, uploader } = await run({
      eventName: 'issue_comment',
      payload: payload(),
      github,
      result: leaky,
    });
    const written = everythingWritten(fake, sink);
    expect(written).toContain('[REDACTED]');
    expect(written).not.toContain(API_KEY);
    expect(written).not.toContain(TOKEN);
    expect(uploader.uploads).toHaveLength(1);
    for (const file of uploader.uploads[0]?.files ?? []) {
      const text = await readFile(file, 'utf8');
      expect(text).not.toContain(API_KEY);
    }
    // The token is sent only as the Authorization header.
    expect(fake.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
  });

  it('a key from the variable api_key_env names (.github/rlm.yml) is masked and redacted too', async () => {
    // No well-known token shape: only registering the value can hide it.
    const key = 'proxykey-4f1c9a7e2b8d6053';
    const { fake, sink, engine } = await run({
      eventName: 'issue_comment',
      payload: payload(),
      github: {
        ...github,
        files: { '.github/rlm.yml@master': 'api_key_env: TEAM_PROXY_KEY\n' },
      },
      inputs: { backend: 'litellm', model: 'm', 'base-url': 'http://127.0.0.1:9', script: '' },
      env: { TEAM_PROXY_KEY: key },
      result: fakeResult({ response: `the key is ${key}` }),
    });
    expect(engine.requests[0]?.options.apiKey).toBe(key);
    expect(sink.secrets).toEqual([key]);
    const written = everythingWritten(fake, sink);
    expect(written).toContain('the key is [REDACTED]');
    expect(written).not.toContain(key);
  });
});

describe('refused and ignored commands', () => {
  it('an outsider gets one short reply; no reaction, no run, and the step does not fail', async () => {
    const payload = commentPayload('issue_comment', 'created', { body: '/rlm run go', login: 'stranger' });
    const engine = new FakeEngine(fakeResult());
    const { outcome, fake, sink } = await run({ eventName: 'issue_comment', payload, engine });
    expect(outcome).toBe('refused');
    expect(fake.calls()).toEqual([
      `GET ${BASE}/collaborators/stranger/permission`,
      `GET ${BASE}/issues/1/comments`,
      `POST ${BASE}/issues/1/comments`,
    ]);
    expect(String(fake.requests[2]?.body?.body)).toContain('needs write, maintain or admin permission');
    expect(engine.requests).toHaveLength(0);
    expect(sink.failures).toEqual([]);
  });

  it('a second delivery of the same refused command does not reply twice', async () => {
    const payload = commentPayload('issue_comment', 'created', { body: '/rlm run go', login: 'reader' });
    const fake = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', collaborators: COLLABORATORS });
    await fake.start();
    try {
      await run({ eventName: 'issue_comment', payload, fake });
      await run({ eventName: 'issue_comment', payload, fake });
      expect(fake.issueComments.get(1)).toHaveLength(1);
    } finally {
      await fake.stop();
    }
  });

  it('a disallowed flag from an authorized user is refused with the reason', async () => {
    const payload = commentPayload('issue_comment', 'created', {
      body: '/rlm run --base-url http://evil go',
    });
    const engine = new FakeEngine(fakeResult());
    const { outcome, fake } = await run({ eventName: 'issue_comment', payload, engine });
    expect(outcome).toBe('refused');
    expect(String(fake.requests.at(-1)?.body?.body)).toContain('`--base-url` is not allowed');
    expect(engine.requests).toHaveLength(0);
  });

  it('a comment that is not a command makes no request at all', async () => {
    const payload = commentPayload('issue_comment', 'created', { body: 'thanks! /rlm run later' });
    const { outcome, fake } = await run({ eventName: 'issue_comment', payload });
    expect(outcome).toBe('ignored');
    expect(fake.requests).toEqual([]);
  });
});

describe('review comments and fork pull requests', () => {
  it('replies in the review thread, uses the diff as read-only context and says so for a fork', async () => {
    const payload = fromFork(
      commentPayload('pull_request_review_comment', 'created', { body: '/rlm run check' }),
    );
    const github: Partial<FakeGitHubOptions> = {
      pullRequests: [
        { number: 2, headRepo: 'forker/Hello-World', baseRepo: REPO, headSha: 'f', diff: '+fork\n' },
      ],
    };
    const { outcome, fake, engine } = await run({
      eventName: 'pull_request_review_comment',
      payload,
      github,
    });
    expect(outcome).toBe('succeeded');
    expect(fake.calls()).toEqual([
      `GET ${BASE}/collaborators/Codertocat/permission`,
      `POST ${BASE}/pulls/comments/284312630/reactions`,
      `GET ${BASE}/pulls/2/comments`,
      `POST ${BASE}/pulls/2/comments/284312630/replies`,
      `GET ${BASE}/pulls/2`,
      `GET ${BASE}/contents/.github/rlm.yml`,
      `PATCH ${BASE}/pulls/comments/9000001`,
    ]);
    expect(engine.requests[0]?.context).toEqual({ kind: 'text', text: '+fork\n' });
    const body = fake.reviewComments.get(2)?.[0]?.body ?? '';
    expect(body).toContain('Pull request from a fork (forker/Hello-World)');
  });
});

describe('scheduled audits', () => {
  it('creates one issue on the first run and updates the same issue on the next', async () => {
    const fake = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', defaultBranch: 'main' });
    await fake.start();
    try {
      const inputs = { task: 'nightly audit', 'audit-issue-title': 'Nightly RLM audit' };
      const first = await run({ eventName: 'schedule', payload: {}, inputs, fake });
      expect(first.outcome).toBe('succeeded');
      expect(fake.calls()).toEqual([
        `GET ${BASE}`,
        `GET ${BASE}/contents/.github/rlm.yml`,
        `GET ${BASE}/issues`,
        `POST ${BASE}/issues`,
      ]);
      expect(fake.requests[1]?.query).toEqual({ ref: 'main' });
      fake.requests.length = 0;
      const second = await run({
        eventName: 'schedule',
        payload: {},
        inputs,
        fake,
        result: fakeResult({ response: 'Round two.' }),
      });
      expect(second.outcome).toBe('succeeded');
      expect(fake.calls()).toEqual([
        `GET ${BASE}`,
        `GET ${BASE}/contents/.github/rlm.yml`,
        `GET ${BASE}/issues`,
        `PATCH ${BASE}/issues/1`,
      ]);
      expect(fake.issues).toHaveLength(1);
      expect(fake.issues[0]?.title).toBe('Nightly RLM audit');
      expect(fake.issues[0]?.body).toContain(auditMarker('audit/job'));
      expect(fake.issues[0]?.body).toContain('Round two.');
      expect(second.sink.outputs['comment-url']).toBe(fake.issues[0]?.html_url);
    } finally {
      await fake.stop();
    }
  });
});

describe('failure semantics', () => {
  const dispatch = { eventName: 'workflow_dispatch', payload: {}, inputs: { task: 'go' } };

  it('workflow_dispatch runs directly: no comment, outputs and summary only', async () => {
    const { outcome, fake, sink } = await run({ ...dispatch, github: { defaultBranch: 'main' } });
    expect(outcome).toBe('succeeded');
    expect(fake.calls()).toEqual([`GET ${BASE}`, `GET ${BASE}/contents/.github/rlm.yml`]);
    expect(sink.summary).toContain('The answer is 42.');
  });

  it('a limit hit fails the step by default, and not with fail-on-limit: false', async () => {
    const limited = fakeResult({
      success: false,
      limitsHit: ['max_cost_usd'],
      error: 'cost cap reached',
      exitCode: 1,
    });
    const failing = await run({ ...dispatch, result: limited });
    expect(failing.outcome).toBe('failed');
    expect(failing.sink.failures.join()).toContain('max_cost_usd');
    const tolerant = await run({
      ...dispatch,
      inputs: { task: 'go', 'fail-on-limit': 'false' },
      result: limited,
    });
    expect(tolerant.outcome).toBe('succeeded');
    expect(tolerant.sink.outputs.success).toBe('false');
  });

  it('a failed run fails the step with its error', async () => {
    const failed = fakeResult({ success: false, error: 'Anthropic API 401: invalid x-api-key', exitCode: 4 });
    const { outcome, sink } = await run({ ...dispatch, result: failed });
    expect(outcome).toBe('failed');
    expect(sink.failures.join()).toContain('invalid x-api-key');
  });

  it('a failed GitHub write fails the step, and the run still reports what it can', async () => {
    const payload = commentPayload('issue_comment', 'created', { body: '/rlm run go' });
    const fake = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', collaborators: COLLABORATORS });
    fake.fail({ method: 'PATCH', path: /\/issues\/comments\/\d+$/, status: 502 });
    await fake.start();
    try {
      const { outcome, sink } = await run({ eventName: 'issue_comment', payload, fake });
      expect(outcome).toBe('failed');
      expect(sink.failures.join()).toContain('GitHub write failed: writing the result (command-comment)');
      expect(sink.outputs.success).toBe('true');
      expect(sink.summary).toContain('The answer is 42.');
    } finally {
      await fake.stop();
    }
  });

  it('a bad setting fails the step and the progress comment says why', async () => {
    const payload = commentPayload('issue_comment', 'created', { body: '/rlm run go' });
    const { outcome, fake, sink } = await run({
      eventName: 'issue_comment',
      payload,
      inputs: { 'max-iterations': 'lots' },
    });
    expect(outcome).toBe('failed');
    expect(sink.failures.join()).toContain('max-iterations');
    expect(fake.issueComments.get(1)?.[0]?.body).toContain('❌ **Failed**');
  });

  it('an engine that throws fails the step with a clear message', async () => {
    const engine = new FakeEngine(fakeResult(), {
      throws: new ConfigError('no docker', { fix: 'start dockerd' }),
    });
    const { outcome, sink } = await run({ ...dispatch, engine });
    expect(outcome).toBe('failed');
    expect(sink.failures.join()).toContain('Fix: start dockerd');
  });

  it('environment repl is refused before any run: model code would share the user that holds the keys', async () => {
    const { outcome, sink, engine } = await run({ ...dispatch, inputs: { task: 'go', environment: 'repl' } });
    expect(outcome).toBe('failed');
    expect(engine.requests).toHaveLength(0);
    expect(sink.failures.join()).toContain('environment repl is not allowed in the GitHub Action');
  });

  it('workflow_dispatch without a task fails the step', async () => {
    const { outcome, sink } = await run({ eventName: 'workflow_dispatch', payload: {} });
    expect(outcome).toBe('invalid');
    expect(sink.failures).toEqual(['The `task` input is required for workflow_dispatch events.']);
  });
});

describe('pull_request events', () => {
  const prPayload = (headRepo: string) => ({
    action: 'opened',
    number: 3,
    pull_request: {
      number: 3,
      head: { sha: 'h', repo: { full_name: headRepo } },
      base: { repo: { full_name: REPO } },
    },
    repository: { full_name: REPO, default_branch: 'main' },
  });
  const github: Partial<FakeGitHubOptions> = {
    pullRequests: [{ number: 3, headRepo: REPO, baseRepo: REPO, headSha: 'h', diff: '+x\n' }],
  };

  it('a same-repository PR gets one result comment, found again by its marker on the next run', async () => {
    const fake = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', ...github });
    await fake.start();
    try {
      for (let round = 0; round < 2; round += 1) {
        const { outcome } = await run({
          eventName: 'pull_request',
          payload: prPayload(REPO),
          inputs: { task: 'review' },
          fake,
        });
        expect(outcome).toBe('succeeded');
        expect(fake.issueComments.get(3)).toHaveLength(1);
        expect(fake.calls().filter((call) => call === `POST ${BASE}/issues/3/comments`)).toHaveLength(1);
      }
    } finally {
      await fake.stop();
    }
  });

  it('a fork PR on pull_request (read-only token) runs without trying to comment', async () => {
    const { outcome, fake, engine } = await run({
      eventName: 'pull_request',
      payload: prPayload('forker/Hello-World'),
      inputs: { task: 'review' },
      github: {
        ...github,
        pullRequests: [
          { number: 3, headRepo: 'forker/Hello-World', baseRepo: REPO, headSha: 'h', diff: '+x\n' },
        ],
      },
    });
    expect(outcome).toBe('succeeded');
    expect(fake.calls()).toEqual([`GET ${BASE}/pulls/3`, `GET ${BASE}/contents/.github/rlm.yml`]);
    expect(engine.requests[0]?.context).toEqual({ kind: 'text', text: '+x\n' });
  });
});

describe('markers cannot be hijacked', () => {
  it("a user's comment carrying the command's marker is not taken over; the action posts its own", async () => {
    const planted = {
      id: 777,
      body: `${commandMarker(492700400)}\nplanted by someone`,
      html_url: 'https://github.com/x#777',
      user: { login: 'mallory', type: 'User' },
    };
    const payload = commentPayload('issue_comment', 'created', { body: '/rlm run go' });
    const { fake } = await run({
      eventName: 'issue_comment',
      payload,
      github: { issueComments: { 1: [planted] } },
    });
    expect(fake.calls()).not.toContain(`PATCH ${BASE}/issues/comments/777`);
    expect(fake.calls().filter((call) => call === `POST ${BASE}/issues/1/comments`)).toHaveLength(1);
    expect(fake.issueComments.get(1)?.[0]?.body).toBe(planted.body);
  });

  it("a user's issue carrying the audit marker is left alone; the audit gets its own issue", async () => {
    const planted = {
      number: 1,
      title: 'Weekly audit',
      body: `${auditMarker('audit/job')}\nfake findings`,
      html_url: 'https://github.com/Codertocat/Hello-World/issues/1',
      state: 'open' as const,
      user: { login: 'mallory', type: 'User' },
    };
    const { fake } = await run({
      eventName: 'schedule',
      payload: {},
      inputs: { task: 'audit' },
      github: { issues: [planted], defaultBranch: 'main' },
    });
    expect(fake.calls().at(-1)).toBe(`POST ${BASE}/issues`);
    expect(fake.issues[0]?.body).toBe(planted.body);
  });

  it('HTML comments in the answer are shown, not hidden (no planted markers)', async () => {
    const sneaky = fakeResult({ response: `done ${commandMarker(1)} <!-- hidden -->` });
    const { sink } = await run({
      eventName: 'workflow_dispatch',
      payload: {},
      inputs: { task: 'go' },
      result: sneaky,
    });
    expect(sink.summary).not.toContain('<!-- hidden');
    expect(sink.summary).toContain('&lt;!-- hidden -->');
  });
});

describe('progress edits', () => {
  it('a failed progress edit does not stop the run, the result still lands, and the step fails naming it', async () => {
    const fake = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', collaborators: COLLABORATORS });
    fake.fail({ method: 'PATCH', path: /\/issues\/comments\/\d+$/, status: 403, times: 1 });
    await fake.start();
    try {
      const clock = new ManualClock();
      const engine = new FakeEngine(fakeResult(), { clock, modelCalls: 2, stepMs: 20_000 });
      const payload = commentPayload('issue_comment', 'created', { body: '/rlm run go' });
      const { outcome, sink } = await run({ eventName: 'issue_comment', payload, fake, engine, clock });
      expect(outcome).toBe('failed');
      expect(sink.failures.join()).toContain('GitHub write failed: updating the progress comment');
      const patches = fake.requests.filter((r) => r.method === 'PATCH');
      expect(patches).toHaveLength(3);
      expect(fake.issueComments.get(1)?.[0]?.body).toContain('The answer is 42.');
    } finally {
      await fake.stop();
    }
  });
});

describe('pull request diffs the API will not serve', () => {
  it('a 406 (diff too large) runs without the diff and says so', async () => {
    const fake = new FakeGitHub({
      owner: 'Codertocat',
      repo: 'Hello-World',
      collaborators: COLLABORATORS,
      pullRequests: [{ number: 2, headRepo: REPO, baseRepo: REPO, headSha: 'a', diff: 'unused' }],
    });
    // A review comment carries the PR itself, so the only GET of the PR is the diff.
    fake.fail({ method: 'GET', path: /\/pulls\/2$/, status: 406 });
    await fake.start();
    try {
      const engine = new FakeEngine(fakeResult());
      const payload = commentPayload('pull_request_review_comment', 'created', { body: '/rlm run go' });
      const { outcome } = await run({ eventName: 'pull_request_review_comment', payload, fake, engine });
      expect(outcome).toBe('succeeded');
      expect(fake.calls().filter((call) => call === `GET ${BASE}/pulls/2`)).toHaveLength(1);
      expect(engine.requests[0]?.context).toBeUndefined();
      expect(fake.reviewComments.get(2)?.[0]?.body).toContain('too large for the GitHub API (406)');
    } finally {
      await fake.stop();
    }
  });

  it('any other error fetching the diff fails the run, and the comment says why', async () => {
    const fake = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', collaborators: COLLABORATORS });
    await fake.start();
    try {
      const engine = new FakeEngine(fakeResult());
      const payload = commentPayload('pull_request_review_comment', 'created', { body: '/rlm run go' });
      const { outcome, sink } = await run({
        eventName: 'pull_request_review_comment',
        payload,
        fake,
        engine,
      });
      expect(outcome).toBe('failed');
      expect(engine.requests).toHaveLength(0);
      expect(sink.failures.join()).toContain('Not Found');
      expect(fake.reviewComments.get(2)?.[0]?.body).toContain('❌ **Failed**');
    } finally {
      await fake.stop();
    }
  });
});
