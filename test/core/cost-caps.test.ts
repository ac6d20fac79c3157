import { costCapLimit, costCapsFor, depthCostCap, modelCostCap } from '../../src/core/cost-caps.js';
import { UsageLedger, type CostFunction } from '../../src/core/ledger.js';
import { stopConditionsFor, type StopState } from '../../src/core/stop-conditions.js';
import type { TokenUsage } from '../../src/models/types.js';

/** $1 per 1000 input tokens, $2 per 1000 output tokens. */
const costOf: CostFunction = (_model, usage) => (usage.inputTokens * 1 + usage.outputTokens * 2) / 1000;
const usage = (inputTokens: number, outputTokens: number): TokenUsage => ({
  inputTokens,
  outputTokens,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
});
// Likely $0.1 input + $0.2 output = $0.3; bound $0.516 (see ledger.test.ts).
const call = (depth: number, model = 'm') => ({
  model,
  depth,
  promptChars: 300,
  promptBytes: 300,
  messages: 1,
  maxOutputTokens: 100,
});

describe('cost caps in the ledger', () => {
  it('refuses a call at a capped depth once that depth has spent its share, naming the cap; other depths go on', () => {
    const ledger = new UsageLedger(costOf, { maxCostUsd: 10, costCaps: [depthCostCap(2, 0.8)] });
    for (let i = 0; i < 2; i++) {
      const admitted = ledger.reserve(call(2));
      if (!admitted.ok) throw new Error(admitted.message);
      ledger.settle('m', usage(100, 100), admitted.reservation);
    }
    expect(ledger.capSpent('depth:2')).toBeCloseTo(0.6);

    const refused = ledger.reserve(call(2));
    expect(refused).toEqual({
      ok: false,
      limit: 'max_cost_usd_by_depth',
      message:
        'max_cost_usd_by_depth[2] ($0.8) exhausted: $0.600000 spent at depth 2 + ~$0.300000 for this call > $0.8',
    });
    expect(ledger.reserve(call(1)).ok).toBe(true);
    expect(ledger.reserve(call(0)).ok).toBe(true);
  });

  it('holds a parallel fan-out at a capped depth to what fits next to the calls in flight', async () => {
    const ledger = new UsageLedger(costOf, { costCaps: [depthCostCap(2, 1.1)] });
    // Bound $0.516 each: two fit next to each other, a third must wait for them to settle.
    const first = ledger.reserve(call(2));
    const second = ledger.reserve(call(2));
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(ledger.reserve(call(2))).toMatchObject({ ok: false, limit: 'max_cost_usd_by_depth' });
    const third = ledger.admit(call(2));
    expect(ledger.waiting).toBe(1);
    if (!first.ok || !second.ok) throw new Error('not admitted');
    ledger.settle('m', usage(100, 100), first.reservation);
    ledger.settle('m', usage(100, 100), second.reservation);
    // $0.6 spent + ~$0.3 likely fits under $1.1 once alone.
    await expect(third).resolves.toMatchObject({ ok: true });
  });

  it('caps a model across depths and leaves other models alone', () => {
    const ledger = new UsageLedger(costOf, { costCaps: [modelCostCap('opus', 0.5)] });
    const first = ledger.reserve(call(0, 'opus'));
    if (!first.ok) throw new Error(first.message);
    ledger.settle('opus', usage(100, 100), first.reservation);
    expect(ledger.reserve(call(1, 'opus'))).toMatchObject({
      ok: false,
      limit: 'max_cost_usd_by_model',
      message: expect.stringContaining('max_cost_usd_by_model[opus] ($0.5) exhausted'),
    });
    expect(ledger.reserve(call(1, 'haiku')).ok).toBe(true);
  });
});

describe('cost caps as stop conditions', () => {
  const idle: StopState = {
    nodeIteration: 0,
    consecutiveErrors: 0,
    totalTokens: 0,
    knownCostUsd: 0,
    subCalls: 0,
    elapsedMs: 0,
  };
  const caps = costCapsFor({ maxCostUsdByDepth: { 1: 0.5 }, maxCostUsdByModel: { opus: 2 } });
  const spent = (amounts: Record<string, number>) => (key: string) => amounts[key] ?? 0;

  it('stop a node whose depth or model has spent its cap, naming the cap', () => {
    const stop = costCapLimit(caps);
    expect(stop({ ...idle, scope: { depth: 1, model: 'm' }, spentUsd: spent({ 'depth:1': 0.5 }) })).toEqual({
      limit: 'max_cost_usd_by_depth',
      message: 'spent $0.500000 at depth 1 (max_cost_usd_by_depth[1] ($0.5))',
    });
    expect(
      stop({ ...idle, scope: { depth: 0, model: 'opus' }, spentUsd: spent({ 'model:opus': 2 }) })?.limit,
    ).toBe('max_cost_usd_by_model');
  });

  it('leave nodes they do not cover, and states without a scope, alone', () => {
    const stop = stopConditionsFor({ maxIterations: 30, maxConsecutiveErrors: 3, costCaps: caps });
    expect(stop({ ...idle, scope: { depth: 0, model: 'm' }, spentUsd: spent({ 'depth:1': 9 }) })).toBeNull();
    expect(stop({ ...idle })).toBeNull();
  });
});
