import path from 'node:path';

/**
 * The journal: one JSON line per record, appended as the run goes, so a killed process leaves every
 * completed call on disk. It lives in `<logDir>/.journal/<trajectory_id>.jsonl` and is deleted once the
 * finished trajectory has been written.
 */
export const JOURNAL_DIR = '.journal';

export { isJournalEntry, type JournalEntry } from './journal-entry.js';

export function journalDir(logDir: string): string {
  return path.join(logDir, JOURNAL_DIR);
}

export function journalPathFor(logDir: string, trajectoryId: string): string {
  return path.join(journalDir(logDir), `${safeFileStem(trajectoryId)}.jsonl`);
}

/** Trajectory ids come from the engine; keep them from escaping the directory or upsetting a filesystem. */
export function safeFileStem(text: string): string {
  const stem = text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 120);
  return stem.length > 0 ? stem : 'trajectory';
}

/** 2026-11-24T03:30:00.123Z → 2026-11-24T03-30-00-123Z: sortable, and legal on every filesystem. */
export function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}
