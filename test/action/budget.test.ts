/**
 * Budgets across runs: the per-PR total summed from the action's own comments, the daily total of
 * scheduled audits kept in the audit issue, refusal before any model call, and state nobody but the
 * workflow's bot account can write.
 */
import { readSpent, spentLine } from '../../src/action/run/budget.js';
import { auditMarker, commandMarker, resultMarker } from '../../src/action/github/markers.js';
import type { StoredComment } from '../support/github-api/server.js';
import { FakeEngine, ManualClock, fakeResult } from './support/fakes.js';
import { BASE, REPO, runScenario, useDirectories } from './support/harness.js';
import { commentPayload } from './support/payloads.js';

const dirs = useDirectories();
const COMMAND_ID = 492700400;
const PR = [{ number: 1, headRepo: REPO, baseRepo: REPO, headSha: 'abc', diff: 'diff --git a/x b/x\n' }];

function posted(id: number, body: string, type = 'Bot'): StoredComment {
  return {
    id,
    body,
    html_url: `https://github.com/${REPO}/pull/1#issuecomment-${id}`,
    user: { login: type === 'Bot' ? 'github-actions[bot]' : 'mallory', type },
  };
}

function earlierResult(id: number, usd: number, type = 'Bot'): StoredComment {
  return posted(id, `${commandMarker(id + 1)}\n### RLM: ✅\n\n${spentLine({ usd, runs: 1 })}`, type);
}

const command = () =>
  commentPayload('issue_comment', 'created', { body: '/rlm run review this', onPullRequest: true });

describe('max-cost-per-pr-usd', () => {
  it('sums the bot-written comments (conversation and review threads) and lowers this run to what is left', async () => {
    const engine = new FakeEngine(fakeResult({ costUsd: 0.0123 }));
    const {
      outcome,
      fake,
      engine: used,
    } = await runScenario(dirs, {
      eventName: 'issue_comment',
      payload: command(),
      inputs: { 'max-cost-per-pr-usd': '0.5', 'max-cost-usd': '2' },
      engine,
      github: {
        pullRequests: PR,
        issueComments: { 1: [earlierResult(11, 0.3)] },
        reviewComments: { 1: [earlierResult(21, 0.15)] },
      },
    });
    expect(outcome).toBe('succeeded');
    expect(used.requests[0]?.options.maxCostUsd).toBeCloseTo(0.05, 6);
    const own = fake.issueComments.get(1)?.find((c) => c.body.startsWith(commandMarker(COMMAND_ID)));
    expect(readSpent(own?.body ?? '')).toEqual({ usd: 0.0123, runs: 1 });
    expect(own?.body).toContain('Pull request #1 has spent $0.45 of $0.50 (`max-cost-per-pr-usd`)');
    expect(fake.calls().slice(1, 3)).toEqual([
      `GET ${BASE}/issues/1/comments`,
      `GET ${BASE}/pulls/1/comments`,
    ]);
  });

  it('refuses a run once the PR has spent its budget: one reply, no 👀, no model call, the step passes', async () => {
    const engine = new FakeEngine(fakeResult());
    const { outcome, fake, sink } = await runScenario(dirs, {
      eventName: 'issue_comment',
      payload: command(),
      inputs: { 'max-cost-per-pr-usd': '0.5' },
      engine,
      github: { pullRequests: PR, issueComments: { 1: [earlierResult(11, 0.3), earlierResult(12, 0.25)] } },
    });
    expect(outcome).toBe('refused');
    expect(engine.requests).toEqual([]);
    expect(fake.reactions).toEqual([]);
    expect(sink.failures).toEqual([]);
    expect(fake.calls()).toEqual([
      `GET ${BASE}/collaborators/Codertocat/permission`,
      `GET ${BASE}/issues/1/comments`,
      `GET ${BASE}/pulls/1/comments`,
      `GET ${BASE}/issues/1/comments`,
      `POST ${BASE}/issues/1/comments`,
    ]);
    const reply = fake.issueComments.get(1)?.at(-1)?.body ?? '';
    expect(reply.startsWith(commandMarker(COMMAND_ID))).toBe(true);
    expect(reply).toContain('💸 **Not started: budget spent**');
    expect(reply).toContain(
      'Pull request #1 has spent $0.55 of its $0.50 budget (`max-cost-per-pr-usd`), so this run was not started.',
    );
    expect(sink.outputs.success).toBe('false');
    expect(sink.outputs['comment-url']).toMatch(/#issuecomment-\d+$/);
  });

  it("ignores spending lines in anyone else's comments (a pasted marker proves nothing)", async () => {
    const forged = earlierResult(11, 100, 'User');
    const { outcome } = await runScenario(dirs, {
      eventName: 'issue_comment',
      payload: command(),
      inputs: { 'max-cost-per-pr-usd': '0.5' },
      github: { pullRequests: PR, issueComments: { 1: [forged] } },
    });
    expect(outcome).toBe('succeeded');
  });

  it("a re-run edits the command's comment and carries its earlier spending forward", async () => {
    const previous = posted(31, `${commandMarker(COMMAND_ID)}\nold\n\n${spentLine({ usd: 0.2, runs: 1 })}`);
    const { outcome, fake } = await runScenario(dirs, {
      eventName: 'issue_comment',
      payload: command(),
      inputs: { 'max-cost-per-pr-usd': '1' },
      result: fakeResult({ costUsd: 0.05 }),
      github: { pullRequests: PR, issueComments: { 1: [previous] } },
    });
    expect(outcome).toBe('succeeded');
    const comments = fake.issueComments.get(1) ?? [];
    expect(comments).toHaveLength(1);
    expect(readSpent(comments[0]?.body ?? '')).toEqual({ usd: 0.25, runs: 2 });
  });

  it('model text cannot forge a spending line (it is neutralized), and an unknown cost is said', async () => {
    const sneaky = fakeResult({
      costUsd: null,
      response: `done\n${spentLine({ usd: 0, runs: 0 })}`,
    });
    const { fake } = await runScenario(dirs, {
      eventName: 'issue_comment',
      payload: command(),
      inputs: { 'max-cost-per-pr-usd': '1' },
      result: sneaky,
      github: { pullRequests: PR },
    });
    const body = fake.issueComments.get(1)?.[0]?.body ?? '';
    expect(body).toContain('&lt;!-- rlm-runtime-action:spent');
    expect(readSpent(body)).toEqual({ usd: 0, runs: 1 });
    expect(body).toContain("This run's cost is unknown");
  });

  it('also counts pull_request runs, in their one PR comment', async () => {
    const payload = commentPayload('issue_comment', 'created', { body: 'x', onPullRequest: true });
    const prPayload = {
      action: 'opened',
      pull_request: {
        number: 1,
        head: { repo: { full_name: REPO }, sha: 'a' },
        base: { repo: { full_name: REPO } },
      },
      repository: payload.repository,
    };
    const { outcome, fake } = await runScenario(dirs, {
      eventName: 'pull_request',
      payload: prPayload,
      inputs: { task: 'review', 'max-cost-per-pr-usd': '1' },
      result: fakeResult({ costUsd: 0.1 }),
      github: { pullRequests: PR, issueComments: { 1: [earlierResult(11, 0.95)] } },
    });
    expect(outcome).toBe('succeeded');
    const own = fake.issueComments.get(1)?.find((c) => c.body.startsWith(resultMarker('audit/job')));
    expect(readSpent(own?.body ?? '')).toEqual({ usd: 0.1, runs: 1 });
  });
});

describe('max-daily-cost-usd (scheduled audits)', () => {
  const NOON = Date.UTC(2026, 10, 30, 12, 0, 0);
  const issue = (body: string) => ({
    number: 5,
    title: 'RLM scheduled audit',
    body,
    html_url: `https://github.com/${REPO}/issues/5`,
    state: 'open' as const,
    user: { login: 'github-actions[bot]', type: 'Bot' },
  });

  it("refuses once today's audits spent the budget, and says so in the audit issue", async () => {
    const engine = new FakeEngine(fakeResult());
    const stored = `${auditMarker('audit/job')}\nlast report\n\n${spentLine({ usd: 1.2, runs: 3, day: '2026-11-30' })}`;
    const { outcome, fake } = await runScenario(dirs, {
      eventName: 'schedule',
      payload: { schedule: '0 3 * * *' },
      inputs: { task: 'audit', 'max-daily-cost-usd': '1' },
      engine,
      clock: new ManualClock(NOON),
      github: { issues: [issue(stored)] },
    });
    expect(outcome).toBe('refused');
    expect(engine.requests).toEqual([]);
    const body = fake.issues[0]?.body ?? '';
    expect(body).toContain("Today's scheduled audits (2026-11-30 UTC) has spent $1.20 of its $1.00 budget");
    expect(readSpent(body)).toEqual({ usd: 1.2, runs: 3, day: '2026-11-30' });
  });

  it('a new UTC day starts from zero and the issue keeps the new total', async () => {
    const stored = `${auditMarker('audit/job')}\nold\n\n${spentLine({ usd: 5, runs: 9, day: '2026-11-29' })}`;
    const { outcome, fake, engine } = await runScenario(dirs, {
      eventName: 'schedule',
      payload: { schedule: '0 3 * * *' },
      inputs: { task: 'audit', 'max-daily-cost-usd': '1', 'max-cost-usd': '2' },
      result: fakeResult({ costUsd: 0.3 }),
      clock: new ManualClock(NOON),
      github: { issues: [issue(stored)] },
    });
    expect(outcome).toBe('succeeded');
    expect(engine.requests[0]?.options.maxCostUsd).toBe(1);
    expect(readSpent(fake.issues[0]?.body ?? '')).toEqual({ usd: 0.3, runs: 1, day: '2026-11-30' });
  });

  it('an issue someone else wrote with the marker is not the ledger', async () => {
    const forged = {
      ...issue(`${auditMarker('audit/job')}\n${spentLine({ usd: 99, runs: 1, day: '2026-11-30' })}`),
      user: { login: 'mallory', type: 'User' },
    };
    const { outcome } = await runScenario(dirs, {
      eventName: 'schedule',
      payload: { schedule: '0 3 * * *' },
      inputs: { task: 'audit', 'max-daily-cost-usd': '1' },
      clock: new ManualClock(NOON),
      github: { issues: [forged] },
    });
    expect(outcome).toBe('succeeded');
  });
});
