/**
 * Which models code may name in `llm_query(prompt, model=...)` (and
 * `rlm_query`). Model code is untrusted: without a list it could pick the
 * most expensive model the key reaches, or one without a price so the cost
 * cap cannot see it. Allowed: the configured model and sub-model, plus what
 * `allowedModels` (config `allowed_models`) adds; anything else gets an
 * `Error:` string naming the allowed ones.
 */
import { quoteUntrusted } from '../sandbox/untrusted-text.js';
import type { CostFunction } from './ledger.js';

export interface ModelPolicy {
  model: string;
  subModel: string;
  /** Extra models code may name, besides model and subModel. */
  extraModels: readonly string[];
  maxCostUsd: number | undefined;
}

/** The policy in force for a run's settings. */
export function modelPolicy(settings: {
  model: string;
  subModel: string;
  allowedModels: readonly string[];
  maxCostUsd: number | undefined;
}): ModelPolicy {
  return {
    model: settings.model,
    subModel: settings.subModel,
    extraModels: settings.allowedModels,
    maxCostUsd: settings.maxCostUsd,
  };
}

/** Every model code may name, configured ones first, without repeats. */
export function allowedModels(policy: ModelPolicy): string[] {
  return [...new Set([policy.subModel, policy.model, ...policy.extraModels])];
}

/**
 * What the system prompt offers for `model=`: every allowed model but the default sub-model, and only when the
 * user allowed extra ones (otherwise the prompt stays as it always was).
 */
export function modelChoices(policy: ModelPolicy): string[] {
  if (policy.extraModels.length === 0) return [];
  return allowedModels(policy).filter((name) => name !== policy.subModel);
}

/** The reason `chosen` is refused, or null when code may use it. */
export function refuseModel(chosen: string, policy: ModelPolicy, costOf: CostFunction): string | null {
  const allowed = allowedModels(policy);
  if (!allowed.includes(chosen)) {
    return `model ${quoteUntrusted(chosen)} is not allowed; allowed: ${allowed.map((name) => JSON.stringify(name)).join(', ')} (the user can add models with allowed_models); call without model= to use ${policy.subModel}`;
  }
  const configured = chosen === policy.model || chosen === policy.subModel;
  const priced = costOf(chosen, { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 });
  if (!configured && policy.maxCostUsd !== undefined && priced === null) {
    // An extra model without a price would let code spend past the cost cap unseen; the configured ones
    // are the user's explicit choice (the result warns that their cost is unknown).
    return `model ${quoteUntrusted(chosen)} has no known price, so max_cost_usd could not be enforced for it; call without model= to use ${policy.subModel}`;
  }
  return null;
}
