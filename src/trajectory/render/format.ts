/** Small formatting helpers shared by the text, markdown and HTML renderings. */

export const UNKNOWN_COST = 'unknown';

/** Unknown stays "unknown": printing $0 for a model without a price would hide a real bill. */
export function formatUsd(cost: number | null): string {
  if (cost === null) return UNKNOWN_COST;
  if (cost === 0) return '$0.00';
  return cost >= 1 ? `$${cost.toFixed(2)}` : `$${cost.toFixed(4)}`;
}

// One formatter for all: toLocaleString builds a new one per call, which a browser drawing thousands of
// rows pays for visibly.
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return COUNT_FORMAT.format(value);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

export interface Truncated {
  text: string;
  /** Characters left out; 0 when the text was short enough. */
  omitted: number;
}

/** Keeps the head and the tail (where tracebacks and conclusions are) and says how much was cut. */
export function truncateMiddle(text: string, maxChars: number): Truncated {
  if (text.length <= maxChars) return { text, omitted: 0 };
  const headLength = Math.ceil((maxChars * 2) / 3);
  const tailLength = Math.max(0, maxChars - headLength);
  const omitted = text.length - headLength - tailLength;
  const tail = tailLength > 0 ? text.slice(text.length - tailLength) : '';
  return {
    text: `${text.slice(0, headLength)}\n… [${formatCount(omitted)} characters omitted] …\n${tail}`,
    omitted,
  };
}

/** One line, at most maxChars, for lists and summaries. */
export function excerpt(text: string, maxChars: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= maxChars ? line : `${line.slice(0, Math.max(0, maxChars - 1))}…`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Text placed inline in markdown (table cells, headings): no markup, no HTML, no broken table rows. */
export function escapeMarkdownInline(text: string): string {
  return escapeHtml(text.replace(/\r?\n/g, ' '))
    .replace(/([\\`*_[\]|#~!])/g, '\\$1')
    .replace(/@/g, '@\u200b');
}

/** A fenced block whose fence is longer than any backtick run inside, so content cannot close it early. */
export function fencedBlock(text: string, language = ''): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${fence}${language}\n${body}${fence}`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}
