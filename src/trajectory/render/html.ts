import type { Redactor } from '../redactor.js';
import type { CallRecord, CodeExecutionRecord, Trajectory } from '../types.js';
import { callTree, describeCall, executionFailed, type CallTreeNode } from './call-tree.js';
import { costTable, type CostTableRow } from './cost-table.js';
import { escapeHtml, formatCount, formatDuration, formatUsd, truncateMiddle } from './format.js';
import { headerFacts } from './header-facts.js';
import { renderOutputsHtml } from './outputs.js';

export interface HtmlOptions {
  /** Longer fields keep head and tail with a note. Default 20000 (a file, not a comment). */
  maxCharsPerField?: number;
  redactor?: Redactor;
  /** Bytes of image outputs by path, shown inline (load them with loadOutputImages). */
  images?: ReadonlyMap<string, Buffer>;
}

export const DEFAULT_HTML_MAX_CHARS_PER_FIELD = 20_000;

// No scripts, no external requests: the policy makes that hold even if escaping ever failed.
// Images of the run's outputs are inline data: URIs; nothing is ever fetched.
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
body{font:14px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1f2328;background:#fff}
h1{font-size:22px;margin:0 0 12px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 10px;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}tr.total td{font-weight:600}
pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:10px;overflow:auto;white-space:pre-wrap;word-break:break-word;margin:6px 0}
details{margin:4px 0}details details{margin-left:18px}summary{cursor:pointer}.call{border-left:3px solid #d0d7de;padding-left:10px;margin:8px 0}
img.output{max-width:100%;border:1px solid #d0d7de;margin:6px 0}.tree ul{list-style:none;padding-left:20px;margin:0}.tree>ul{padding-left:0}.ok{color:#1a7f37}.bad{color:#cf222e}.note{color:#656d76;font-size:12px}
`.trim();

/** One self-contained page: inline CSS, no scripts, no external resources, every value escaped. */
export function renderTrajectoryHtml(input: Trajectory, options: HtmlOptions = {}): string {
  const trajectory = options.redactor ? options.redactor.redactDeep(input) : input;
  const maxChars = options.maxCharsPerField ?? DEFAULT_HTML_MAX_CHARS_PER_FIELD;
  const block = (label: string, text: string, open = false): string =>
    foldedBlock(label, text, maxChars, open);
  const statusClass = trajectory.success && !trajectory.incomplete ? 'ok' : 'bad';
  const table = costTable(trajectory);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>RLM run ${escapeHtml(trajectory.trajectory_id)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>RLM run <code>${escapeHtml(trajectory.trajectory_id)}</code> <span class="${statusClass}">${trajectory.success ? '✔' : '✘'}</span></h1>
${block('Task', trajectory.task, true)}
<table class="facts">
${headerFacts(trajectory)
  .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
  .join('\n')}
</table>
<h2>Final answer</h2>
${trajectory.final_answer === null ? '<p class="note">No answer was produced.</p>' : `<pre class="answer">${escapeHtml(truncateMiddle(trajectory.final_answer, maxChars).text)}</pre>`}
${outputsSection(trajectory, options.images)}<h2>Cost</h2>
${costTableHtml([...table.rows], table.total)}
<h2>Call tree</h2>
<div class="tree">${treeHtml(callTree(trajectory))}</div>
<h2>Calls</h2>
${block('System prompt', trajectory.system_prompt)}
${trajectory.calls.map((call, index) => callHtml(call, index, block)).join('\n')}
</body>
</html>
`;
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
