/**
 * The call tree as a Mermaid flowchart for GitHub (job summary, PR comment), which renders ```mermaid
 * blocks. Bounded: at most `maxNodes` calls are drawn (breadth-first, so the shape of the top levels is
 * kept) and the rest are folded into one "+N more" node per parent; the text stays far under GitHub's
 * limits (65,536 characters per comment, Mermaid's 50,000-character and 500-edge defaults). Labels are
 * built from our own fields and reduced to a safe alphabet, every other character written as a Mermaid
 * entity code, so model or user text cannot close a label, add nodes, inject links or break the fence.
 */
import type { Trajectory } from '../types.js';
import { callTree, callErrors, type CallTreeNode } from './call-tree.js';
import { formatCount, formatDuration, formatUsd } from './format.js';

export interface MermaidOptions {
  /** Calls drawn; default 40. */
  maxNodes?: number;
  /** Characters of the model name kept in a label; default 40. */
  maxLabelChars?: number;
}

export const DEFAULT_MERMAID_NODES = 40;
/** Hard ceiling whatever is asked: keeps edges well under Mermaid's 500. */
export const MAX_MERMAID_NODES = 200;

/** Letters, digits and a few punctuation marks pass; anything else becomes `#<code>;`. */
export function escapeMermaidLabel(text: string): string {
  let out = '';
  for (const char of text) {
    out += /[A-Za-z0-9 .,:$/_+-]/.test(char) ? char : `#${char.codePointAt(0) ?? 63};`;
  }
  return out;
}

function label(node: CallTreeNode, maxChars: number): string {
  const call = node.call;
  const what = call.kind === 'root' ? `${call.node_id} iter ${call.iteration}` : `${call.node_id} llm_query`;
  const model = call.model.length > maxChars ? `${call.model.slice(0, maxChars)}…` : call.model;
  const failed = callErrors(call).length > 0 ? ' · failed' : '';
  return escapeMermaidLabel(
    `${what} · ${model} · ${formatCount(call.tokens_in + call.tokens_out)} tok · ${formatUsd(call.cost_usd)} · ${formatDuration(call.latency_ms)}${failed}`,
  );
}

/** The flowchart text (without the fence). */
export function renderCallTreeMermaid(
  trajectory: Pick<Trajectory, 'calls'>,
  options: MermaidOptions = {},
): string {
  const maxNodes = Math.max(1, Math.min(options.maxNodes ?? DEFAULT_MERMAID_NODES, MAX_MERMAID_NODES));
  const maxChars = options.maxLabelChars ?? 40;
  const lines = ['flowchart TD'];
  const classes: string[] = [];
  let drawn = 0;
  let folds = 0;
  const ids = new Map<CallTreeNode, string>();
  const queue: Array<{ node: CallTreeNode; parent: string | null }> = callTree(trajectory).map((node) => ({
    node,
    parent: null,
  }));
  const skipped = new Map<string, number>();
  let previousRoot: string | null = null;
  while (queue.length > 0) {
    const item = queue.shift();
    if (!item) break;
    const parentKey = item.parent ?? '__top__';
    if (drawn >= maxNodes) {
      skipped.set(parentKey, (skipped.get(parentKey) ?? 0) + 1 + countDescendants(item.node));
      continue;
    }
    drawn += 1;
    const id = `n${drawn}`;
    ids.set(item.node, id);
    lines.push(`  ${id}["${label(item.node, maxChars)}"]`);
    if (item.parent !== null) lines.push(`  ${item.parent} --> ${id}`);
    else {
      // Top-level iterations follow one another.
      if (previousRoot !== null) lines.push(`  ${previousRoot} -.-> ${id}`);
      previousRoot = id;
    }
    classes.push(`  class ${id} d${Math.min(item.node.call.depth, 3)}`);
    if (callErrors(item.node.call).length > 0) classes.push(`  class ${id} failed`);
    for (const child of item.node.children) queue.push({ node: child, parent: id });
  }
  for (const [parent, count] of skipped) {
    folds += 1;
    const id = `more${folds}`;
    lines.push(`  ${id}["${escapeMermaidLabel(`+${formatCount(count)} more calls`)}"]`);
    lines.push(parent === '__top__' ? `  ${previousRoot ?? id} -.-> ${id}` : `  ${parent} --> ${id}`);
    classes.push(`  class ${id} more`);
  }
  if (drawn === 0) return 'flowchart TD\n  empty["no model calls"]';
  return [
    ...lines,
    '  classDef d0 fill:#ddf4ff,stroke:#0969da',
    '  classDef d1 fill:#fbefff,stroke:#8250df',
    '  classDef d2 fill:#ffeff7,stroke:#bf3989',
    '  classDef d3 fill:#fff1e5,stroke:#bc4c00',
    '  classDef failed stroke:#cf222e,stroke-width:3px',
    '  classDef more fill:#f6f8fa,stroke:#d0d7de,stroke-dasharray:3',
    ...classes,
  ].join('\n');
}

function countDescendants(node: CallTreeNode): number {
  let count = 0;
  const stack = [...node.children];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next) break;
    count += 1;
    stack.push(...next.children);
  }
  return count;
}

/** The fenced block for markdown. */
export function callTreeMermaidBlock(
  trajectory: Pick<Trajectory, 'calls'>,
  options: MermaidOptions = {},
): string {
  return `\`\`\`mermaid\n${renderCallTreeMermaid(trajectory, options)}\n\`\`\``;
}
