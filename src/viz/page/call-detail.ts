/** One call in full: what it was asked, what it answered, each code block with its output. */
import { formatCount, formatDuration, formatUsd, truncateMiddle } from '../../trajectory/render/format.js';
import type { CallRecord, CodeExecutionRecord } from '../../trajectory/types.js';
import { h } from './dom.js';

/** Enough for any prompt a person reads in a browser; the download has the rest. */
const MAX_FIELD_CHARS = 100_000;

function block(label: string, text: string, open: boolean, className = ''): HTMLElement {
  const { text: shown, omitted } = truncateMiddle(text, MAX_FIELD_CHARS);
  const note = `${formatCount(text.length)} chars${omitted > 0 ? `, ${formatCount(omitted)} omitted` : ''}`;
  return h(
    'details',
    { open, class: className },
    h('summary', {}, label, ' ', h('span', { class: 'note' }, `(${note})`)),
    text === '' ? h('p', { class: 'note' }, '(empty)') : h('pre', {}, shown),
  );
}

function execution(record: CodeExecutionRecord): HTMLElement {
  const failed = record.error !== null || record.status !== 'ok';
  const tools =
    record.tools_used && record.tools_used.length > 0 ? ` · used ${record.tools_used.join(', ')}` : '';
  const parts = [
    h(
      'h4',
      { class: failed ? 'bad' : 'ok' },
      `Code block ${record.block_index} · ${record.status} · ${formatDuration(record.duration_ms)}${record.state_lost ? ' · REPL state lost' : ''}${tools}`,
    ),
    block('Code', record.code, true, 'code'),
    block('stdout', record.stdout + cut(record.stdout_truncated_bytes), true, 'stdout'),
  ];
  if (record.stderr !== '' || record.stderr_truncated_bytes > 0) {
    parts.push(block('stderr', record.stderr + cut(record.stderr_truncated_bytes), true, 'stderr'));
  }
  if (record.error !== null) parts.push(block('Error', record.error, true, 'error'));
  return h('div', { class: 'execution' }, ...parts);
}

function cut(bytes: number): string {
  return bytes > 0 ? `\n[sandbox cut ${formatCount(bytes)} bytes of this output]` : '';
}

export function callDetail(call: CallRecord): HTMLElement {
  const facts = [
    `call ${call.call_id}`,
    call.parent_id === null ? 'top level' : `made by ${call.parent_id}`,
    `depth ${call.depth}`,
    call.model,
    `${formatCount(call.tokens_in)} in / ${formatCount(call.tokens_out)} out tokens`,
    call.cache_read_tokens + call.cache_write_tokens > 0
      ? `cache ${formatCount(call.cache_read_tokens)} read / ${formatCount(call.cache_write_tokens)} write`
      : '',
    formatUsd(call.cost_usd),
    formatDuration(call.latency_ms),
    `started ${call.start_time}`,
  ].filter(Boolean);
  return h(
    'div',
    { class: 'call-detail', 'data-id': call.call_id },
    h(
      'h3',
      {},
      call.kind === 'root' ? `${call.node_id} iteration ${call.iteration}` : `${call.node_id} llm_query`,
    ),
    h('p', { class: 'note' }, facts.join(' · ')),
    call.error === null ? null : block('Error', call.error, true, 'error'),
    block('Prompt', call.prompt, false, 'prompt'),
    block('Response', call.response, true, 'response'),
    ...call.executions.map(execution),
  );
}
