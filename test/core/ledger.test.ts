import { boundTokens, estimateTokens, UsageLedger, type CostFunction } from '../../src/core/ledger.js';
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

  // 300 characters (ASCII, one message): likely 100 input tokens, bound 300 + 16 = 316.
  // Likely cost $0.1 + $0.2 (100 output tokens) = $0.3; bound $0.316 + $0.2 = $0.516.
  const estimate = { model: 'm', promptChars: 300, promptBytes: 300, messages: 1, maxOutputTokens: 100 };

  it('admits a call alone on its likely cost, next to calls in flight only on its bound', () => {
    const ledger = new UsageLedger(costOf, { maxCostUsd: 1 });
    const first = ledger.reserve(estimate);
    expect(first.ok).toBe(true);
    // $0.516 reserved + $0.516 > $1: a second call does not fit next to the first.
    expect(ledger.reserve(estimate)).toMatchObject({ ok: false, limit: 'max_cost_usd' });
    if (first.ok) ledger.release(first.reservation);
    expect(ledger.reserve(estimate).ok).toBe(true);
  });

  it('makes a call wait for the calls in flight instead of refusing it, then admits it', async () => {
    const ledger = new UsageLedger(costOf, { maxCostUsd: 1 });
    const first = await ledger.admit(estimate);
    let secondOutcome: unknown = null;
    const second = ledger.admit(estimate).then((outcome) => (secondOutcome = outcome));
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondOutcome).toBeNull();
    expect(ledger.waiting).toBe(1);
    if (first.ok) ledger.settle('m', usage(100, 100), first.reservation); // $0.3 spent
    await second;
    expect(secondOutcome).toMatchObject({ ok: true, waited: true });
    expect(ledger.waiting).toBe(0);
  });

  it('refuses at once a call that cannot fit even alone', async () => {
    const ledger = new UsageLedger(costOf, { maxCostUsd: 1 });
    ledger.settle('m', usage(600, 100)); // $0.8 spent: $0.3 more does not fit
    await expect(ledger.admit(estimate)).resolves.toMatchObject({
      ok: false,
      limit: 'max_cost_usd',
      message: expect.stringContaining('cost budget exhausted') as unknown,
    });
  });

  it('keeps a fan-out of 32 within the cap plus at most one call, even when every call costs its bound', async () => {
    const cap = 3;
    const ledger = new UsageLedger(costOf, { maxCostUsd: cap });
    let inFlight = 0;
    let mostInFlight = 0;
    const results = await Promise.all(
      Array.from({ length: 32 }, async (_, index) => {
        const outcome = await ledger.admit(estimate);
        if (!outcome.ok) return outcome.limit;
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        for (let tick = 0; tick <= index % 3; tick++) await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        // The worst a provider that honours max_tokens can bill: the whole bound.
        ledger.settle('m', usage(316, 100), outcome.reservation);
        return 'sent';
      }),
    );
    const sent = results.filter((result) => result === 'sent').length;
    expect(sent).toBeGreaterThan(1);
    expect(sent).toBeLessThan(32);
    expect(results.filter((result) => result !== 'sent').every((result) => result === 'max_cost_usd')).toBe(
      true,
    );
    expect(mostInFlight).toBeGreaterThan(1);
    // Only a call admitted alone can cost more than was reserved for it: by at most bound - likely.
    expect(ledger.knownCostUsd).toBeLessThanOrEqual(cap + (0.516 - 0.3) + 1e-9);
    expect(ledger.waiting).toBe(0);
  });

  it('enforces the token cap with the same reservations', async () => {
    const ledger = new UsageLedger(costOf, { maxTokens: 1000 });
    ledger.settle('m', usage(800, 50));
    // 150 + likely 100 + 100 > 1000: refused even alone.
    expect(await ledger.admit(estimate)).toMatchObject({ ok: false, limit: 'max_tokens' });
    expect(await ledger.admit({ ...estimate, promptChars: 30, promptBytes: 30 })).toMatchObject({ ok: true });
  });

  it('admits calls of unknown price against the cost cap (they cannot be priced) but still counts tokens', () => {
    const ledger = new UsageLedger(costOf, { maxCostUsd: 0.000001, maxTokens: 1000 });
    const outcome = ledger.reserve({ ...estimate, model: 'mystery' });
    expect(outcome.ok).toBe(true);
    expect(ledger.reserve(estimate).ok).toBe(false);
  });

  it('stops waiting when the signal aborts', async () => {
    const ledger = new UsageLedger(costOf, { maxCostUsd: 1 });
    await ledger.admit(estimate);
    const controller = new AbortController();
    const waiting = ledger.admit(estimate, controller.signal);
    controller.abort(new Error('run stopped'));
    await expect(waiting).rejects.toThrow('run stopped');
    expect(ledger.waiting).toBe(0);
  });

  it('bounds input tokens by UTF-8 bytes, so non-Latin text cannot slip under the estimate', () => {
    expect(estimateTokens(4000)).toBeGreaterThanOrEqual(1000);
    expect(estimateTokens(0)).toBe(0);
    const cjk = '数据'.repeat(500); // 1000 characters, 3000 bytes: up to ~3000 tokens, likely estimate 334
    expect(boundTokens(Buffer.byteLength(cjk, 'utf8'), 1)).toBeGreaterThanOrEqual(3000);
  });
});
