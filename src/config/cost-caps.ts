/**
 * `max_cost_usd_by_depth:` and `max_cost_usd_by_model:` cap part of a run's
 * spending, in US dollars (see docs/engine.md "Budget"):
 *
 *   max_cost_usd_by_depth: { 1: 0.5, 2: 0.2 }
 *   max_cost_usd_by_model: { claude-opus-5-5: 1 }
 *
 * Maps, like `prices:`, so they live beside the scalar key table.
 */
import { ConfigError } from '../errors.js';
import { isPlainObject } from './prices.js';
import { describeSource, type SettingSource } from './source.js';

export const COST_CAP_KEYS = ['max_cost_usd_by_depth', 'max_cost_usd_by_model'] as const;
export type CostCapKey = (typeof COST_CAP_KEYS)[number];

export function isCostCapKey(name: string): name is CostCapKey {
  return (COST_CAP_KEYS as readonly string[]).includes(name);
}

/** A map of depth (0, 1, 2, ...) or model name to USD; strings are parsed (flags and inputs arrive as text). */
export function parseCostCaps(key: CostCapKey, raw: unknown, source: SettingSource): Record<string, number> {
  const where = `(from ${describeSource(source)})`;
  const example = key === 'max_cost_usd_by_depth' ? '{ 1: 0.5, 2: 0.2 }' : '{ claude-opus-5-5: 1 }';
  const parsed = typeof raw === 'string' ? parseJson(raw) : raw;
  if (raw === null || raw === undefined) return {};
  if (!isPlainObject(parsed)) {
    throw new ConfigError(`config key \`${key}\`: expected a map, e.g. ${example} ${where}`, {
      key,
      fix: `Write e.g. \`${key}: ${example}\` (US dollars).`,
    });
  }
  const caps: Record<string, number> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (key === 'max_cost_usd_by_depth' && !/^\d+$/.test(name)) {
      throw new ConfigError(
        `config key \`${key}.${name}\`: ${JSON.stringify(name)} is not a depth ${where}`,
        {
          key: `${key}.${name}`,
          fix: 'Key it by depth: 0 is the root, 1 its sub-calls, and so on.',
        },
      );
    }
    const usd = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof usd !== 'number' || !Number.isFinite(usd) || usd < 0) {
      throw new ConfigError(
        `config key \`${key}.${name}\`: ${JSON.stringify(value)} is not an amount; allowed: a number at least 0 (US dollars) ${where}`,
        { key: `${key}.${name}` },
      );
    }
    caps[name] = usd;
  }
  return caps;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
