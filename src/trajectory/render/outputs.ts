/**
 * A run's collected outputs (/output) in each rendering: terminal lines, a markdown table, and an HTML
 * section that shows images inline as data: URIs. Paths were chosen by model code: every one is escaped.
 */
import type { OutputRecord, SkippedOutput, Trajectory } from '../types.js';
import { escapeHtml, escapeMarkdownInline, formatCount } from './format.js';

/** Bytes of every inline image of one HTML page together; more are listed, not shown. */
export const MAX_INLINE_IMAGE_BYTES = 8 * 1024 * 1024;
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml']);

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function isInlineImageOutput(output: OutputRecord): boolean {
  return INLINE_TYPES.has(output.media_type);
}

/** Terminal lines; `directory` is where the files are on this machine. */
export function renderOutputsText(
  outputs: readonly OutputRecord[],
  skipped: readonly SkippedOutput[],
  directory: string | null,
): string[] {
  if (outputs.length === 0 && skipped.length === 0) return [];
  const lines = [
    `Outputs: ${formatCount(outputs.length)} file${outputs.length === 1 ? '' : 's'}${directory ? ` in ${directory}` : ''}`,
  ];
  const width = Math.max(0, ...outputs.map((output) => output.path.length));
  for (const output of outputs) {
    lines.push(
      `  ${output.path.padEnd(width)}  ${formatBytes(output.bytes).padStart(10)}  ${output.media_type}  sha256:${output.sha256.slice(0, 12)}`,
    );
  }
  for (const entry of skipped) lines.push(`  skipped ${entry.path}: ${entry.reason}`);
  return lines;
}

export function renderOutputsMarkdown(trajectory: Pick<Trajectory, 'outputs' | 'outputs_skipped'>): string {
  if (trajectory.outputs.length === 0 && trajectory.outputs_skipped.length === 0) return '';
  const rows = trajectory.outputs.map(
    (output) =>
      `| \`${output.path.replace(/`/g, "'")}\` | ${formatBytes(output.bytes)} | ${escapeMarkdownInline(output.media_type)} | \`${output.sha256.slice(0, 12)}\` |`,
  );
  const skipped = trajectory.outputs_skipped.map(
    (entry) => `- skipped \`${entry.path.replace(/`/g, "'")}\`: ${escapeMarkdownInline(entry.reason)}`,
  );
  const table =
    rows.length > 0 ? ['| File | Size | Type | sha256 |', '| --- | ---: | --- | --- |', ...rows] : [];
  return [...table, ...(skipped.length > 0 ? ['', ...skipped] : [])].join('\n');
}

/** `images`: bytes of image outputs by path, already checked against their sha256 (see readOutputFile). */
export function renderOutputsHtml(
  trajectory: Pick<Trajectory, 'outputs' | 'outputs_skipped'>,
  images: ReadonlyMap<string, Buffer> = new Map(),
): string {
  if (trajectory.outputs.length === 0 && trajectory.outputs_skipped.length === 0) return '';
  let budget = MAX_INLINE_IMAGE_BYTES;
  const items = trajectory.outputs.map((output) => {
    const facts = `${formatBytes(output.bytes)} · ${output.media_type} · sha256 ${output.sha256.slice(0, 12)}`;
    const data = images.get(output.path);
    let picture = '';
    if (data !== undefined && isInlineImageOutput(output) && data.length <= budget) {
      budget -= data.length;
      picture = `<div><img class="output" alt="${escapeHtml(output.path)}" src="data:${output.media_type};base64,${data.toString('base64')}"></div>`;
    }
    return `<li><code>${escapeHtml(output.path)}</code> <span class="note">${escapeHtml(facts)}</span>${picture}</li>`;
  });
  const skipped = trajectory.outputs_skipped.map(
    (entry) =>
      `<li class="note">skipped <code>${escapeHtml(entry.path)}</code>: ${escapeHtml(entry.reason)}</li>`,
  );
  return `<ul class="outputs">\n${[...items, ...skipped].join('\n')}\n</ul>`;
}
