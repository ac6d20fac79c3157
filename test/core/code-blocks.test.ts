import { extractCodeBlocks, proseOnly } from '../../src/core/code-blocks.js';

describe('extractCodeBlocks', () => {
  it('returns repl blocks in order', () => {
    const reply = 'First\n```repl\na = 1\n```\nthen\n```repl\nprint(a)\n```';
    expect(extractCodeBlocks(reply).map((block) => block.code)).toEqual(['a = 1', 'print(a)']);
  });

  it('accepts python and py fences, but not other languages', () => {
    const reply = '```python\nx = 1\n```\n```py\ny = 2\n```\n```json\n{"a": 1}\n```\n```\nplain\n```';
    expect(extractCodeBlocks(reply).map((block) => [block.language, block.code])).toEqual([
      ['python', 'x = 1'],
      ['py', 'y = 2'],
    ]);
  });

  it('keeps blank lines and indentation inside a block', () => {
    const code = 'def f():\n    return 1\n\n\nprint(f())';
    expect(extractCodeBlocks('```repl\n' + code + '\n```')[0]?.code).toBe(code);
  });

  it('closes a block only with a fence at least as long as the opening one', () => {
    const reply = '````repl\ns = """\n```\n"""\nprint(s)\n````';
    expect(extractCodeBlocks(reply)[0]?.code).toBe('s = """\n```\n"""\nprint(s)');
  });

  it('runs an unclosed block to the end of the reply', () => {
    expect(extractCodeBlocks('text\n```repl\nprint(1)')[0]?.code).toBe('print(1)');
  });

  it('drops empty blocks', () => {
    expect(extractCodeBlocks('```repl\n\n```')).toEqual([]);
  });

  it('blanks code out of the prose, keeping offsets', () => {
    const reply = 'a\n```repl\nFINAL(x)\n```\nb';
    const prose = proseOnly(reply);
    expect(prose).toHaveLength(reply.length);
    expect(prose).not.toContain('FINAL');
    expect(prose.startsWith('a\n')).toBe(true);
    expect(prose.endsWith('\nb')).toBe(true);
  });
});
