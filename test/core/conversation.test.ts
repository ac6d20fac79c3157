import { fitHistory, omittedNote } from '../../src/core/conversation.js';
import type { ChatMessage } from '../../src/models/types.js';

function conversation(turns: number, chars: number): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: 'user', content: 'TASK' }];
  for (let turn = 1; turn <= turns; turn++) {
    messages.push({ role: 'assistant', content: `reply ${turn} `.padEnd(chars, '.') });
    messages.push({ role: 'user', content: `output ${turn} `.padEnd(chars, '.') });
  }
  return messages;
}

describe('fitHistory', () => {
  it('sends everything while it fits', () => {
    const messages = conversation(3, 10);
    expect(fitHistory(messages, 1000)).toBe(messages);
  });

  it('drops the oldest exchanges, keeps the task and says how many went', () => {
    const messages = conversation(10, 100);
    const fitted = fitHistory(messages, 450);
    expect(fitted[0]?.content).toBe(`TASK\n\n${omittedNote(8)}`);
    expect(fitted.slice(1).map((message) => message.content.split(' ').slice(0, 2).join(''))).toEqual([
      'reply9',
      'output9',
      'reply10',
      'output10',
    ]);
    expect(fitted.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
  });

  it('always keeps the newest exchange, even when it alone is over budget', () => {
    const fitted = fitHistory(conversation(3, 1000), 100);
    expect(fitted).toHaveLength(3);
    expect(fitted[2]?.content.startsWith('output 3')).toBe(true);
  });
});
