import path from 'node:path';

import type { CallRecord, CodeExecutionRecord, TrajectoryHeader, TrajectoryOutcome } from './types.js';

/**
 * The journal: one JSON line per record, appended as the run goes, so a killed process leaves every
 * completed call on disk. It lives in `<logDir>/.journal/<trajectory_id>.jsonl` and is deleted once the
 * finished trajectory has been written.
 */
export const JOURNAL_DIR = '.journal';

/** `at` is when the writer received the record; the last one is the best end time of a run that died. */
export type JournalEntry =
  | { type: 'header'; at: string; pid: number; host: string; data: TrajectoryHeader }
  | { type: 'call'; at: string; data: CallRecord }
  | { type: 'execution'; at: string; call_id: string; data: CodeExecutionRecord }
  | { type: 'outcome'; at: string; data: TrajectoryOutcome };

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

export function isJournalEntry(value: unknown): value is JournalEntry {
  if (value === null || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  if (typeof entry.at !== 'string' || entry.data === null || typeof entry.data !== 'object') return false;
  switch (entry.type) {
    case 'header':
    case 'call':
    case 'outcome':
      return true;
    case 'execution':
      return typeof entry.call_id === 'string';
    default:
      return false;
  }
}
