import { extractCodeBlocks } from '../../src/core/code-blocks.js';
import { parseFinalDirective, parseTurnDirective } from '../../src/core/final-answer.js';

describe('parseFinalDirective', () => {
  it('reads FINAL(text) anywhere in prose, not only at the start of a line', () => {
    expect(parseFinalDirective('All checks done, so FINAL(42 files changed)')).toEqual({
      kind: 'text',
      text: '42 files changed',
    });
  });

  it('keeps nested parentheses', () => {
    expect(parseFinalDirective('FINAL(f(x) = (a + b) * g(y))')).toEqual({
      kind: 'text',
      text: 'f(x) = (a + b) * g(y)',
    });
  });

  it('reads a multi-line answer', () => {
    expect(parseFinalDirective('FINAL(line one\nline two\n  line three)')).toEqual({
      kind: 'text',
      text: 'line one\nline two\n  line three',
    });
  });

  it('decodes a quoted argument as a Python string literal, parentheses inside quotes included', () => {
    expect(parseFinalDirective('FINAL("a ) b \\"quoted\\"\\nnext")')).toEqual({
      kind: 'text',
      text: 'a ) b "quoted"\nnext',
    });
    expect(parseFinalDirective("FINAL('''multi\nline''')")).toEqual({ kind: 'text', text: 'multi\nline' });
  });

  it('does not treat an apostrophe in unquoted prose as a string', () => {
    expect(parseFinalDirective("FINAL(It's done (mostly))")).toEqual({
      kind: 'text',
      text: "It's done (mostly)",
    });
  });

  it('ignores FINAL inside fenced code blocks', () => {
    const reply = 'Let me compute.\n```repl\nFINAL(wrong)\n```\nStill working.';
    expect(parseFinalDirective(reply)).toBeNull();
    const python = 'Example:\n```python\nprint("FINAL(nope)")\n```';
    expect(parseFinalDirective(python)).toBeNull();
  });

  it('ignores FINAL inside an unclosed fence (a truncated reply)', () => {
    expect(parseFinalDirective('```repl\nx = 1\nFINAL(x)')).toBeNull();
  });

  it('finds FINAL after a code block', () => {
    expect(parseFinalDirective('```repl\nprint(1)\n```\nFINAL(one)')).toEqual({ kind: 'text', text: 'one' });
  });

  it('takes the last complete FINAL when the model announces one first', () => {
    expect(parseFinalDirective('I will call FINAL(answer) when done.\nFINAL(the real one)')).toEqual({
      kind: 'text',
      text: 'the real one',
    });
  });

  it('reads FINAL_VAR with or without quotes', () => {
    expect(parseFinalDirective('FINAL_VAR(result)')).toEqual({ kind: 'var', name: 'result' });
    expect(parseFinalDirective('FINAL_VAR( "summary" )')).toEqual({ kind: 'var', name: 'summary' });
  });

  it('does not match identifiers that merely end in FINAL', () => {
    expect(parseFinalDirective('call NOT_FINAL(x) or obj.FINAL(y)')).toBeNull();
  });

  it('returns null for an unbalanced FINAL(', () => {
    expect(parseFinalDirective('FINAL(never closed')).toBeNull();
  });

  it('returns null when there is no directive', () => {
    expect(parseFinalDirective('Just thinking about the final answer.')).toBeNull();
  });
});

describe('parseTurnDirective', () => {
  const turn = (reply: string) => parseTurnDirective(reply, extractCodeBlocks(reply));

  it('ignores a FINAL announced before code the model still wants to run', () => {
    expect(
      turn('First I count them, then FINAL(the count).\n```repl\nprint(len(context))\n```\n'),
    ).toBeNull();
  });

  it('takes a FINAL written after the code (compute, then FINAL_VAR)', () => {
    expect(turn('```repl\nresult = len(context)\n```\nFINAL_VAR(result)')).toEqual({
      kind: 'var',
      name: 'result',
    });
  });

  it('reads the whole reply when there is no runnable block', () => {
    expect(turn('Done.\n```text\nnotes\n```\nFINAL(7)')).toEqual({ kind: 'text', text: '7' });
  });
});
