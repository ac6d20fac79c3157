/**
 * The timing view's geometry: each call as a span on the wall clock, concurrent calls in separate lanes
 * (side by side), the critical path, and the slowest calls.
 */
import type { CallRecord } from '../../trajectory/types.js';

export interface TimelineSpan {
  /** Index into the trajectory's calls. */
  index: number;
  call_id: string;
  depth: number;
  /** Milliseconds from the earliest call's start. */
  start: number;
  end: number;
  lane: number;
  critical: boolean;
  slow: boolean;
}

export interface Timeline {
  spans: TimelineSpan[];
  lanes: number;
  /** From the earliest start to the latest end, in ms (at least 1, so scales never divide by zero). */
  total_ms: number;
  /** The calls on the critical path, in time order. */
  critical_path: string[];
}

/** How many of the longest calls are marked slow. */
export const SLOWEST_COUNT = 5;

/**
 * Lanes are assigned greedily in start order (interval partitioning): a call goes into the lowest lane
 * that is free when it starts, so calls that overlapped in time never share a lane.
 */
export function buildTimeline(calls: readonly CallRecord[]): Timeline {
  const starts = calls.map((call) => Date.parse(call.start_time));
  const valid = starts.filter((value) => !Number.isNaN(value));
  const origin = valid.reduce((min, value) => Math.min(min, value), valid[0] ?? 0);
  const raw = calls.map((call, index) => {
    const started = starts[index] ?? NaN;
    const start = Math.max(0, (Number.isNaN(started) ? origin : started) - origin);
    return { index, call, start, end: start + Math.max(0, call.latency_ms) };
  });
  const order = [...raw].sort((a, b) => a.start - b.start || a.index - b.index);
  const laneEnds: number[] = [];
  const lanes = new Map<number, number>();
  for (const item of order) {
    let lane = laneEnds.findIndex((end) => end <= item.start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(item.end);
    } else laneEnds[lane] = item.end;
    lanes.set(item.index, lane);
  }
  const critical = criticalPath(raw.map(({ call, end }) => ({ call, end })));
  const slowest = new Set(
    [...raw]
      .sort((a, b) => b.end - b.start - (a.end - a.start) || a.index - b.index)
      .slice(0, SLOWEST_COUNT)
      .map((item) => item.index),
  );
  const spans = raw.map(({ index, call, start, end }) => ({
    index,
    call_id: call.call_id,
    depth: call.depth,
    start,
    end,
    lane: lanes.get(index) ?? 0,
    critical: critical.has(call.call_id),
    slow: slowest.has(index),
  }));
  const total = spans.reduce((max, span) => Math.max(max, span.end), 1);
  return {
    spans,
    lanes: laneEnds.length,
    total_ms: total,
    critical_path: spans
      .filter((span) => span.critical)
      .sort((a, b) => a.start - b.start)
      .map((span) => span.call_id),
  };
}

/**
 * What the run waited for: the top-level calls run one after another, so all are on it. Below a call on
 * the path, its children group into child RLMs (all iterations of one node, which run in sequence) and
 * single llm_query calls; the group that ended last is what the code waited for, and so on down.
 */
function criticalPath(items: ReadonlyArray<{ call: CallRecord; end: number }>): Set<string> {
  type Item = { call: CallRecord; end: number };
  const ids = new Set(items.map((item) => item.call.call_id));
  const children = new Map<string, Item[]>();
  const roots: Item[] = [];
  for (const item of items) {
    const parent = item.call.parent_id;
    if (parent === null || !ids.has(parent) || parent === item.call.call_id) roots.push(item);
    else {
      const list = children.get(parent);
      if (list) list.push(item);
      else children.set(parent, [item]);
    }
  }
  const path = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined || path.has(item.call.call_id)) continue;
    path.add(item.call.call_id);
    const groups = new Map<string, Item[]>();
    for (const kid of children.get(item.call.call_id) ?? []) {
      const key = kid.call.kind === 'root' ? `node:${kid.call.node_id}` : `call:${kid.call.call_id}`;
      const group = groups.get(key);
      if (group) group.push(kid);
      else groups.set(key, [kid]);
    }
    let latest: Item[] = [];
    let latestEnd = -Infinity;
    for (const group of groups.values()) {
      const end = group.reduce((max, kid) => Math.max(max, kid.end), -Infinity);
      if (end > latestEnd) {
        latest = group;
        latestEnd = end;
      }
    }
    stack.push(...latest);
  }
  return path;
}
