import { estimateTokens, UsageLedger, type CostFunction } from '../../src/core/ledger.js';
import type { TokenUsage } from '../../src/models/types.js';

/** $1 per 1000 input tokens, $2 per 1000 output tokens; "mystery" has no price. */
const costOf: CostFunction = (model, usage) =>
  model === 'mystery' ? null : (usage.inputTokens * 1 + usage.outputTokens * 2) / 1000;

const usage = (inputTokens: number, outputTokens: number): TokenUsage => ({
  inputTokens,
  outputTokens,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
});

describe('UsageLedger', () => {
  it('accounts tokens, cost and per-model usage of settled calls', () => {
    const ledger = new UsageLedger(costOf, {});
    expect(ledger.settle('m', usage(1000, 500))).toBeCloseTo(2);
    ledger.settle('n', { ...usage(10, 10), cacheReadTokens: 7 });
    expect(ledger.totalTokens).toBe(1520);
    expect(ledger.totalCostUsd).toBeCloseTo(2.03);
    expect(ledger.totals.cacheReadTokens).toBe(7);
    expect(ledger.usageByModel.m).toEqual({ calls: 1, usage: usage(1000, 500), costUsd: 2 });
    expect(ledger.callCount).toBe(2);
  });

  it('reports the total cost as unknown once any model has no price, never as a partial sum', () => {
    const ledger = new UsageLedger(costOf, { maxCostUsd: 1 });
    ledger.settle('m', usage(100, 0));
    expect(ledger.settle('mystery', usage(100, 100))).toBeNull();
    expect(ledger.totalCostUsd).toBeNull();
    expect(ledger.knownCostUsd).toBeCloseTo(0.1);
    expect(ledger.unpricedModels).toEqual(['mystery']);
    expect(ledger.usageByModel.mystery?.costUsd).toBeNull();
  });

  it('refuses a call whose estimate does not fit next to open reservations', () => {
    // Each call: 300 chars -> 100 input tokens ($0.1) + 100 output tokens ($0.2) = $0.3 reserved.
    const ledger = new UsageLedger(costOf, { maxCostUsd: 1 });
    const estimate = { model: 'm', promptChars: 300, maxOutputTokens: 100 };
    const admitted = [1, 2, 3].map(() => ledger.reserve(estimate));
    expect(admitted.every((outcome) => outcome.ok)).toBe(true);
    const fourth = ledger.reserve(estimate);
    expect(fourth).toMatchObject({ ok: false, limit: 'max_cost_usd' });
    // Releasing one (the call failed) makes room again.
    const first = admitted[0];
    if (first?.ok) ledger.release(first.reservation);
    expect(ledger.reserve(estimate).ok).toBe(true);
  });

  it('keeps 32 concurrent reservations within the cost cap', async () => {
    const cap = 1;
    const ledger = new UsageLedger(costOf, { maxCostUsd: cap });
    const estimate = { model: 'm', promptChars: 300, maxOutputTokens: 100 };
    let sent = 0;
    const results = await Promise.all(
      Array.from({ length: 32 }, async (_, index) => {
        await new Promise((resolve) => setImmediate(resolve));
        const outcome = ledger.reserve(estimate);
        if (!outcome.ok) return 'refused';
        sent += 1;
        await new Promise((resolve) => setTimeout(resolve, index % 3));
        // Real usage at or under the estimate.
        ledger.settle('m', usage(100, 100), outcome.reservation);
        return 'sent';
      }),
    );
    expect(results.filter((result) => result === 'sent')).toHaveLength(sent);
    expect(sent).toBe(3);
    expect(ledger.knownCostUsd).toBeLessThanOrEqual(cap);
  });

  it('enforces the token cap with the same reservations', () => {
    const ledger = new UsageLedger(costOf, { maxTokens: 250 });
    const estimate = { model: 'm', promptChars: 30, maxOutputTokens: 100 }; // 10 + 100 tokens
    expect(ledger.reserve(estimate).ok).toBe(true);
    expect(ledger.reserve(estimate).ok).toBe(true);
    expect(ledger.reserve(estimate)).toMatchObject({ ok: false, limit: 'max_tokens' });
  });

  it('admits calls of unknown price against the cost cap (they cannot be priced) but still counts tokens', () => {
    const ledger = new UsageLedger(costOf, { maxCostUsd: 0.000001, maxTokens: 1000 });
    const outcome = ledger.reserve({ model: 'mystery', promptChars: 300, maxOutputTokens: 100 });
    expect(outcome.ok).toBe(true);
    expect(ledger.reserve({ model: 'm', promptChars: 300, maxOutputTokens: 100 }).ok).toBe(false);
  });

  it('estimates tokens as an upper bound of chars / 4', () => {
    expect(estimateTokens(4000)).toBeGreaterThanOrEqual(1000);
    expect(estimateTokens(0)).toBe(0);
  });
});
