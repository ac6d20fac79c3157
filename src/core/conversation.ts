/**
 * What a node sends the model each turn. Variables live in the REPL, so old
 * turns are the cheapest thing to forget: when the history outgrows its
 * budget the oldest exchanges go (the task message always stays) and a note
 * says how many were dropped. Without this a long run grows past the model's
 * context window and fails late and expensively.
 */
import type { ChatMessage } from '../models/types.js';

export const HISTORY_CHARS = 400_000;

export function omittedNote(turns: number): string {
  return `[${turns} earlier turn${turns === 1 ? '' : 's'} omitted to fit the context window; every REPL variable is still there. Use SHOW_VARS() to see them.]`;
}

/**
 * The messages to send: the first (task) message, then the most recent
 * exchanges that fit in `maxChars`. Messages alternate user/assistant and the
 * result still starts and ends with a user message.
 */
export function fitHistory(messages: ChatMessage[], maxChars: number): ChatMessage[] {
  const total = messages.reduce((sum, message) => sum + message.content.length, 0);
  if (total <= maxChars || messages.length < 4) return messages;
  const [first, ...rest] = messages;
  if (first === undefined) return messages;
  let budget = maxChars - first.content.length;
  // Walk back over (assistant, user) pairs, newest first; the newest pair is always kept.
  let keepFrom = rest.length;
  for (let index = rest.length - 2; index >= 0; index -= 2) {
    const pairChars = (rest[index]?.content.length ?? 0) + (rest[index + 1]?.content.length ?? 0);
    if (budget - pairChars < 0 && keepFrom < rest.length) break;
    budget -= pairChars;
    keepFrom = index;
  }
  if (keepFrom === 0) return messages;
  const dropped = keepFrom / 2;
  const kept = rest.slice(keepFrom);
  const firstKept = kept[0];
  if (firstKept === undefined) return messages;
  // The note rides on the task message so that roles keep alternating.
  return [{ role: 'user', content: `${first.content}\n\n${omittedNote(dropped)}` }, ...kept];
}
