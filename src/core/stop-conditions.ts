/**
 * Limits as small composable stop conditions (in the spirit of vercel/ai's
 * `stopWhen`): each looks at a snapshot of the run and names the limit it
 * enforces, or says nothing. A node checks them before every turn.
 */
import type { LimitName } from '../rlm-options.js';
import { costCapLimit, type CallScope, type CostCap } from './cost-caps.js';

export interface StopState {
  /** Turns the node has completed. */
  nodeIteration: number;
  /** Failed turns in a row in this node. */
  consecutiveErrors: number;
  /** Tokens of every call at every depth. */
  totalTokens: number;
  /** USD of every call whose price is known. */
  knownCostUsd: number;
  /** llm_query + rlm_query calls asked for so far (refused ones included). */
  subCalls: number;
  /** Milliseconds since the run started. */
  elapsedMs: number;
  /** The node's depth and model, for the caps that cover part of the run (absent: none applies). */
  scope?: CallScope;
  /** USD spent under a cost cap (CostCap.key). */
  spentUsd?: (capKey: string) => number;
}

export interface StopReason {
  limit: LimitName;
  message: string;
}

export type StopCondition = (state: StopState) => StopReason | null;

export function iterationLimit(maxIterations: number): StopCondition {
  return (state) =>
    state.nodeIteration >= maxIterations
      ? {
          limit: 'max_iterations',
          message: `reached max_iterations (${maxIterations}) without a final answer`,
        }
      : null;
}

export function consecutiveErrorLimit(maxConsecutiveErrors: number): StopCondition {
  return (state) =>
    state.consecutiveErrors >= maxConsecutiveErrors
      ? {
          limit: 'max_consecutive_errors',
          message: `${state.consecutiveErrors} failed turns in a row (max_consecutive_errors ${maxConsecutiveErrors})`,
        }
      : null;
}

export function tokenLimit(maxTokens: number): StopCondition {
  return (state) =>
    state.totalTokens >= maxTokens
      ? { limit: 'max_tokens', message: `used ${state.totalTokens} tokens (max_tokens ${maxTokens})` }
      : null;
}

export function costLimit(maxCostUsd: number): StopCondition {
  return (state) =>
    state.knownCostUsd >= maxCostUsd
      ? {
          limit: 'max_cost_usd',
          message: `spent $${state.knownCostUsd.toFixed(6)} (max_cost_usd $${maxCostUsd})`,
        }
      : null;
}

export function subCallLimit(maxSubCalls: number): StopCondition {
  return (state) =>
    state.subCalls > maxSubCalls
      ? {
          limit: 'max_sub_calls',
          message: `code asked for ${state.subCalls} sub-calls (max_sub_calls ${maxSubCalls})`,
        }
      : null;
}

export function timeLimit(timeoutMs: number): StopCondition {
  return (state) =>
    state.elapsedMs >= timeoutMs
      ? { limit: 'timeout', message: `wall-clock timeout after ${(timeoutMs / 1000).toFixed(1)} s` }
      : null;
}

/** The first condition that fires, in the order given. */
export function firstHit(...conditions: StopCondition[]): StopCondition {
  return (state) => {
    for (const condition of conditions) {
      const reason = condition(state);
      if (reason !== null) return reason;
    }
    return null;
  };
}

export interface LimitSettings {
  maxIterations: number;
  maxConsecutiveErrors: number;
  maxTokens?: number | undefined;
  maxCostUsd?: number | undefined;
  maxSubCalls?: number | undefined;
  timeoutMs?: number | undefined;
  /** Caps on the spending at one depth or on one model (src/core/cost-caps.ts). */
  costCaps?: readonly CostCap[] | undefined;
}

/** Every limit that stops a node, composed. Timeout first: it is the one users most need named correctly. */
export function stopConditionsFor(limits: LimitSettings): StopCondition {
  const conditions: StopCondition[] = [];
  if (limits.timeoutMs !== undefined) conditions.push(timeLimit(limits.timeoutMs));
  if (limits.maxTokens !== undefined) conditions.push(tokenLimit(limits.maxTokens));
  if (limits.maxCostUsd !== undefined) conditions.push(costLimit(limits.maxCostUsd));
  if (limits.costCaps !== undefined && limits.costCaps.length > 0)
    conditions.push(costCapLimit(limits.costCaps));
  if (limits.maxSubCalls !== undefined) conditions.push(subCallLimit(limits.maxSubCalls));
  conditions.push(consecutiveErrorLimit(limits.maxConsecutiveErrors), iterationLimit(limits.maxIterations));
  return firstHit(...conditions);
}

/** Limits that end the whole run, not just the node that hit them. */
export const RUN_WIDE_LIMITS: ReadonlySet<LimitName> = new Set<LimitName>([
  'timeout',
  'cancelled',
  'max_tokens',
  'max_cost_usd',
  'max_sub_calls',
]);
