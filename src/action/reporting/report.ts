/**
 * Markdown for the comment, the audit issue and the job summary. Pure functions of the result, so the
 * same content appears everywhere and is testable without GitHub.
 */
import type { RLMResult } from '../../rlm-options.js';
import {
  escapeMarkdownInline,
  formatCount,
  formatDuration,
  formatUsd,
} from '../../trajectory/render/format.js';
import { formatBytes } from '../../trajectory/render/outputs.js';

/** GitHub rejects comment bodies over 65,536 characters; the answer gets what the rest leaves. */
export const MAX_ANSWER_CHARS = 50_000;

export interface ReportLinks {
  runUrl: string;
  artifactUrl: string | null;
}

export interface ReportContext extends ReportLinks {
  task: string;
  /** Extra lines (fork PR, lowered flags, ...). */
  notes: string[];
  cancelled: boolean;
}

export interface ProgressState {
  task: string;
  elapsedMs: number;
  iterations: number;
  depth: number;
  tokens: number;
  costUsd: number | null;
  modelCalls: number;
  lastStep: string;
}

export { formatUsd, formatDuration };

/**
 * Stops model text from pinging people or teams, and from hiding anything in HTML comments (a copied
 * marker there would make this comment look like another command's).
 */
export function neutralize(text: string): string {
  return text.replace(/(^|[^\w`])@(?=[A-Za-z0-9])/g, '$1@\u200b').replace(/<!--/g, '&lt;!--');
}

function quoteTask(task: string): string {
  const firstLine = task.split('\n')[0] ?? '';
  const short = firstLine.length > 200 ? `${firstLine.slice(0, 200)}…` : firstLine;
  return neutralize(short + (task.includes('\n') ? ' …' : ''));
}

function statusLine(result: RLMResult, cancelled: boolean): string {
  if (cancelled) return '⏹️ **Cancelled**';
  if (result.success) return '✅ **Succeeded**';
  if (result.limitsHit.length > 0) return `⚠️ **Stopped by a limit** (${result.limitsHit.join(', ')})`;
  return '❌ **Failed**';
}

/** Structured output, pretty-printed in a fence no string inside it can close. */
function structuredBlock(value: unknown): string {
  const json = JSON.stringify(value, null, 2);
  const longestRun = Math.max(2, ...[...json.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}json\n${neutralize(json)}\n${fence}\n\n_Valid against \`output-schema\` (also the \`structured-output\` output)._`;
}

function answerBlock(response: string): string {
  const text = response.trim();
  if (!text) return '_No answer._';
  const capped =
    text.length > MAX_ANSWER_CHARS
      ? `${text.slice(0, MAX_ANSWER_CHARS)}\n\n… (${text.length - MAX_ANSWER_CHARS} more characters in the artifact)`
      : text;
  return neutralize(capped);
}

export function costTableMarkdown(result: RLMResult): string {
  const rows = Object.entries(result.usageByModel);
  if (rows.length === 0) return '_No model calls._';
  const lines = [
    '| model | calls | tokens in | tokens out | cache read | cache write | cost |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [model, summary] of rows) {
    const u = summary.usage;
    lines.push(
      `| ${escapeMarkdownInline(model)} | ${summary.calls} | ${formatCount(u.inputTokens)} | ${formatCount(u.outputTokens)} | ${formatCount(u.cacheReadTokens)} | ${formatCount(u.cacheWriteTokens)} | ${formatUsd(summary.costUsd)} |`,
    );
  }
  lines.push(
    `| **total** | ${result.modelCalls} | ${formatCount(result.usage.inputTokens)} | ${formatCount(result.usage.outputTokens)} | ${formatCount(result.usage.cacheReadTokens)} | ${formatCount(result.usage.cacheWriteTokens)} | **${formatUsd(result.costUsd)}** |`,
  );
  return lines.join('\n');
}

/** Comments list at most this many outputs; the artifact holds them all. */
export const MAX_LISTED_OUTPUTS = 20;

/** The files model code left in /output: names (model-chosen, so escaped), sizes; the files are in the artifact. */
function outputsList(result: RLMResult): string {
  if (result.outputs.length === 0) return '';
  const listed = result.outputs
    .slice(0, MAX_LISTED_OUTPUTS)
    .map(
      (output) =>
        `- \`${neutralize(output.path.replace(/`/g, "'"))}\` (${formatBytes(output.bytes)}, ${escapeMarkdownInline(output.media_type)})`,
    );
  const more = result.outputs.length - listed.length;
  if (more > 0) listed.push(`- … and ${more} more`);
  return [
    `**Outputs** (${result.outputs.length}, in the trajectory artifact under \`outputs/\`):`,
    ...listed,
  ].join('\n');
}

function linksLine(links: ReportLinks): string {
  const parts = [`[workflow run](${links.runUrl})`];
  if (links.artifactUrl) parts.push(`[trajectory artifact](${links.artifactUrl})`);
  return parts.join(' · ');
}

export function renderResult(result: RLMResult, context: ReportContext): string {
  const facts = [
    `| success | ${result.success ? 'yes' : 'no'} |`,
    `| duration | ${formatDuration(result.durationMs)} |`,
    `| iterations | ${result.iterations} |`,
    `| depth reached | ${result.maxDepthReached} |`,
    `| tokens | ${formatCount(result.tokens)} |`,
    `| cost | ${formatUsd(result.costUsd)} |`,
    `| limits hit | ${result.limitsHit.length > 0 ? result.limitsHit.join(', ') : 'none'} |`,
    `| trajectory | ${escapeMarkdownInline(result.trajectoryId)} |`,
  ];
  const sections = [
    `### RLM: ${statusLine(result, context.cancelled)}`,
    `> ${quoteTask(context.task)}`,
    result.structuredOutput === undefined
      ? answerBlock(result.response)
      : structuredBlock(result.structuredOutput),
  ];
  if (!result.success && result.error) sections.push(`**Error:** ${neutralize(result.error)}`);
  sections.push(['| | |', '|---|---|', ...facts].join('\n'));
  const outputs = outputsList(result);
  if (outputs !== '') sections.push(outputs);
  sections.push(`<details><summary>Cost per model</summary>\n\n${costTableMarkdown(result)}\n\n</details>`);
  const notes = [...context.notes, ...result.warnings.map((warning) => `⚠️ ${neutralize(warning)}`)];
  if (notes.length > 0) sections.push(notes.map((note) => `- ${note}`).join('\n'));
  sections.push(linksLine(context));
  return sections.join('\n\n');
}

export function renderProgress(state: ProgressState, runUrl: string): string {
  return [
    `### RLM: ⏳ **Running**`,
    `> ${quoteTask(state.task)}`,
    `${formatDuration(state.elapsedMs)} · iteration ${state.iterations} · depth ${state.depth} · ${state.modelCalls} model calls · ${formatCount(state.tokens)} tokens · ${formatUsd(state.costUsd)}`,
    state.lastStep ? `_${neutralize(state.lastStep)}_` : '',
    `[workflow run](${runUrl})`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** `what` is the refused trigger, already formatted: "`/rlm run`" or "the `rlm` label". */
export function renderRefusal(reason: string, what: string): string {
  return `🚫 Not running ${what}: ${neutralize(reason)}`;
}

/** A failure before or without a result (bad configuration, Docker missing, GitHub error). */
export function renderFailure(message: string, task: string, links: ReportLinks): string {
  return [`### RLM: ❌ **Failed**`, `> ${quoteTask(task)}`, neutralize(message), linksLine(links)].join(
    '\n\n',
  );
}

/** A run the budget across runs refused: said once, where the result would have gone. */
export function renderBudgetRefusal(reason: string, task: string, runUrl: string): string {
  return [
    `### RLM: 💸 **Not started: budget spent**`,
    `> ${quoteTask(task)}`,
    neutralize(reason),
    `[workflow run](${runUrl})`,
  ].join('\n\n');
}
