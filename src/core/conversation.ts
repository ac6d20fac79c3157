/**
 * What a node sends the model each turn. Variables live in the REPL, so old
 * turns are the cheapest thing to forget: when the history outgrows its
 * budget the oldest exchanges go (the task message always stays) and a note
 * says how many were dropped. Without this a long run grows past the model's
 * context window and fails late and expensively.
 *
 * Trimming is shaped by prompt caching: a provider bills a prompt prefix it
 * has seen recently at a tenth of the input price, and any change early in
 * the prompt makes everything after it new again. So:
 * - the cut moves in large steps: once over budget, the history is cut down
 *   to half of it, and the cut then stays where it is for the many turns it
 *   takes to fill the other half, so those turns keep reading the cache;
 * - the note rides on the first kept turn, never on the task message, so the
 *   system prompt and the task stay one cacheable prefix across every cut.
 */
import type { ChatMessage } from '../models/types.js';
import { estimateTokens } from './ledger.js';

/** After a cut the history fills this share of its budget; the rest is room to grow without moving the cut. */
export const TRIM_TO_SHARE = 0.5;
/** Framing tokens per message (role markers, separators), as the ledger counts them. */
const TOKENS_PER_MESSAGE = 8;

export function omittedNote(turns: number): string {
  return `[${turns} earlier turn${turns === 1 ? '' : 's'} (before the reply above) omitted to fit the context window; every REPL variable is still there. Use SHOW_VARS() to see them.]`;
}

/** Estimated tokens of messages: 3 characters per token (see historyBudgetTokens) plus framing. */
export function messageTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce(
    (sum, message) => sum + estimateTokens(message.content.length) + TOKENS_PER_MESSAGE,
    0,
  );
}

export interface HistoryBudgetInput {
  /** The model's context window in tokens (src/models/context-windows.ts). */
  contextWindow: number;
  /** max_tokens of every call: the reply needs that much room in the window. */
  maxOutputTokens: number;
  /** Characters of the system prompt, sent on every turn outside the history. */
  systemChars: number;
}

/**
 * Tokens the history (task message included) may take: the window minus the reply's room and the system
 * prompt. Counted at 3 characters per token: tokenisers average about 4 for English and code, so the
 * estimate runs high by about a third, which is the margin for text that tokenises worse (non-English
 * text, dense data, a tokeniser like Claude Sonnet 5's that yields about 30 % more tokens).
 */
export function historyBudgetTokens(input: HistoryBudgetInput): number {
  return Math.max(
    0,
    input.contextWindow - input.maxOutputTokens - estimateTokens(input.systemChars) - TOKENS_PER_MESSAGE,
  );
}

/**
 * A node's conversation: the task message, then (assistant reply, user turn) exchanges. window() is what
 * to send this turn; the cut it makes persists, so consecutive turns share their prefix.
 */
export class Conversation {
  private readonly messages: ChatMessage[];
  /** Exchanges dropped after the task message; only ever grows. */
  private dropped = 0;
  private cuts = 0;

  constructor(
    task: string,
    private readonly budgetTokens: number,
  ) {
    this.messages = [{ role: 'user', content: task }];
  }

  push(message: ChatMessage): void {
    this.messages.push(message);
  }

  /** The newest message (what the trajectory records as this turn's prompt). */
  get last(): ChatMessage {
    return this.messages[this.messages.length - 1] as ChatMessage;
  }

  /** Exchanges omitted from what is sent. */
  get omittedTurns(): number {
    return this.dropped;
  }

  /** How many times the cut moved. */
  get trims(): number {
    return this.cuts;
  }

  /** The messages to send: the task, then the kept exchanges; user first and last, roles alternating. */
  window(): ChatMessage[] {
    const [task, ...rest] = this.messages;
    if (task === undefined) return [];
    const exchanges = Math.floor(rest.length / 2);
    const taskTokens = messageTokens([task]);
    const keptTokens = (from: number) => taskTokens + messageTokens(rest.slice(from * 2));
    if (keptTokens(this.dropped) > this.budgetTokens && exchanges - this.dropped > 1) {
      const target = this.budgetTokens * TRIM_TO_SHARE;
      let from = this.dropped;
      // Drop the oldest exchanges until the rest fits the target share; the newest one always stays.
      while (from < exchanges - 1 && keptTokens(from) > target) from += 1;
      this.dropped = from;
      this.cuts += 1;
    }
    if (this.dropped === 0) return [...this.messages];
    const kept = rest.slice(this.dropped * 2);
    const [reply, firstTurn, ...later] = kept;
    if (reply === undefined || firstTurn === undefined) return [task, ...kept];
    return [
      task,
      reply,
      { role: 'user', content: `${omittedNote(this.dropped)}\n\n${firstTurn.content}` },
      ...later,
    ];
  }
}
