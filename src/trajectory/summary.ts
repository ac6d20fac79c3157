/** Run totals derived from the calls; the one place they are computed (writer, reader, renderers). */
export interface TrajectoryTotals {
  total_tokens_in: number;
  total_tokens_out: number;
  total_cache_read_tokens: number;
  total_cache_write_tokens: number;
  /** tokens_in + tokens_out; cache tokens are reported separately. */
  total_tokens: number;
  /** null as soon as one call's cost is unknown: a partial sum would understate the bill. */
  total_cost_usd: number | null;
}

export interface UsageLike {
  tokens_in: number;
  tokens_out: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cost_usd: number | null;
}

export function summarize(calls: readonly UsageLike[]): TrajectoryTotals {
  let tokensIn = 0;
  let tokensOut = 0;
  let cacheRead = 0;
  let cacheWrite = 0;
  let cost: number | null = 0;
  for (const call of calls) {
    tokensIn += call.tokens_in;
    tokensOut += call.tokens_out;
    cacheRead += call.cache_read_tokens;
    cacheWrite += call.cache_write_tokens;
    cost = cost === null || call.cost_usd === null ? null : cost + call.cost_usd;
  }
  return {
    total_tokens_in: tokensIn,
    total_tokens_out: tokensOut,
    total_cache_read_tokens: cacheRead,
    total_cache_write_tokens: cacheWrite,
    total_tokens: tokensIn + tokensOut,
    total_cost_usd: cost === null ? null : roundUsd(cost),
  };
}

/** Float sums of many small prices drift (0.1 + 0.2); a millionth of a cent is below any price's precision. */
export function roundUsd(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}
