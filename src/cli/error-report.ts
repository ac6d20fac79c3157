/**
 * How a failure looks on the terminal: one clear message and, when we know it,
 * the fix. Stack traces only with --verbose, because users need the fix and
 * not our call stack.
 */
import { RlmError } from '../errors.js';

export function describeFailure(error: unknown, verbose: boolean): string {
  const lines = [`rlm: error: ${error instanceof RlmError ? error.message : messageOf(error)}`];
  if (error instanceof RlmError && error.fix) lines.push(`rlm: fix: ${error.fix}`);
  if (verbose && error instanceof Error && error.stack) lines.push(error.stack);
  return `${lines.join('\n')}\n`;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A result's error text ("message\nFix: fix", as RlmError.describe() writes it) in the CLI's two-line form. */
export function describeResultError(error: string): string {
  const [message, ...fix] = error.split('\nFix: ');
  return `rlm: error: ${message}\n${fix.length > 0 ? `rlm: fix: ${fix.join('\nFix: ')}\n` : ''}`;
}
