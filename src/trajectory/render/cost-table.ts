import { summarize } from '../summary.js';
import type { CallRecord, Trajectory } from '../types.js';
import { escapeMarkdownInline, formatCount, formatUsd } from './format.js';

export interface CostTableRow {
  model: string;
  calls: number;
  tokens_in: number;
  tokens_out: number;
  cache_read: number;
  cache_write: number;
  /** null when any of the row's calls has an unknown price. */
  cost_usd: number | null;
}

export interface CostTable {
  /** One row per model, in order of first use. */
  rows: CostTableRow[];
  total: CostTableRow;
}

export const TOTAL_ROW_LABEL = 'Total';

function row(model: string, calls: readonly CallRecord[]): CostTableRow {
  const totals = summarize(calls);
  return {
    model,
    calls: calls.length,
    tokens_in: totals.total_tokens_in,
    tokens_out: totals.total_tokens_out,
    cache_read: totals.total_cache_read_tokens,
    cache_write: totals.total_cache_write_tokens,
    cost_usd: totals.total_cost_usd,
  };
}

export function costTable(trajectory: Pick<Trajectory, 'calls'>): CostTable {
  const byModel = new Map<string, CallRecord[]>();
  for (const call of trajectory.calls) {
    const calls = byModel.get(call.model) ?? [];
    calls.push(call);
    byModel.set(call.model, calls);
  }
  return {
    rows: [...byModel].map(([model, calls]) => row(model, calls)),
    total: row(TOTAL_ROW_LABEL, trajectory.calls),
  };
}

const HEADINGS = ['Model', 'Calls', 'Tokens in', 'Tokens out', 'Cache read', 'Cache write', 'Cost (USD)'];

function cells(entry: CostTableRow): string[] {
  return [
    formatCount(entry.calls),
    formatCount(entry.tokens_in),
    formatCount(entry.tokens_out),
    formatCount(entry.cache_read),
    formatCount(entry.cache_write),
    formatUsd(entry.cost_usd),
  ];
}

export function renderCostTableMarkdown(table: CostTable): string {
  const lines = [
    `| ${HEADINGS.join(' | ')} |`,
    `|${HEADINGS.map((_, index) => (index === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...table.rows.map(
      (entry) => `| ${[`\`${escapeBackticks(entry.model)}\``, ...cells(entry)].join(' | ')} |`,
    ),
    `| ${[`**${escapeMarkdownInline(table.total.model)}**`, ...cells(table.total).map((cell) => `**${cell}**`)].join(' | ')} |`,
  ];
  return lines.join('\n');
}

/** Aligned columns for a terminal. */
export function renderCostTableText(table: CostTable): string {
  const body = [...table.rows, table.total].map((entry) => [entry.model, ...cells(entry)]);
  const all = [HEADINGS, ...body];
  const widths = HEADINGS.map((_, column) => Math.max(...all.map((line) => (line[column] ?? '').length)));
  const format = (line: string[]): string =>
    line
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const separator = widths.map((width) => '-'.repeat(width)).join('  ');
  const lines = all.map(format);
  lines.splice(1, 0, separator);
  lines.splice(lines.length - 1, 0, separator);
  return lines.join('\n');
}

/** Inside a code span only a backtick or a line break can break out; pipes still split table cells. */
function escapeBackticks(text: string): string {
  return text.replace(/[`\r\n]/g, ' ').replace(/\|/g, '\\|');
}
