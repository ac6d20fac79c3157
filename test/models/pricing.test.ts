import { costOf, PRICE_TABLE, priceFor } from '../../src/models/index.js';
import type { TokenUsage } from '../../src/models/types.js';

const MILLION: TokenUsage = {
  inputTokens: 1_000_000,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
};

test('known models by exact name', () => {
  expect(priceFor('claude-sonnet-4-5')).toEqual({
    inputPerMTok: 3,
    outputPerMTok: 15,
    cacheReadPerMTok: 0.3,
    cacheWritePerMTok: 3.75,
  });
  expect(priceFor('gpt-4o-mini')).toMatchObject({ inputPerMTok: 0.15, outputPerMTok: 0.6 });
  expect(priceFor('o4-mini')).toMatchObject({ inputPerMTok: 1.1, outputPerMTok: 4.4 });
});

test('dated snapshots and -latest resolve to their base model', () => {
  expect(priceFor('claude-sonnet-4-5-20250929')).toBe(PRICE_TABLE['claude-sonnet-4-5']);
  expect(priceFor('claude-haiku-4-5-20251001')).toBe(PRICE_TABLE['claude-haiku-4-5']);
  expect(priceFor('claude-3-5-haiku-20241022')).toBe(PRICE_TABLE['claude-3-5-haiku']);
  expect(priceFor('claude-3-5-haiku-latest')).toBe(PRICE_TABLE['claude-3-5-haiku']);
  expect(priceFor('gpt-4o-2024-08-06')).toBe(PRICE_TABLE['gpt-4o']);
  expect(priceFor('gpt-4.1-mini-2025-04-14')).toBe(PRICE_TABLE['gpt-4.1-mini']);
});

test('a family prefix is not a snapshot: gpt-5 prices do not leak onto gpt-5-mini or unknown variants', () => {
  expect(priceFor('gpt-5-mini')).toBe(PRICE_TABLE['gpt-5-mini']);
  expect(priceFor('gpt-5-mini')).not.toEqual(priceFor('gpt-5'));
  expect(priceFor('gpt-5-turbo-preview')).toBeNull();
});

test('LiteLLM provider/model names resolve', () => {
  expect(priceFor('anthropic/claude-opus-4-5')).toBe(PRICE_TABLE['claude-opus-4-5']);
  expect(priceFor('openai/gpt-4.1')).toBe(PRICE_TABLE['gpt-4.1']);
});

test('unknown model: price and cost are null, never 0', () => {
  expect(priceFor('my-local-llama')).toBeNull();
  expect(costOf('my-local-llama', MILLION)).toBeNull();
});

test('scripted is a known zero price', () => {
  expect(
    costOf('scripted', { inputTokens: 5000, outputTokens: 5000, cacheReadTokens: 10, cacheWriteTokens: 10 }),
  ).toBe(0);
});

test('cost counts input, output, cache read and cache write at their own prices', () => {
  const usage: TokenUsage = {
    inputTokens: 2_000_000,
    outputTokens: 100_000,
    cacheReadTokens: 10_000_000,
    cacheWriteTokens: 400_000,
  };
  // claude-opus-4-5: $5 in, $25 out, $0.50 cache read, $6.25 cache write per MTok.
  expect(costOf('claude-opus-4-5', usage)).toBeCloseTo(2 * 5 + 0.1 * 25 + 10 * 0.5 + 0.4 * 6.25, 10);
  // gpt-4.1: $2 in, $8 out, $0.50 cached.
  expect(costOf('gpt-4.1', { ...usage, cacheWriteTokens: 0 })).toBeCloseTo(2 * 2 + 0.1 * 8 + 10 * 0.5, 10);
});

test('overrides win over the table, also for snapshots, and price unknown models', () => {
  const overrides = {
    'claude-sonnet-4-5': { inputPerMTok: 1, outputPerMTok: 2, cacheReadPerMTok: 0.1, cacheWritePerMTok: 1.5 },
    'my-finetune': { inputPerMTok: 4, outputPerMTok: 8 },
  };
  expect(costOf('claude-sonnet-4-5-20250929', MILLION, overrides)).toBeCloseTo(1, 10);
  expect(costOf('my-finetune', MILLION, overrides)).toBeCloseTo(4, 10);
  expect(costOf('gpt-4o', MILLION, overrides)).toBeCloseTo(2.5, 10);
});

test('an override without cache prices charges cache tokens at the input price', () => {
  const overrides = { 'my-finetune': { inputPerMTok: 4, outputPerMTok: 8 } };
  expect(priceFor('my-finetune', overrides)).toEqual({
    inputPerMTok: 4,
    outputPerMTok: 8,
    cacheReadPerMTok: 4,
    cacheWritePerMTok: 4,
  });
  expect(
    costOf(
      'my-finetune',
      { inputTokens: 0, outputTokens: 0, cacheReadTokens: 1_000_000, cacheWriteTokens: 1_000_000 },
      overrides,
    ),
  ).toBeCloseTo(8, 10);
});

test('every table entry is a complete, non-negative price', () => {
  for (const [model, price] of Object.entries(PRICE_TABLE)) {
    for (const value of Object.values(price)) {
      expect({ model, ok: Number.isFinite(value) && value >= 0 }).toEqual({ model, ok: true });
    }
  }
});
