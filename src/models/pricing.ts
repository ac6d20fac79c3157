/**
 * Prices in USD per million tokens. Unknown models cost null ("unknown"),
 * never 0, so a budget never silently ignores a model it cannot price.
 *
 * Checked 2026-11-24 against the providers' pricing pages as mirrored in the
 * docs corpus (platform.claude.com/docs/en/about-claude/pricing,
 * developers.openai.com/api/docs/pricing and their model pages).
 * - Anthropic cache_write is the 5-minute write price: the adapters mark
 *   cache breakpoints with the default (5 m) ephemeral cache_control.
 * - OpenAI caches automatically and charges no cache write, so cache_write
 *   equals the input price (OpenAI reports no cache-write tokens anyway).
 * - Models with prompt-length price tiers (Claude Haiku 5.5, long-context
 *   GPT tiers) are left out rather than priced wrongly; override them in config.
 */
import type { ModelPriceOverride } from '../rlm-options.js';
import type { TokenUsage } from './types.js';

/** USD per million tokens, every field filled. */
export type ModelPrice = Readonly<Required<ModelPriceOverride>>;

/** From config (`prices:`), keyed by model name; a missing cache price falls back to the input price. */
export type PriceOverrides = Readonly<Record<string, ModelPriceOverride>>;

function price(input: number, output: number, cacheRead: number, cacheWrite: number): ModelPrice {
  return Object.freeze({
    inputPerMTok: input,
    outputPerMTok: output,
    cacheReadPerMTok: cacheRead,
    cacheWritePerMTok: cacheWrite,
  });
}

/** An over-estimate for missing cache prices, never a free lunch. */
function complete(override: ModelPriceOverride): ModelPrice {
  return price(
    override.inputPerMTok,
    override.outputPerMTok,
    override.cacheReadPerMTok ?? override.inputPerMTok,
    override.cacheWritePerMTok ?? override.inputPerMTok,
  );
}

const OPUS_4_5_PLUS = price(5, 25, 0.5, 6.25);
const OPUS_4 = price(15, 75, 1.5, 18.75);
const SONNET_4 = price(3, 15, 0.3, 3.75);
const SONNET_5 = price(2, 10, 0.2, 2.5);
const GPT_5 = price(1.25, 10, 0.125, 1.25);

export const PRICE_TABLE: Readonly<Record<string, ModelPrice>> = Object.freeze({
  // The offline backend: a known price of zero, not an unknown one.
  scripted: price(0, 0, 0, 0),

  // Anthropic
  'claude-opus-5-5': price(4, 20, 0.2, 5),
  'claude-opus-5': OPUS_4_5_PLUS,
  'claude-opus-4-8': OPUS_4_5_PLUS,
  'claude-opus-4-7': OPUS_4_5_PLUS,
  'claude-opus-4-6': OPUS_4_5_PLUS,
  'claude-opus-4-5': OPUS_4_5_PLUS,
  'claude-opus-4-1': OPUS_4,
  'claude-opus-4-0': OPUS_4,
  'claude-opus-4': OPUS_4,
  // Sonnet 5.5 cache hits were cut from $0.20 to $0.10 on 2026-10-07.
  'claude-sonnet-5-5': price(2, 10, 0.1, 2.5),
  'claude-sonnet-5': SONNET_5,
  'claude-sonnet-4-6': SONNET_4,
  'claude-sonnet-4-5': SONNET_4,
  'claude-sonnet-4-0': SONNET_4,
  'claude-sonnet-4': SONNET_4,
  'claude-3-7-sonnet': SONNET_4,
  'claude-haiku-4-5': price(1, 5, 0.1, 1.25),
  'claude-3-5-haiku': price(0.8, 4, 0.08, 1),
  'claude-3-haiku': price(0.25, 1.25, 0.03, 0.3),

  // OpenAI
  'gpt-5.5': price(5, 30, 0.5, 5),
  'gpt-5.4': price(2.5, 15, 0.25, 2.5),
  'gpt-5.4-mini': price(0.75, 4.5, 0.075, 0.75),
  'gpt-5.4-nano': price(0.2, 1.25, 0.02, 0.2),
  'gpt-5.1': GPT_5,
  'gpt-5': GPT_5,
  'gpt-5-mini': price(0.25, 2, 0.025, 0.25),
  'gpt-5-nano': price(0.05, 0.4, 0.005, 0.05),
  'gpt-4.1': price(2, 8, 0.5, 2),
  'gpt-4.1-mini': price(0.4, 1.6, 0.1, 0.4),
  'gpt-4.1-nano': price(0.1, 0.4, 0.025, 0.1),
  'gpt-4o': price(2.5, 10, 1.25, 2.5),
  'gpt-4o-mini': price(0.15, 0.6, 0.075, 0.15),
  o3: price(2, 8, 0.5, 2),
  'o4-mini': price(1.1, 4.4, 0.275, 1.1),
});

/** Dated snapshots: claude-sonnet-4-5-20250929, gpt-4o-2024-08-06, and the -latest alias. */
const SNAPSHOT_SUFFIX = /-(\d{8}|\d{4}-\d{2}-\d{2}|latest)$/;

/** Names to look a model up by, most specific first: as given, without `provider/`, without a snapshot date. */
export function priceLookupNames(model: string): string[] {
  const names = [model];
  // LiteLLM routes name models "provider/model" (e.g. "anthropic/claude-sonnet-4-5").
  const slash = model.lastIndexOf('/');
  if (slash >= 0) names.push(model.slice(slash + 1));
  return names.flatMap((name) => {
    const undated = name.replace(SNAPSHOT_SUFFIX, '');
    return undated === name ? [name] : [name, undated];
  });
}

/** Price per million tokens for `model`; overrides (from config) win over the table. Null when unknown. */
export function priceFor(model: string, overrides?: PriceOverrides): ModelPrice | null {
  for (const name of priceLookupNames(model)) {
    const override = overrides?.[name];
    if (override) return complete(override);
    const known = PRICE_TABLE[name];
    if (known) return known;
  }
  return null;
}

/** Cost in USD of one call; null when the model's price is unknown. */
export function costOf(model: string, usage: TokenUsage, overrides?: PriceOverrides): number | null {
  const p = priceFor(model, overrides);
  if (!p) return null;
  return (
    (usage.inputTokens * p.inputPerMTok +
      usage.outputTokens * p.outputPerMTok +
      usage.cacheReadTokens * p.cacheReadPerMTok +
      usage.cacheWriteTokens * p.cacheWritePerMTok) /
    1_000_000
  );
}
