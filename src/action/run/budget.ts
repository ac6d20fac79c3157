/**
 * Budgets across runs, so a busy pull request or a nightly audit cannot run up an unbounded bill:
 *
 * - `max-cost-per-pr-usd`: the total of every run on one pull request. Each result comment the action
 *   writes on the PR carries what its runs spent in a hidden line; the total is their sum.
 * - `max-daily-cost-usd`: what scheduled audits spent today (UTC), kept in the audit issue's hidden line.
 *
 * A run is refused before any model call when nothing is left; otherwise its own `max-cost-usd` is lowered
 * to what is left, so the engine's cost limit stops it before it passes the budget.
 *
 * Only lines in comments and issues written by a bot account (the workflow token's identity, as for the
 * markers) count: anyone can paste a hidden line into their own comment. Model text can never carry one
 * either: every body goes through `neutralize`, which escapes `<!--`.
 */
import type { CommentThread } from '../triggers/event.js';
import type { GitHubPort, PostedComment } from '../github/github-port.js';
import { isMarkedByBot, OWN_MARKER_PREFIX } from '../github/markers.js';

const SPENT_TAG = `${OWN_MARKER_PREFIX}spent `;
const SPENT_LINE = /^<!-- rlm-runtime-action:spent (\{[^\n]*\}) -->$/m;

export interface Spent {
  /** USD spent by the runs this comment or issue reports. */
  usd: number;
  runs: number;
  /** Daily budgets: the UTC day (YYYY-MM-DD) `usd` belongs to. */
  day?: string;
}

export const NOTHING_SPENT: Spent = { usd: 0, runs: 0 };

export function spentLine(spent: Spent): string {
  const usd = Math.round(spent.usd * 1e6) / 1e6;
  return `${SPENT_TAG}${JSON.stringify({ ...spent, usd })} -->`;
}

/** The hidden line of a body, or null when there is none or it does not parse. */
export function readSpent(body: string): Spent | null {
  const match = SPENT_LINE.exec(body);
  if (!match?.[1]) return null;
  try {
    const value = JSON.parse(match[1]) as Record<string, unknown>;
    const usd = value.usd;
    const runs = value.runs;
    if (typeof usd !== 'number' || !Number.isFinite(usd) || usd < 0) return null;
    if (typeof runs !== 'number' || !Number.isSafeInteger(runs) || runs < 0) return null;
    return typeof value.day === 'string' ? { usd, runs, day: value.day } : { usd, runs };
  } catch {
    return null;
  }
}

/** Adds one run's cost to what a comment or issue already carried. */
export function addRun(carried: Spent, costUsd: number | null): Spent {
  return { ...carried, usd: carried.usd + (costUsd ?? 0), runs: carried.runs + 1 };
}

export type BudgetCheck =
  /** Run, with `max-cost-usd` lowered to `leftUsd` when that is lower; `carried` is what the report adds to. */
  | { kind: 'run'; leftUsd: number | null; carried: Spent; note: string | null }
  | { kind: 'refuse'; reason: string; carried: Spent };

function trustedSpent(items: readonly Pick<PostedComment, 'body' | 'authorType'>[]): Spent[] {
  return items
    .filter((item) => isMarkedByBot(item, OWN_MARKER_PREFIX))
    .map((item) => readSpent(item.body))
    .filter((spent): spent is Spent => spent !== null);
}

function usd(value: number): string {
  return `$${value.toFixed(2)}`;
}

function decide(
  spentUsd: number,
  limitUsd: number,
  what: string,
  input: string,
  carried: Spent,
): BudgetCheck {
  const left = limitUsd - spentUsd;
  if (left <= 0) {
    return {
      kind: 'refuse',
      reason: `${what} has spent ${usd(spentUsd)} of its ${usd(limitUsd)} budget (\`${input}\`), so this run was not started.`,
      carried,
    };
  }
  return {
    kind: 'run',
    leftUsd: left,
    carried,
    note: `${what} has spent ${usd(spentUsd)} of ${usd(limitUsd)} (\`${input}\`); this run may spend at most ${usd(left)}.`,
  };
}

/**
 * The per-PR budget: every action comment on the PR (conversation and review threads) adds up.
 * `ownMarker` finds this run's own comment (a re-run edits it): its earlier spending is carried forward.
 */
export async function checkPullRequestBudget(
  github: Pick<GitHubPort, 'listComments'>,
  pullNumber: number,
  ownMarker: string,
  limitUsd: number,
): Promise<BudgetCheck> {
  const conversation: CommentThread = { kind: 'issue', number: pullNumber, isPullRequest: true };
  const review: CommentThread = { kind: 'review', pullNumber };
  const comments = [...(await github.listComments(conversation)), ...(await github.listComments(review))];
  const spent = trustedSpent(comments).reduce((sum, item) => sum + item.usd, 0);
  const own = comments.find((comment) => isMarkedByBot(comment, ownMarker));
  const carried = (own ? readSpent(own.body) : null) ?? NOTHING_SPENT;
  return decide(spent, limitUsd, `Pull request #${pullNumber}`, 'max-cost-per-pr-usd', carried);
}

/** The daily budget of scheduled audits, kept in the audit issue. `today` is YYYY-MM-DD (UTC). */
export async function checkDailyBudget(
  github: Pick<GitHubPort, 'listOpenIssues'>,
  auditMarker: string,
  limitUsd: number,
  today: string,
): Promise<BudgetCheck> {
  const issue = (await github.listOpenIssues()).find((candidate) => isMarkedByBot(candidate, auditMarker));
  const stored = issue ? readSpent(issue.body) : null;
  const carried: Spent = stored?.day === today ? stored : { ...NOTHING_SPENT, day: today };
  return decide(
    carried.usd,
    limitUsd,
    `Today's scheduled audits (${today} UTC)`,
    'max-daily-cost-usd',
    carried,
  );
}
