import {
  consecutiveErrorLimit,
  costLimit,
  firstHit,
  iterationLimit,
  stopConditionsFor,
  subCallLimit,
  timeLimit,
  tokenLimit,
  type StopState,
} from '../../src/core/stop-conditions.js';

const idle: StopState = {
  nodeIteration: 0,
  consecutiveErrors: 0,
  totalTokens: 0,
  knownCostUsd: 0,
  subCalls: 0,
  elapsedMs: 0,
};

describe('stop conditions', () => {
  it('iterationLimit fires once the node has used its turns', () => {
    expect(iterationLimit(3)({ ...idle, nodeIteration: 2 })).toBeNull();
    expect(iterationLimit(3)({ ...idle, nodeIteration: 3 })?.limit).toBe('max_iterations');
  });

  it('consecutiveErrorLimit counts failed turns in a row', () => {
    expect(consecutiveErrorLimit(3)({ ...idle, consecutiveErrors: 2 })).toBeNull();
    expect(consecutiveErrorLimit(3)({ ...idle, consecutiveErrors: 3 })?.limit).toBe('max_consecutive_errors');
  });

  it('tokenLimit and costLimit compare totals with the cap', () => {
    expect(tokenLimit(100)({ ...idle, totalTokens: 99 })).toBeNull();
    expect(tokenLimit(100)({ ...idle, totalTokens: 100 })?.limit).toBe('max_tokens');
    expect(costLimit(0.5)({ ...idle, knownCostUsd: 0.49 })).toBeNull();
    expect(costLimit(0.5)({ ...idle, knownCostUsd: 0.5 })?.message).toContain('max_cost_usd $0.5');
  });

  it('subCallLimit fires only when code asked for more than allowed', () => {
    expect(subCallLimit(4)({ ...idle, subCalls: 4 })).toBeNull();
    expect(subCallLimit(4)({ ...idle, subCalls: 5 })?.limit).toBe('max_sub_calls');
  });

  it('timeLimit fires at the deadline', () => {
    expect(timeLimit(1000)({ ...idle, elapsedMs: 999 })).toBeNull();
    expect(timeLimit(1000)({ ...idle, elapsedMs: 1000 })?.limit).toBe('timeout');
  });

  it('firstHit reports the first condition that fires, in order', () => {
    const both = { ...idle, nodeIteration: 10, totalTokens: 1000 };
    expect(firstHit(tokenLimit(10), iterationLimit(5))(both)?.limit).toBe('max_tokens');
    expect(firstHit(iterationLimit(5), tokenLimit(10))(both)?.limit).toBe('max_iterations');
    expect(firstHit(iterationLimit(50), tokenLimit(10_000))(both)).toBeNull();
  });

  it('stopConditionsFor composes only the limits that are set, timeout first', () => {
    const condition = stopConditionsFor({ maxIterations: 30, maxConsecutiveErrors: 3 });
    expect(condition({ ...idle, totalTokens: 10 ** 9, knownCostUsd: 10 ** 6, subCalls: 10 ** 6 })).toBeNull();
    const everything = stopConditionsFor({
      maxIterations: 1,
      maxConsecutiveErrors: 1,
      maxTokens: 1,
      maxCostUsd: 1,
      maxSubCalls: 1,
      timeoutMs: 1,
    });
    const all = {
      nodeIteration: 5,
      consecutiveErrors: 5,
      totalTokens: 5,
      knownCostUsd: 5,
      subCalls: 5,
      elapsedMs: 5,
    };
    expect(everything(all)?.limit).toBe('timeout');
    expect(everything({ ...all, elapsedMs: 0 })?.limit).toBe('max_tokens');
  });
});
