/**
 * {{placeholder}} substitution for scripted replies, so a scripted sub-call
 * can show it received the real data (e.g. "got {{prompt_chars}} chars").
 */
import type { CallPurpose } from '../types.js';

export interface TemplateInput {
  prompt: string;
  purpose: CallPurpose;
}

const PREVIEW_CHARS = 80;

const PLACEHOLDERS: Readonly<Record<string, (input: TemplateInput) => string>> = {
  /** The last user message, verbatim. */
  prompt: ({ prompt }) => prompt,
  prompt_chars: ({ prompt }) => String(prompt.length),
  prompt_lines: ({ prompt }) => String(prompt === '' ? 0 : prompt.split('\n').length),
  /** First 80 characters on one line. */
  prompt_preview: ({ prompt }) => prompt.slice(0, PREVIEW_CHARS).replace(/\s+/g, ' '),
  node: ({ purpose }) => purpose.nodeId,
  depth: ({ purpose }) => String(purpose.depth),
  kind: ({ purpose }) => purpose.kind,
};

export const PLACEHOLDER_NAMES: readonly string[] = Object.keys(PLACEHOLDERS);

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** Placeholder names used in `template` that do not exist. */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !(name in PLACEHOLDERS));
}

export function renderTemplate(template: string, input: TemplateInput): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => PLACEHOLDERS[name]?.(input) ?? whole);
}
