import { describe, expect, it } from '@jest/globals';
import { depthWithin, parseReplMessage } from '../../src/sandbox/protocol/messages.js';

const output = { text: 'hi\n', totalBytes: 3, truncatedBytes: 0 };

describe('parseReplMessage', () => {
  it('accepts well-formed frames of every type', () => {
    expect(parseReplMessage({ t: 'ready', pid: 12, python: '3.11.2' })).toEqual({
      t: 'ready',
      pid: 12,
      python: '3.11.2',
    });
    expect(
      parseReplMessage({
        t: 'exec_done',
        id: 3,
        status: 'error',
        stdout: output,
        stderr: output,
        error: 'Traceback',
        answer: { content: 'a', ready: true },
      }),
    ).toEqual({
      t: 'exec_done',
      id: 3,
      status: 'error',
      stdout: output,
      stderr: output,
      error: 'Traceback',
      answer: { content: 'a', ready: true },
    });
    expect(parseReplMessage({ t: 'ns_done', id: 1, ok: false, error: 'boom' })).toEqual({
      t: 'ns_done',
      id: 1,
      ok: false,
      error: 'boom',
    });
    expect(parseReplMessage({ t: 'var', id: 2, found: true, value: 'v' })).toEqual({
      t: 'var',
      id: 2,
      found: true,
      value: 'v',
    });
    expect(parseReplMessage({ t: 'call', id: 9, exec: null, wait: true, name: 'llm', args: [1] })).toEqual({
      t: 'call',
      id: 9,
      exec: null,
      wait: true,
      name: 'llm',
      args: [1],
    });
  });

  it.each([
    ['a non-object', [1, 2]],
    ['an unknown type', { t: 'shell' }],
    ['a negative id', { t: 'ns_done', id: -1, ok: true }],
    ['a fractional id', { t: 'ns_done', id: 1.5, ok: true }],
    ['a wrong status', { t: 'exec_done', id: 1, status: 'great', stdout: output, stderr: output }],
    ['missing output', { t: 'exec_done', id: 1, status: 'ok', stdout: output }],
    [
      'a cut larger than the total',
      {
        t: 'exec_done',
        id: 1,
        status: 'ok',
        stdout: { text: '', totalBytes: 1, truncatedBytes: 2 },
        stderr: output,
      },
    ],
    [
      'a non-string answer',
      {
        t: 'exec_done',
        id: 1,
        status: 'ok',
        stdout: output,
        stderr: output,
        answer: { content: 1, ready: true },
      },
    ],
    ['a call without a name', { t: 'call', id: 1, exec: 1, args: null }],
    ['a call with a string exec id', { t: 'call', id: 1, exec: '1', name: 'x', args: null }],
  ])('rejects %s', (_name, frame) => {
    expect(() => parseReplMessage(frame)).toThrow();
  });
});

describe('depthWithin', () => {
  it('measures nesting without recursion', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(depthWithin(deep, 128)).toBe(false);
    expect(depthWithin({ a: [{ b: 1 }] }, 128)).toBe(true);
  });
});
