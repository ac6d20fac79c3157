/** Python names for MCP tools, results as Python values, and the bounded tool list of the system prompt. */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { buildSystemPrompt, MAX_PROMPT_TOOLS } from '../../src/core/prompts/system-prompt.js';
import { PRELUDE_NAMES } from '../../src/core/prelude.js';
import { pythonToolNames } from '../../src/tools/tool-names.js';
import { ToolResultError, toPythonValue } from '../../src/tools/tool-result.js';

describe('pythonToolNames', () => {
  it('keeps a free name, makes it Python-safe, and prefixes only clashing ones with their server', () => {
    const names = pythonToolNames(
      [
        { server: 'docs', tool: 'search' },
        { server: 'code-index', tool: 'search' },
        { server: 'docs', tool: 'get-page' },
        { server: 'docs', tool: 'llm_query' },
        { server: 'docs', tool: '2fa.check' },
        { server: 'docs', tool: 'class' },
      ],
      [...PRELUDE_NAMES, 'fetch_issue'],
    );
    expect(names).toEqual([
      'docs__search',
      'code_index__search',
      'get_page',
      'docs__llm_query',
      't_2fa_check',
      'docs__class',
    ]);
  });

  it('never hands out a taken name twice', () => {
    expect(pythonToolNames([{ server: 'a', tool: 'x' }], ['x', 'a__x'])).toEqual(['a__x_2']);
  });
});

describe('toPythonValue', () => {
  const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });

  it('JSON objects and arrays become dict / list; other text stays str', () => {
    expect(toPythonValue(text('{"sections": [1]}'))).toEqual({ sections: [1] });
    expect(toPythonValue(text('[1, 2]'))).toEqual([1, 2]);
    expect(toPythonValue(text('42'))).toBe('42');
    expect(toPythonValue(text('{not json'))).toBe('{not json');
    expect(toPythonValue({ content: [], structuredContent: { a: 1 } })).toEqual({ a: 1 });
  });

  it('describes images instead of passing their bytes', () => {
    expect(
      toPythonValue({
        content: [
          { type: 'text', text: 'logo:' },
          { type: 'image', data: 'QUJD', mimeType: 'image/png' },
        ],
      }),
    ).toEqual(['logo:', { type: 'image', mimeType: 'image/png', base64_chars: 4 }]);
  });

  it('raises the tool-reported error, and caps what is too big', () => {
    expect(() =>
      toPythonValue({ isError: true, content: [{ type: 'text', text: 'quota exceeded' }] }),
    ).toThrow(new ToolResultError('quota exceeded'));
    const capped = toPythonValue(text('x'.repeat(500)), 100);
    expect(typeof capped).toBe('string');
    expect(String(capped).startsWith('x'.repeat(100))).toBe(true);
    expect(String(capped)).toContain('400 characters cut');
  });
});

describe('tools in the system prompt', () => {
  it('are listed with signatures, bounded in number and description length', () => {
    const tools = Array.from({ length: MAX_PROMPT_TOOLS + 5 }, (_, index) => ({
      name: `tool_${index}`,
      description: `Does thing ${index}. ${'More words. '.repeat(40)}`,
      parameters: { query: { type: 'string' }, limit: { type: 'integer' } },
      required: ['query'],
    }));
    const prompt = buildSystemPrompt({ depth: 0, canRecurse: false, maxSubCallPromptChars: 1000, tools });
    expect(prompt).toContain('- `tool_0(query: string, limit: integer=None)`: Does thing 0.');
    expect(prompt).toContain(`tool_${MAX_PROMPT_TOOLS - 1}(`);
    expect(prompt).not.toContain(`tool_${MAX_PROMPT_TOOLS}(`);
    expect(prompt).toContain('... and 5 more: call SHOW_TOOLS() to see them.');
    const line = prompt.split('\n').find((candidate) => candidate.startsWith('- `tool_0('));
    expect(line?.length).toBeLessThan(300);
  });
});
