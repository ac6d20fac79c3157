/**
 * `prices:` overrides the built-in price table, per model, in US dollars per
 * million tokens:
 *
 *   prices:
 *     my-finetune: { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 }
 */
import { ConfigError } from '../errors.js';
import type { ModelPriceOverride } from '../rlm-options.js';
import { describeSource, type SettingSource } from './source.js';

const PRICE_FIELDS = {
  input: 'inputPerMTok',
  output: 'outputPerMTok',
  cache_read: 'cacheReadPerMTok',
  cache_write: 'cacheWritePerMTok',
} as const;
type PriceField = keyof typeof PRICE_FIELDS;

export function parsePrices(raw: unknown, source: SettingSource): Record<string, ModelPriceOverride> {
  const where = `(from ${describeSource(source)})`;
  if (raw === null || raw === undefined) return {};
  if (!isPlainObject(raw)) {
    throw new ConfigError(`config key \`prices\`: expected a map of model name to prices ${where}`, {
      key: 'prices',
      fix: 'Write e.g. `prices: { my-model: { input: 3, output: 15 } }` (USD per million tokens).',
    });
  }
  const prices: Record<string, ModelPriceOverride> = {};
  for (const [model, entry] of Object.entries(raw)) {
    prices[model] = parseEntry(model, entry, where);
  }
  return prices;
}

function parseEntry(model: string, entry: unknown, where: string): ModelPriceOverride {
  const key = `prices.${model}`;
  if (!isPlainObject(entry)) {
    throw new ConfigError(
      `config key \`${key}\`: expected a map with input, output, cache_read, cache_write ${where}`,
      {
        key,
      },
    );
  }
  const price: Partial<Record<(typeof PRICE_FIELDS)[PriceField], number>> = {};
  for (const [field, value] of Object.entries(entry)) {
    if (!Object.hasOwn(PRICE_FIELDS, field)) {
      throw new ConfigError(
        `config key \`${key}.${field}\` is unknown ${where}; allowed: ${Object.keys(PRICE_FIELDS).join(', ')}`,
        { key: `${key}.${field}` },
      );
    }
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) {
      throw new ConfigError(
        `config key \`${key}.${field}\`: ${JSON.stringify(value)} is not a price; allowed: a number at least 0 (USD per million tokens) ${where}`,
        { key: `${key}.${field}` },
      );
    }
    price[PRICE_FIELDS[field as PriceField]] = number;
  }
  if (price.inputPerMTok === undefined || price.outputPerMTok === undefined) {
    throw new ConfigError(`config key \`${key}\`: input and output prices are required ${where}`, { key });
  }
  return { ...price, inputPerMTok: price.inputPerMTok, outputPerMTok: price.outputPerMTok };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
