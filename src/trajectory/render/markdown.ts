import type { Redactor } from '../redactor.js';
import type { CallRecord, CodeExecutionRecord, Trajectory } from '../types.js';
import { callTree, describeCall, executionFailed, renderCallTreeText } from './call-tree.js';
import { costTable, renderCostTableMarkdown } from './cost-table.js';
import {
  escapeHtml,
  escapeMarkdownInline,
  fencedBlock,
  formatCount,
  formatDuration,
  truncateMiddle,
} from './format.js';
import { headerFacts } from './header-facts.js';
import { renderOutputsMarkdown } from './outputs.js';

export interface MarkdownOptions {
  /** Longer prompts, responses, code and outputs keep head and tail with a note. Default 4000. */
  maxCharsPerField?: number;
  /** Per-call sections; leave them out where space is short (a PR comment). Default true. */
  includeCalls?: boolean;
  /** Applied to the whole trajectory first: defence in depth for files written by other tools. */
  redactor?: Redactor;
}

export const DEFAULT_MAX_CHARS_PER_FIELD = 4000;

/**
 * A readable document of one run: facts, final answer, cost table, call tree, then every call with its
 * prompt, response, code and output folded in <details>. Model-written text only ever appears inside
 * fenced blocks, so it cannot inject markup or mention anyone.
 */
export function renderTrajectoryMarkdown(input: Trajectory, options: MarkdownOptions = {}): string {
  const trajectory = options.redactor ? options.redactor.redactDeep(input) : input;
  const maxChars = options.maxCharsPerField ?? DEFAULT_MAX_CHARS_PER_FIELD;
  const field = (label: string, text: string, language = 'text'): string =>
    foldedField(label, text, maxChars, language);

  const sections = [
    `# RLM run \`${trajectory.trajectory_id.replace(/`/g, "'")}\``,
    '**Task**',
    fencedBlock(truncateMiddle(trajectory.task, maxChars).text),
    factsTable(headerFacts(trajectory)),
    '## Final answer',
    trajectory.final_answer === null
      ? '_No answer was produced._'
      : fencedBlock(truncateMiddle(trajectory.final_answer, maxChars).text),
    ...outputsSection(trajectory),
    '## Cost',
    renderCostTableMarkdown(costTable(trajectory)),
    '## Call tree',
    fencedBlock(renderCallTreeText(callTree(trajectory))),
  ];
  if (options.includeCalls ?? true) {
    sections.push('## Calls', field('System prompt', trajectory.system_prompt));
    trajectory.calls.forEach((call, index) => sections.push(callSection(call, index, field)));
  }
  return `${sections.join('\n\n')}\n`;
}

function outputsSection(trajectory: Trajectory): string[] {
  const table = renderOutputsMarkdown(trajectory);
  return table === '' ? [] : ['## Outputs', table];
}

function factsTable(facts: Array<[string, string]>): string {
  return [
    '| | |',
    '| --- | --- |',
    ...facts.map(([label, value]) => `| ${label} | ${escapeMarkdownInline(value)} |`),
  ].join('\n');
}

type FieldRenderer = (label: string, text: string, language?: string) => string;

function callSection(call: CallRecord, index: number, field: FieldRenderer): string {
  const parts = [
    `### ${index + 1}. ${escapeMarkdownInline(describeCall(call))}`,
    `Call \`${call.call_id.replace(/`/g, "'")}\`${call.parent_id === null ? '' : `, made by \`${call.parent_id.replace(/`/g, "'")}\``}, depth ${call.depth}, started ${escapeMarkdownInline(call.start_time)}` +
      (call.tools_used.length > 0 ? `, used ${escapeMarkdownInline(call.tools_used.join(', '))}` : ''),
    field('Prompt', call.prompt),
    field('Response', call.response, 'markdown'),
  ];
  if (call.error !== null) parts.push(field('Error', call.error));
  call.executions.forEach((execution) => parts.push(executionSection(execution, field)));
  return parts.join('\n\n');
}

function executionSection(execution: CodeExecutionRecord, field: FieldRenderer): string {
  const status = executionFailed(execution) ? `⚠️ ${execution.status}` : execution.status;
  const summary = `Code block ${execution.block_index} · ${status} · ${formatDuration(execution.duration_ms)}${execution.state_lost ? ' · REPL state lost' : ''}`;
  const inner = [
    field('Code', execution.code, 'python'),
    field('stdout', execution.stdout + cutNote(execution.stdout_truncated_bytes)),
  ];
  if (execution.stderr !== '' || execution.stderr_truncated_bytes > 0) {
    inner.push(field('stderr', execution.stderr + cutNote(execution.stderr_truncated_bytes)));
  }
  if (execution.error !== null) inner.push(field('Error', execution.error));
  return `<details><summary>${escapeHtml(summary)}</summary>\n\n${inner.join('\n\n')}\n\n</details>`;
}

function cutNote(bytes: number): string {
  return bytes > 0 ? `\n[sandbox cut ${formatCount(bytes)} bytes of this output]` : '';
}

function foldedField(label: string, text: string, maxChars: number, language: string): string {
  const { text: shown, omitted } = truncateMiddle(text, maxChars);
  const size = `${formatCount(text.length)} chars${omitted > 0 ? `, ${formatCount(omitted)} omitted` : ''}`;
  const body = text === '' ? '_(empty)_' : fencedBlock(shown, language);
  return `<details><summary>${escapeHtml(label)} (${size})</summary>\n\n${body}\n\n</details>`;
}
