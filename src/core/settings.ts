/**
 * The settings of one run: the RLM's options (already resolved once by the
 * config layer, src/config/settings.ts) with that call's overrides on top.
 * Overrides are new input, so they are checked here; invalid values are
 * ConfigErrors (exit code 5) naming the option, raised before anything starts.
 * Defaults for options a caller left out come from the one key table.
 */
import { SETTING_KEYS } from '../config/keys.js';
import { ConfigError } from '../errors.js';
import type { CompletionOverrides, RLMOptions } from '../rlm-options.js';
import type { ContextInput } from '../sandbox/types.js';
import { compileOutputSchema, type OutputSchema } from './output-schema.js';

export interface EngineSettings {
  model: string;
  subModel: string;
  /** Models code may name with model= besides model and subModel. */
  allowedModels: readonly string[];
  maxDepth: number;
  maxIterations: number;
  timeoutMs: number | undefined;
  maxTokens: number | undefined;
  maxCostUsd: number | undefined;
  /** USD per depth level (keys are depths); empty: no such cap. */
  maxCostUsdByDepth: Readonly<Record<number, number>>;
  /** USD per model name; empty: no such cap. */
  maxCostUsdByModel: Readonly<Record<string, number>>;
  maxConsecutiveErrors: number;
  maxSubCalls: number | undefined;
  maxSubCallPromptChars: number;
  maxConcurrency: number;
  batchConcurrency: number;
  maxOutputTokens: number;
  /** Context window in tokens for every node's history budget; undefined: the model's from the table. */
  contextWindow: number | undefined;
  execTimeoutMs: number;
  /** Characters of code output sent back to the model per turn. */
  maxTurnOutputChars: number;
  context: ContextInput | undefined;
  /** The root's final answer must validate against it (structured output). */
  outputSchema: OutputSchema | undefined;
}

export const DEFAULTS = {
  maxDepth: SETTING_KEYS.max_depth.default,
  maxIterations: SETTING_KEYS.max_iterations.default,
  maxConsecutiveErrors: SETTING_KEYS.max_consecutive_errors.default,
  maxSubCallPromptChars: SETTING_KEYS.max_sub_call_prompt_chars.default,
  maxConcurrency: SETTING_KEYS.max_concurrency.default,
  batchConcurrency: SETTING_KEYS.batch_concurrency.default,
  maxOutputTokens: SETTING_KEYS.max_output_tokens.default,
  execTimeoutMs: SETTING_KEYS.exec_timeout.default * 1000,
  maxTurnOutputChars: 20_000,
} as const;

type Merged = Omit<RLMOptions, 'backend'> & CompletionOverrides;

export function runSettings(
  options: RLMOptions,
  overrides: CompletionOverrides | undefined,
  defaultModel: string,
): EngineSettings {
  const merged: Merged = { ...options, ...stripUndefined(overrides ?? {}) };
  const model = merged.model ?? defaultModel;
  return {
    model,
    subModel: merged.subModel ?? model,
    allowedModels: modelNames('allowedModels', merged.allowedModels ?? []),
    maxDepth: integer('maxDepth', merged.maxDepth ?? DEFAULTS.maxDepth, 1),
    maxIterations: integer('maxIterations', merged.maxIterations ?? DEFAULTS.maxIterations, 1),
    timeoutMs: merged.timeout === undefined ? undefined : positive('timeout', merged.timeout) * 1000,
    maxTokens: merged.maxTokens === undefined ? undefined : integer('maxTokens', merged.maxTokens, 1),
    maxCostUsd: merged.maxCostUsd === undefined ? undefined : nonNegative('maxCostUsd', merged.maxCostUsd),
    maxCostUsdByDepth: costCaps('maxCostUsdByDepth', merged.maxCostUsdByDepth ?? {}, (depth) =>
      /^\d+$/.test(depth),
    ),
    maxCostUsdByModel: costCaps('maxCostUsdByModel', merged.maxCostUsdByModel ?? {}, (model) => model !== ''),
    maxConsecutiveErrors: integer(
      'maxConsecutiveErrors',
      merged.maxConsecutiveErrors ?? DEFAULTS.maxConsecutiveErrors,
      1,
    ),
    maxSubCalls: merged.maxSubCalls === undefined ? undefined : integer('maxSubCalls', merged.maxSubCalls, 0),
    maxSubCallPromptChars: integer(
      'maxSubCallPromptChars',
      merged.maxSubCallPromptChars ?? DEFAULTS.maxSubCallPromptChars,
      1,
    ),
    maxConcurrency: integer('maxConcurrency', merged.maxConcurrency ?? DEFAULTS.maxConcurrency, 1),
    batchConcurrency: integer('batchConcurrency', merged.batchConcurrency ?? DEFAULTS.batchConcurrency, 1),
    maxOutputTokens: integer('maxOutputTokens', merged.maxOutputTokens ?? DEFAULTS.maxOutputTokens, 1),
    contextWindow:
      merged.contextWindow === undefined ? undefined : integer('contextWindow', merged.contextWindow, 1024),
    execTimeoutMs: integer('execTimeoutMs', merged.execTimeoutMs ?? DEFAULTS.execTimeoutMs, 1),
    maxTurnOutputChars: DEFAULTS.maxTurnOutputChars,
    context: merged.context,
    outputSchema: merged.outputSchema === undefined ? undefined : compileOutputSchema(merged.outputSchema),
  };
}

/** Per-attempt request timeout and retry count for the model client; undefined: the client's defaults. */
export interface ModelRequestSettings {
  timeoutMs: number | undefined;
  maxRetries: number | undefined;
}

export function resolveModelRequestSettings(
  options: RLMOptions,
  overrides: CompletionOverrides | undefined,
): ModelRequestSettings {
  const timeoutMs = overrides?.modelTimeoutMs ?? options.modelTimeoutMs;
  const maxRetries = overrides?.maxRetries ?? options.maxRetries;
  return {
    timeoutMs: timeoutMs === undefined ? undefined : integer('modelTimeoutMs', timeoutMs, 1),
    maxRetries: maxRetries === undefined ? undefined : integer('maxRetries', maxRetries, 0),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

function integer(key: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${key} must be an integer >= ${min}, got ${String(value)}`, {
      key,
      fix: `Set ${key} to a whole number of at least ${min}.`,
    });
  }
  return value;
}

function costCaps<K extends string | number>(
  key: string,
  caps: Readonly<Record<K, number>>,
  validName: (name: string) => boolean,
): Record<K, number> {
  for (const [name, usd] of Object.entries<number>(caps)) {
    if (!validName(name)) {
      throw new ConfigError(`${key} has an invalid entry ${JSON.stringify(name)}`, {
        key,
        fix: `Key ${key} by ${key.endsWith('Depth') ? 'depth (0, 1, 2, ...)' : 'model name'}.`,
      });
    }
    nonNegative(`${key}[${name}]`, usd);
  }
  return { ...caps };
}

function modelNames(key: string, names: readonly string[]): string[] {
  const blank = names.find((name) => typeof name !== 'string' || name.trim() === '');
  if (blank !== undefined) {
    throw new ConfigError(`${key} must list model names, got ${JSON.stringify(blank)}`, {
      key,
      fix: `List model names in ${key}, e.g. ["claude-haiku-4-5"].`,
    });
  }
  return names.map((name) => name.trim());
}

function positive(key: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ConfigError(`${key} must be a positive number, got ${String(value)}`, {
      key,
      fix: `Set ${key} to a number greater than 0.`,
    });
  }
  return value;
}

function nonNegative(key: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigError(`${key} must be a number >= 0, got ${String(value)}`, {
      key,
      fix: `Set ${key} to 0 or more.`,
    });
  }
  return value;
}

/** Limits as written into the trajectory header. */
export function limitsRecord(settings: EngineSettings): Record<string, number | null> {
  return {
    max_depth: settings.maxDepth,
    max_iterations: settings.maxIterations,
    timeout_ms: settings.timeoutMs ?? null,
    max_tokens: settings.maxTokens ?? null,
    max_cost_usd: settings.maxCostUsd ?? null,
    max_consecutive_errors: settings.maxConsecutiveErrors,
    max_sub_calls: settings.maxSubCalls ?? null,
    max_sub_call_prompt_chars: settings.maxSubCallPromptChars,
    max_concurrency: settings.maxConcurrency,
    batch_concurrency: settings.batchConcurrency,
    max_output_tokens: settings.maxOutputTokens,
    context_window: settings.contextWindow ?? null,
    ...Object.fromEntries(
      Object.entries(settings.maxCostUsdByDepth).map(([depth, usd]) => [
        `max_cost_usd_by_depth[${depth}]`,
        usd,
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(settings.maxCostUsdByModel).map(([model, usd]) => [
        `max_cost_usd_by_model[${model}]`,
        usd,
      ]),
    ),
    exec_timeout_ms: settings.execTimeoutMs,
  };
}
