import type { CallRecord, CodeExecutionRecord, Trajectory } from '../types.js';
import { excerpt, formatCount, formatDuration, formatUsd, plural } from './format.js';

export interface CallTreeNode {
  call: CallRecord;
  /** Calls made by this call's code (llm_query sub-calls and the iterations of child RLMs), in order. */
  children: CallTreeNode[];
}

/**
 * The recursion as a forest: calls whose parent_id names a recorded call nest under it; the rest (depth-0
 * iterations, or calls whose parent was never recorded because the run died) are top-level, in order.
 */
export function callTree(trajectory: Pick<Trajectory, 'calls'>): CallTreeNode[] {
  const nodes = new Map<string, CallTreeNode>();
  for (const call of trajectory.calls) {
    if (!nodes.has(call.call_id)) nodes.set(call.call_id, { call, children: [] });
  }
  const roots: CallTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.call.parent_id === null ? undefined : nodes.get(node.call.parent_id);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  // A parent_id cycle would leave its calls unreachable from the roots; surface them rather than lose them.
  const reachable = new Set<CallTreeNode>();
  const visit = (node: CallTreeNode): void => {
    if (reachable.has(node)) return;
    reachable.add(node);
    node.children.forEach(visit);
  };
  roots.forEach(visit);
  for (const node of nodes.values()) {
    if (!reachable.has(node)) {
      roots.push(node);
      visit(node);
    }
  }
  return roots;
}

export function executionFailed(execution: CodeExecutionRecord): boolean {
  return execution.error !== null || execution.status !== 'ok';
}

/** The call's own error plus each code block that failed. */
export function callErrors(call: CallRecord): string[] {
  const errors = call.error === null ? [] : [call.error];
  for (const execution of call.executions) {
    if (executionFailed(execution))
      errors.push(execution.error ?? `code block ${execution.block_index}: ${execution.status}`);
  }
  return errors;
}

/** One line describing a call: what, where, how much, how long, what went wrong. */
export function describeCall(call: CallRecord): string {
  const where =
    call.kind === 'root' ? `${call.node_id} iteration ${call.iteration}` : `${call.node_id} sub-call`;
  const parts = [
    `${call.kind} ${where}`,
    call.model,
    // "~": the provider never reported part of this usage (a cut or aborted attempt), so it is an estimate.
    `${call.usage_estimated === true ? '~' : ''}${formatCount(call.tokens_in)} in / ${formatCount(call.tokens_out)} out tokens`,
    formatUsd(call.cost_usd),
    formatDuration(call.latency_ms),
  ];
  const retries = retrySummary(call);
  if (retries !== null) parts.push(retries);
  if (call.executions.length > 0) parts.push(plural(call.executions.length, 'code block'));
  const errors = callErrors(call);
  if (errors.length > 0) parts.push(`${plural(errors.length, 'error')}: ${excerpt(errors[0] ?? '', 80)}`);
  return parts.join(' · ');
}

/** "3 attempts, waited 1.5 s: HTTP 529 overloaded_error", or null for a call that took one attempt. */
export function retrySummary(call: CallRecord): string | null {
  const attempts = call.attempts ?? 1;
  if (attempts <= 1) return null;
  const failed = call.failed_attempts ?? [];
  const waited = failed.reduce((sum, attempt) => sum + (attempt.wait_ms ?? 0), 0);
  const causes = [...new Set(failed.map((attempt) => attempt.error))].join(', ');
  return `${attempts} attempts, waited ${formatDuration(waited)}${causes === '' ? '' : `: ${excerpt(causes, 80)}`}`;
}

/** Indented tree for terminals and markdown code blocks. */
export function renderCallTreeText(tree: readonly CallTreeNode[]): string {
  const lines: string[] = [];
  const walk = (nodes: readonly CallTreeNode[], prefix: string, nested: boolean): void => {
    nodes.forEach((node, index) => {
      const last = index === nodes.length - 1;
      const branch = nested ? (last ? '└─ ' : '├─ ') : '';
      lines.push(`${prefix}${branch}${describeCall(node.call)}`);
      const childPrefix = nested ? `${prefix}${last ? '   ' : '│  '}` : prefix;
      walk(node.children, childPrefix, true);
    });
  };
  walk(tree, '', false);
  return lines.length > 0 ? lines.join('\n') : '(no model calls)';
}
