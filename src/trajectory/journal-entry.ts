/** The journal's record shapes, apart from its file paths so the page script can read journals too. */
import type { CallRecord, CodeExecutionRecord, TrajectoryHeader, TrajectoryOutcome } from './types.js';

/** `at` is when the writer received the record; the last one is the best end time of a run that died. */
export type JournalEntry =
  | { type: 'header'; at: string; pid: number; host: string; data: TrajectoryHeader }
  | { type: 'call'; at: string; data: CallRecord }
  | { type: 'execution'; at: string; call_id: string; data: CodeExecutionRecord }
  | { type: 'outcome'; at: string; data: TrajectoryOutcome };

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
