/**
 * Applies the budgets across runs (budget.ts) to one run: which budget the trigger falls under, the check
 * before anything else happens, the one reply when a run is refused, and the hidden line the result
 * carries forward.
 */
import {
  addRun,
  checkDailyBudget,
  checkPullRequestBudget,
  spentLine,
  type BudgetCheck,
  type Spent,
} from './budget.js';
import type { ResultChannel } from '../reporting/channels.js';
import type { GitHubPort } from '../github/github-port.js';
import type { ActionInputs } from './inputs.js';
import { auditMarker, commandMarker, labelMarker, resultMarker } from '../github/markers.js';
import { renderBudgetRefusal } from '../reporting/report.js';
import type { RunOrigin } from '../triggers/trigger.js';

export interface BudgetScope {
  inputs: Pick<ActionInputs, 'maxCostPerPrUsd' | 'maxDailyCostUsd' | 'comment'>;
  github: Pick<GitHubPort, 'listComments' | 'listOpenIssues'>;
  jobKey: string;
  now: number;
}

/** null when no budget applies to this trigger. */
export async function checkRunBudget(
  origin: RunOrigin,
  pullNumber: number | null,
  scope: BudgetScope,
): Promise<BudgetCheck | null> {
  const { inputs } = scope;
  if (origin.kind === 'schedule' && inputs.maxDailyCostUsd !== null) {
    const today = new Date(scope.now).toISOString().slice(0, 10);
    return checkDailyBudget(scope.github, auditMarker(scope.jobKey), inputs.maxDailyCostUsd, today);
  }
  if (pullNumber !== null && inputs.maxCostPerPrUsd !== null) {
    const own =
      origin.kind === 'command'
        ? commandMarker(origin.comment.id)
        : origin.kind === 'label'
          ? labelMarker(origin.item.number)
          : resultMarker(scope.jobKey);
    return checkPullRequestBudget(scope.github, pullNumber, own, inputs.maxCostPerPrUsd);
  }
  return null;
}

/** The one reply of a refused run, where its result would have gone; the spending line is kept as it was. */
export async function replyBudgetRefusal(
  check: Extract<BudgetCheck, { kind: 'refuse' }>,
  task: string,
  runUrl: string,
  channel: ResultChannel,
): Promise<string | null> {
  return channel.finish(`${renderBudgetRefusal(check.reason, task, runUrl)}\n\n${spentLine(check.carried)}`);
}

/** The hidden line a result carries: what was spent before on this comment or issue, plus this run. */
export function resultSpentLine(carried: Spent, costUsd: number | null): string {
  return spentLine(addRun(carried, costUsd));
}
