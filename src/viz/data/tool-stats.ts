/**
 * The tools view: every host function the model's code used, with how often, how reliably and how fast.
 *
 * Sub-model calls are recorded one by one, so llm_query figures are exact (one row per call, its own error
 * and latency), and so are rlm_query figures (one per child RLM node, its span and outcome). Registered and
 * MCP tools are recorded per code block (`tools_used`), so their figures are per code block that called
 * them: the block's status and duration.
 */
import type { CallRecord, Trajectory } from '../../trajectory/types.js';

export interface ToolStat {
  name: string;
  /** 'call' = one per invocation; 'block' = one per code block that used it. */
  counted_per: 'call' | 'block';
  count: number;
  succeeded: number;
  /** succeeded / count, 0..1. */
  success_rate: number;
  mean_latency_ms: number;
}

const SUB_CALL_TOOLS = new Set(['llm_query', 'llm_query_batched', 'rlm_query', 'rlm_query_batched']);

export function toolStats(trajectory: Pick<Trajectory, 'calls'>): ToolStat[] {
  const stats: ToolStat[] = [];
  const llm = trajectory.calls.filter((call) => call.kind === 'llm_query');
  if (llm.length > 0) {
    stats.push(
      stat(
        'llm_query',
        'call',
        llm.map((call) => ({ ok: call.error === null, ms: call.latency_ms })),
      ),
    );
  }
  const children = childNodes(trajectory.calls);
  if (children.length > 0) stats.push(stat('rlm_query', 'call', children));

  const blocks = new Map<string, Array<{ ok: boolean; ms: number }>>();
  for (const call of trajectory.calls) {
    for (const execution of call.executions) {
      const used = execution.tools_used ?? (call.executions.length === 1 ? call.tools_used : []);
      for (const name of new Set(used)) {
        if (SUB_CALL_TOOLS.has(name)) continue;
        const list = blocks.get(name) ?? [];
        list.push({ ok: execution.status === 'ok' && execution.error === null, ms: execution.duration_ms });
        blocks.set(name, list);
      }
    }
  }
  for (const [name, samples] of [...blocks].sort(([a], [b]) => a.localeCompare(b))) {
    stats.push(stat(name, 'block', samples));
  }
  return stats;
}

/** One sample per child RLM node: its span from the first turn's start to the last turn's end. */
function childNodes(calls: readonly CallRecord[]): Array<{ ok: boolean; ms: number }> {
  const nodes = new Map<string, CallRecord[]>();
  for (const call of calls) {
    if (call.kind !== 'root' || call.depth === 0) continue;
    const list = nodes.get(call.node_id) ?? [];
    list.push(call);
    nodes.set(call.node_id, list);
  }
  return [...nodes.values()].map((turns) => {
    const starts = turns.map((turn) => Date.parse(turn.start_time) || 0);
    const ends = turns.map((turn, index) => (starts[index] ?? 0) + turn.latency_ms);
    const first = starts.reduce((min, value) => Math.min(min, value), Infinity);
    const last = ends.reduce((max, value) => Math.max(max, value), -Infinity);
    return { ok: turns.every((turn) => turn.error === null), ms: Math.max(0, last - first) };
  });
}

function stat(
  name: string,
  countedPer: ToolStat['counted_per'],
  samples: ReadonlyArray<{ ok: boolean; ms: number }>,
): ToolStat {
  const succeeded = samples.filter((sample) => sample.ok).length;
  const total = samples.reduce((sum, sample) => sum + sample.ms, 0);
  return {
    name,
    counted_per: countedPer,
    count: samples.length,
    succeeded,
    success_rate: samples.length === 0 ? 0 : succeeded / samples.length,
    mean_latency_ms: samples.length === 0 ? 0 : total / samples.length,
  };
}
