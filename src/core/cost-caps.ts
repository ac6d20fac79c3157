/**
 * Caps on a share of the spending, so one part of a run cannot eat the
 * budget of the rest: `maxCostUsdByDepth` (a fan-out of sub-calls at depth 2
 * cannot spend what the root needs to finish) and `maxCostUsdByModel` (an
 * expensive model gets its own ceiling). Each cap is a small rule, composed
 * like the stop conditions: the ledger asks every cap that covers a call
 * before admitting it (with reservations, so a parallel fan-out cannot
 * overshoot), and a node asks them before each turn. A refusal names the cap.
 *
 * Unlike max_cost_usd these caps stop only what they cover: a refused
 * sub-call gets an `Error:` string, a node whose turns are capped stops with
 * its partial answer, and the rest of the run goes on.
 */
import type { LimitName } from '../rlm-options.js';
import type { StopCondition, StopReason } from './stop-conditions.js';

/** Where a call runs and what it asks, as far as caps care. */
export interface CallScope {
  depth: number;
  model: string;
}

export interface CostCap {
  /** Identifies the spending this cap watches in the ledger ("depth:2", "model:gpt-5"). */
  readonly key: string;
  readonly limit: LimitName;
  /** How the refusal names it: "max_cost_usd_by_depth[2] ($0.5)". */
  readonly label: string;
  /** What it covers, for messages: "at depth 2", "on model gpt-5". */
  readonly scope: string;
  readonly maxUsd: number;
  covers(call: CallScope): boolean;
}

export function depthCostCap(depth: number, maxUsd: number): CostCap {
  return {
    key: `depth:${depth}`,
    limit: 'max_cost_usd_by_depth',
    label: `max_cost_usd_by_depth[${depth}] ($${maxUsd})`,
    scope: `at depth ${depth}`,
    maxUsd,
    covers: (call) => call.depth === depth,
  };
}

export function modelCostCap(model: string, maxUsd: number): CostCap {
  return {
    key: `model:${model}`,
    limit: 'max_cost_usd_by_model',
    label: `max_cost_usd_by_model[${model}] ($${maxUsd})`,
    scope: `on ${model}`,
    maxUsd,
    covers: (call) => call.model === model,
  };
}

export interface CostCapSettings {
  maxCostUsdByDepth: Readonly<Record<number, number>>;
  maxCostUsdByModel: Readonly<Record<string, number>>;
}

/** Every cap configured, depth caps first (in depth order), then model caps. */
export function costCapsFor(settings: CostCapSettings): CostCap[] {
  const depthCaps = Object.entries(settings.maxCostUsdByDepth)
    .map(([depth, maxUsd]) => depthCostCap(Number(depth), maxUsd))
    .sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
  const modelCaps = Object.entries(settings.maxCostUsdByModel).map(([model, maxUsd]) =>
    modelCostCap(model, maxUsd),
  );
  return [...depthCaps, ...modelCaps];
}

/** The refusal for a call that would take a cap past its ceiling. */
export function capExhausted(cap: CostCap, spentUsd: number, callUsd: number): StopReason {
  return {
    limit: cap.limit,
    message: `${cap.label} exhausted: $${spentUsd.toFixed(6)} spent ${cap.scope} + ~$${callUsd.toFixed(6)} for this call > $${cap.maxUsd}`,
  };
}

/**
 * Stops a node whose own turns fall under a spent cap. Needs `state.scope` (the node's depth and model)
 * and `state.spentUsd(key)`; a state without them is not a node's, and no cap applies.
 */
export function costCapLimit(caps: readonly CostCap[]): StopCondition {
  return (state) => {
    const scope = state.scope;
    const spentUsd = state.spentUsd;
    if (scope === undefined || spentUsd === undefined) return null;
    for (const cap of caps) {
      if (!cap.covers(scope)) continue;
      const spent = spentUsd(cap.key);
      if (spent >= cap.maxUsd) {
        return { limit: cap.limit, message: `spent $${spent.toFixed(6)} ${cap.scope} (${cap.label})` };
      }
    }
    return null;
  };
}
