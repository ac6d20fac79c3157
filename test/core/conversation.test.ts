import {
  Conversation,
  historyBudgetTokens,
  messageTokens,
  omittedNote,
  TRIM_TO_SHARE,
} from '../../src/core/conversation.js';
import type { ChatMessage } from '../../src/models/types.js';

/** A conversation of `turns` exchanges of `chars` characters each, sending window() after every turn. */
function grow(conversation: Conversation, turns: number, chars: number, from = 1): ChatMessage[][] {
  const sent: ChatMessage[][] = [];
  for (let turn = from; turn < from + turns; turn++) {
    conversation.push({ role: 'assistant', content: `reply ${turn} `.padEnd(chars, '.') });
    conversation.push({ role: 'user', content: `output ${turn} `.padEnd(chars, '.') });
    sent.push(conversation.window());
  }
  return sent;
}

function label(message: ChatMessage): string {
  return message.content
    .replace(/^\[[^\]]*\]\n\n/, '')
    .split(' ')
    .slice(0, 2)
    .join('');
}

/** Messages two windows share from the start (what a prompt cache can read). */
function sharedPrefix(a: ChatMessage[], b: ChatMessage[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n]?.content === b[n]?.content && a[n]?.role === b[n]?.role) n++;
  return n;
}

describe('Conversation', () => {
  it('sends everything while it fits', () => {
    const conversation = new Conversation('TASK', 10_000);
    const [window] = grow(conversation, 1, 10);
    grow(conversation, 2, 10, 2);
    expect(window?.map(label)).toEqual(['TASK', 'reply1', 'output1']);
    expect(conversation.window()).toHaveLength(7);
    expect(conversation.trims).toBe(0);
  });

  it('cuts down to half the budget when over it, keeping the task unchanged and the note on the first kept turn', () => {
    const budget = 1_000;
    const conversation = new Conversation('TASK', budget);
    let cut: ChatMessage[] = [];
    for (let turn = 1; conversation.trims === 0; turn++)
      [cut] = grow(conversation, 1, 300, turn) as [ChatMessage[]];

    const note = omittedNote(conversation.omittedTurns);
    expect(cut[0]).toEqual({ role: 'user', content: 'TASK' });
    expect(cut[1]?.content.startsWith(`reply ${conversation.omittedTurns + 1} `)).toBe(true);
    expect(cut[2]?.content.startsWith(`${note}\n\n`)).toBe(true);
    expect(messageTokens(cut)).toBeLessThanOrEqual(
      budget * TRIM_TO_SHARE + messageTokens([{ role: 'user', content: note }]),
    );
    expect(cut.map((message) => message.role)).toEqual(
      cut.map((_, index) => (index % 2 === 0 ? 'user' : 'assistant')),
    );
  });

  it('keeps the cut in place between trims, so consecutive turns share everything but the newest exchange', () => {
    const conversation = new Conversation('TASK', 2_000);
    const windows = grow(conversation, 30, 300);
    let steady = 0;
    let trims = 0;
    for (let turn = 1; turn < windows.length; turn++) {
      const before = windows[turn - 1] as ChatMessage[];
      const now = windows[turn] as ChatMessage[];
      if (sharedPrefix(before, now) === before.length) steady += 1;
      else {
        trims += 1;
        // Even a trim keeps the task message as it was: system + task stay one cached prefix.
        expect(sharedPrefix(before, now)).toBeGreaterThanOrEqual(1);
      }
    }
    expect(trims).toBe(conversation.trims);
    expect(trims).toBeGreaterThanOrEqual(3);
    // A trim every few turns at most: most turns extend the previous prompt unchanged.
    expect(steady).toBeGreaterThanOrEqual(3 * trims);
  });

  it('always keeps the newest exchange, even when it alone is over budget', () => {
    const conversation = new Conversation('TASK', 100);
    grow(conversation, 3, 1000);
    const window = conversation.window();
    expect(window).toHaveLength(3);
    expect(window.map(label)).toEqual(['TASK', 'reply3', 'output3']);
    expect(window[2]?.content.startsWith(omittedNote(2))).toBe(true);
    expect(conversation.last.content.startsWith('output 3')).toBe(true);
  });
});

describe('historyBudgetTokens', () => {
  it('is the window minus the reply room and the system prompt, counted at 3 characters per token', () => {
    expect(historyBudgetTokens({ contextWindow: 200_000, maxOutputTokens: 4096, systemChars: 3000 })).toBe(
      200_000 - 4096 - 1000 - 8,
    );
  });

  it('is never negative', () => {
    expect(historyBudgetTokens({ contextWindow: 4096, maxOutputTokens: 8192, systemChars: 0 })).toBe(0);
  });
});
