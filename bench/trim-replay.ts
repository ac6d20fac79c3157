/**
 * For bench:cost: replays one recorded conversation turn by turn through a
 * history strategy, our Anthropic request builder and the prompt-cache
 * simulation, and returns the input cost of the root turns. It compares the
 * trimming the engine does now with the one it did before (drop as few old
 * turns as fit, every turn, and put the note on the task message), at the
 * same budget, on the very same messages.
 */
import { Conversation } from '../src/core/conversation.js';
import { estimateTokens } from '../src/core/ledger.js';
import { anthropicParams } from '../src/models/providers/anthropic-request.js';
import { costOf } from '../src/models/pricing.js';
import type { ChatMessage } from '../src/models/types.js';
import { PromptCache } from '../test/support/fake-provider/prompt-cache.js';

export type HistoryStrategy = (turnMessages: ChatMessage[]) => ChatMessage[];

export interface RecordedConversation {
  model: string;
  system: string;
  /** The last root request's messages: task, then (reply, turn) pairs. */
  messages: ChatMessage[];
}

/** The last root request of a run, as a conversation. */
export function recordedConversation(body: Record<string, unknown>): RecordedConversation {
  const text = (content: unknown): string =>
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content.map((block) => (block as { text?: string }).text ?? '').join('')
        : '';
  const system = Array.isArray(body.system) ? text(body.system) : String(body.system ?? '');
  const messages = (body.messages as Array<{ role: 'user' | 'assistant'; content: unknown }>).map(
    (message) => ({
      role: message.role,
      content: text(message.content),
    }),
  );
  return { model: String(body.model), system, messages };
}

/** USD of the root turns' input (uncached, cache writes, cache reads) when each turn sends strategy(history). */
export function replayInputCost(recorded: RecordedConversation, strategy: HistoryStrategy): number {
  const cache = new PromptCache();
  let cost = 0;
  for (let end = 1; end <= recorded.messages.length; end += 2) {
    const params = anthropicParams(
      {
        system: recorded.system,
        messages: strategy(recorded.messages.slice(0, end)),
        purpose: { kind: 'root', depth: 0, nodeId: 'root' },
      },
      recorded.model,
    );
    const usage = cache.usageOf(params as unknown as Record<string, unknown>);
    cost +=
      costOf(recorded.model, {
        inputTokens: usage.input,
        outputTokens: 0,
        cacheReadTokens: usage.cacheRead,
        cacheWriteTokens: usage.cacheWrite,
      }) ?? 0;
  }
  return cost;
}

export const untrimmed: HistoryStrategy = (messages) => messages;

/** What the engine does now: one Conversation per run, fed turn by turn. */
export function currentTrimming(budgetTokens: number): HistoryStrategy {
  let conversation: Conversation | null = null;
  let fed = 0;
  return (messages) => {
    if (conversation === null) conversation = new Conversation(messages[0]?.content ?? '', budgetTokens);
    for (fed = Math.max(fed, 1); fed < messages.length; fed++)
      conversation.push(messages[fed] as ChatMessage);
    return conversation.window();
  };
}

/** The trimming before issue 12, in tokens: the fewest old exchanges dropped, every turn; note on the task. */
export function previousTrimming(budgetTokens: number): HistoryStrategy {
  const tokens = (message: ChatMessage | undefined) => estimateTokens(message?.content.length ?? 0) + 8;
  return (messages) => {
    const total = messages.reduce((sum, message) => sum + tokens(message), 0);
    const [first, ...rest] = messages;
    if (first === undefined || total <= budgetTokens || messages.length < 4) return messages;
    let budget = budgetTokens - tokens(first);
    let keepFrom = rest.length;
    for (let index = rest.length - 2; index >= 0; index -= 2) {
      const pair = tokens(rest[index]) + tokens(rest[index + 1]);
      if (budget - pair < 0 && keepFrom < rest.length) break;
      budget -= pair;
      keepFrom = index;
    }
    if (keepFrom === 0) return messages;
    const dropped = keepFrom / 2;
    const note = `[${dropped} earlier turn${dropped === 1 ? '' : 's'} omitted to fit the context window; every REPL variable is still there. Use SHOW_VARS() to see them.]`;
    return [{ role: 'user', content: `${first.content}\n\n${note}` }, ...rest.slice(keepFrom)];
  };
}
