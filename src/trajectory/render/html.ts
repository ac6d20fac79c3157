import type { Redactor } from '../redactor.js';
import type { CallRecord, CodeExecutionRecord, Trajectory } from '../types.js';
import { callTree, describeCall, executionFailed, type CallTreeNode } from './call-tree.js';
import { costTable, type CostTableRow } from './cost-table.js';
import { escapeHtml, formatCount, formatDuration, formatUsd, truncateMiddle } from './format.js';
import { headerFacts } from './header-facts.js';
import { renderPage } from '../../viz/page-html.js';
import { renderOutputsHtml } from './outputs.js';

export interface HtmlOptions {
  /** Longer fields keep head and tail with a note. Default 20000 (a file, not a comment). */
  maxCharsPerField?: number;
  redactor?: Redactor;
  /** Bytes of image outputs by path, shown inline (load them with loadOutputImages). */
  images?: ReadonlyMap<string, Buffer>;
  /** Dashboard only: where the page polls for a run in progress (same origin). */
  liveUrl?: string;
}

export const DEFAULT_HTML_MAX_CHARS_PER_FIELD = 20_000;
/**
 * The static part (readable with scripts off) lists at most this many calls in full: past that, a page
 * of tens of thousands of folded sections takes many seconds to lay out, and the interactive tree above
 * holds every call anyway.
 */
export const MAX_STATIC_CALLS = 500;

/**
 * One self-contained page: the interactive views (call tree, tokens and cost, timing, tools, export and
 * import; see src/viz/page/) above the static report (answer, cost table, call tree, every call), which
 * reads the same with scripts off. Inline style and script allowed by hash, no network source, every
 * value escaped or embedded as inert JSON.
 */
export function renderTrajectoryHtml(input: Trajectory, options: HtmlOptions = {}): string {
  const trajectory = options.redactor ? options.redactor.redactDeep(input) : input;
  const maxChars = options.maxCharsPerField ?? DEFAULT_HTML_MAX_CHARS_PER_FIELD;
  const block = (label: string, text: string, open = false): string =>
    foldedBlock(label, text, maxChars, open);
  const statusClass = trajectory.success && !trajectory.incomplete ? 'ok' : 'bad';
  const table = costTable(trajectory);

  const header = `<h1>RLM run <code>${escapeHtml(trajectory.trajectory_id)}</code> <span class="${statusClass}">${trajectory.success ? '✔' : '✘'}</span></h1>
${block('Task', trajectory.task, true)}
<table class="facts">
${headerFacts(trajectory)
  .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
  .join('\n')}
</table>`;
  const report = `<h2>Final answer</h2>
${trajectory.final_answer === null ? '<p class="note">No answer was produced.</p>' : `<pre class="answer">${escapeHtml(truncateMiddle(trajectory.final_answer, maxChars).text)}</pre>`}
${outputsSection(trajectory, options.images)}<h2>Cost</h2>
${costTableHtml([...table.rows], table.total)}
<h2>Call tree</h2>
<div class="tree">${trajectory.calls.length <= MAX_STATIC_CALLS ? treeHtml(callTree(trajectory)) : '<p class="note">Too many calls for the static tree; see the interactive call tree above.</p>'}</div>
<h2>Calls</h2>
${block('System prompt', trajectory.system_prompt)}
${trajectory.calls
  .slice(0, MAX_STATIC_CALLS)
  .map((call, index) => callHtml(call, index, block))
  .join('\n')}
${trajectory.calls.length > MAX_STATIC_CALLS ? `<p class="note">The first ${formatCount(MAX_STATIC_CALLS)} of ${formatCount(trajectory.calls.length)} calls are shown here; the call tree above shows every call.</p>` : ''}`;
  return renderPage({
    title: `RLM run ${trajectory.trajectory_id}`,
    headerHtml: header,
    staticHtml: report,
    data: { view: 'run', trajectory, live_url: options.liveUrl ?? null },
    allowSameOriginFetch: options.liveUrl !== undefined,
    // Image outputs are inline data: URIs; the policy admits those and still nothing from the network.
    allowDataImages: (options.images?.size ?? 0) > 0,
  });
}

function outputsSection(trajectory: Trajectory, images: ReadonlyMap<string, Buffer> | undefined): string {
  const body = renderOutputsHtml(trajectory, images);
  return body === '' ? '' : `<h2>Outputs</h2>\n${body}\n`;
}

function costTableHtml(rows: CostTableRow[], total: CostTableRow): string {
  const head = ['Model', 'Calls', 'Tokens in', 'Tokens out', 'Cache read', 'Cache write', 'Cost (USD)']
    .map((heading, index) => `<th${index > 0 ? ' class="num"' : ''}>${heading}</th>`)
    .join('');
  const line = (entry: CostTableRow, className = ''): string => {
    const numbers = [entry.calls, entry.tokens_in, entry.tokens_out, entry.cache_read, entry.cache_write]
      .map((value) => `<td class="num">${formatCount(value)}</td>`)
      .join('');
    return `<tr${className ? ` class="${className}"` : ''}><td>${escapeHtml(entry.model)}</td>${numbers}<td class="num">${escapeHtml(formatUsd(entry.cost_usd))}</td></tr>`;
  };
  return `<table class="cost"><thead><tr>${head}</tr></thead><tbody>\n${rows.map((entry) => line(entry)).join('\n')}\n${line(total, 'total')}\n</tbody></table>`;
}

function treeHtml(nodes: readonly CallTreeNode[]): string {
  if (nodes.length === 0) return '<p class="note">No model calls.</p>';
  const items = nodes
    .map((node) => {
      const children = node.children.length > 0 ? treeHtml(node.children) : '';
      return `<li><a href="#call-${escapeHtml(anchor(node.call.call_id))}">${escapeHtml(describeCall(node.call))}</a>${children}</li>`;
    })
    .join('');
  return `<ul>${items}</ul>`;
}

type BlockRenderer = (label: string, text: string, open?: boolean) => string;

function callHtml(call: CallRecord, index: number, block: BlockRenderer): string {
  const origin = call.parent_id === null ? '' : `, made by ${call.parent_id}`;
  const tools = call.tools_used.length > 0 ? `, used ${call.tools_used.join(', ')}` : '';
  const parts = [
    `<h3>${index + 1}. ${escapeHtml(describeCall(call))}</h3>`,
    `<p class="note">${escapeHtml(`Call ${call.call_id}${origin}, depth ${call.depth}, started ${call.start_time}${tools}`)}</p>`,
    block('Prompt', call.prompt),
    block('Response', call.response),
  ];
  if (call.error !== null) parts.push(block('Error', call.error, true));
  for (const execution of call.executions) parts.push(executionHtml(execution, block));
  return `<section class="call" id="call-${escapeHtml(anchor(call.call_id))}">\n${parts.join('\n')}\n</section>`;
}

function executionHtml(execution: CodeExecutionRecord, block: BlockRenderer): string {
  const failed = executionFailed(execution);
  const summary = `Code block ${execution.block_index} · ${execution.status} · ${formatDuration(execution.duration_ms)}${execution.state_lost ? ' · REPL state lost' : ''}`;
  const inner = [
    block('Code', execution.code, true),
    block('stdout', execution.stdout + cutNote(execution.stdout_truncated_bytes), true),
  ];
  if (execution.stderr !== '' || execution.stderr_truncated_bytes > 0) {
    inner.push(block('stderr', execution.stderr + cutNote(execution.stderr_truncated_bytes), true));
  }
  if (execution.error !== null) inner.push(block('Error', execution.error, true));
  return `<details${failed ? ' open' : ''}><summary class="${failed ? 'bad' : 'ok'}">${escapeHtml(summary)}</summary>\n${inner.join('\n')}\n</details>`;
}

function cutNote(bytes: number): string {
  return bytes > 0 ? `\n[sandbox cut ${formatCount(bytes)} bytes of this output]` : '';
}

function foldedBlock(label: string, text: string, maxChars: number, open: boolean): string {
  const { text: shown, omitted } = truncateMiddle(text, maxChars);
  const size = `${formatCount(text.length)} chars${omitted > 0 ? `, ${formatCount(omitted)} omitted` : ''}`;
  const body = text === '' ? '<p class="note">(empty)</p>' : `<pre>${escapeHtml(shown)}</pre>`;
  return `<details${open ? ' open' : ''}><summary>${escapeHtml(label)} <span class="note">(${size})</span></summary>\n${body}\n</details>`;
}

/** Call ids are engine-made but still untrusted text; keep anchors to a safe alphabet. */
function anchor(callId: string): string {
  return callId.replace(/[^A-Za-z0-9_-]/g, '_');
}
