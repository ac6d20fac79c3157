/**
 * One RLM node: the root (depth 0) or a child started by rlm_query. It owns a
 * REPL namespace and a conversation; host calls made by its code find it
 * through the namespace name.
 */
import type { Semaphore } from './semaphore.js';

export interface NodeState {
  id: string;
  depth: number;
  namespace: string;
  /** The call that started this node (the parent's turn that ran rlm_query); null for the root. */
  parentCallId: string | null;
  /** The turn whose code is running now: sub-calls made by that code hang under it in the tree. */
  currentCallId: string | null;
  /** True when rlm_query from this node starts a child RLM. */
  canRecurse: boolean;
  childCount: number;
  /** Turns this node has started, the one that failed included: what "N iterations" reports, also on failure. */
  iterationsStarted: number;
  /** Host functions called by the block running now (first-use order); reset before each block. */
  toolsUsed: Set<string>;
  /** Per-batch concurrency caps of this node's batched calls, keyed by the batch number Python sends. */
  batches: Map<number, Semaphore>;
}

export function createNode(
  id: string,
  depth: number,
  parentCallId: string | null,
  maxDepth: number,
): NodeState {
  return {
    id,
    depth,
    namespace: id,
    parentCallId,
    currentCallId: null,
    canRecurse: depth + 1 < maxDepth,
    childCount: 0,
    iterationsStarted: 0,
    toolsUsed: new Set(),
    batches: new Map(),
  };
}

export function childNodeId(parent: NodeState): string {
  parent.childCount += 1;
  return `${parent.id}.${parent.childCount}`;
}
