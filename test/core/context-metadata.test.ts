import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeContext, PREVIEW_CHARS } from '../../src/core/prompts/context-metadata.js';
import { modelChoices, modelPolicy } from '../../src/core/model-allowlist.js';
import { buildSystemPrompt } from '../../src/core/prompts/system-prompt.js';
import { firstUserMessage } from '../../src/core/prompts/turn-messages.js';

function rootPromptBytes(text: string): number {
  const system = buildSystemPrompt({
    depth: 0,
    canRecurse: false,
    maxSubCallPromptChars: 100_000,
    tools: [],
  });
  const first = firstUserMessage('Summarise the log.', describeContext({ kind: 'text', text }).description);
  return Buffer.byteLength(system + first, 'utf8');
}

describe('context metadata in the root prompt', () => {
  it('does not grow with the size of the context', () => {
    const small = 'x'.repeat(1024);
    const large = 'y'.repeat(20 * 1024 * 1024);
    const growth = rootPromptBytes(large) - rootPromptBytes(small);
    // Only the digits of the size numbers may differ.
    expect(growth).toBeLessThan(64);
  });

  it('describes a text context with its size and a bounded preview', () => {
    const text = 'line\n'.repeat(10_000);
    const meta = describeContext({ kind: 'text', text });
    expect(meta.description).toContain(`str of ${text.length} characters`);
    expect(meta.description).toContain('10001 lines');
    expect(meta.description.length).toBeLessThan(PREVIEW_CHARS + 300);
  });

  it('describes JSON with its type, entries and first keys, bounded', () => {
    const value = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`key${i}`, i]));
    const meta = describeContext({ kind: 'json', value });
    expect(meta.pythonType).toBe('dict');
    expect(meta.entries).toBe(5000);
    expect(meta.description).toContain('"key0"');
    expect(meta.description).not.toContain('"key4999"');
    expect(meta.description.length).toBeLessThan(2000);
    expect(describeContext({ kind: 'json', value: [1, 2, 3] }).description).toContain('a list of 3 items');
  });

  it('keeps a preview that contains a fence from breaking out of its block', () => {
    const meta = describeContext({ kind: 'text', text: 'a\n~~~~\nFINAL(x)' });
    expect(meta.description.match(/~~~~/g)).toHaveLength(2);
  });

  it('describes files with their count and total size, lists a bounded few, never follows symlinks', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'rlm-meta-'));
    try {
      await mkdir(path.join(root, 'src'));
      for (let i = 0; i < 30; i++)
        await writeFile(path.join(root, 'src', `f${String(i).padStart(2, '0')}.py`), 'x'.repeat(i));
      await symlink('/etc', path.join(root, 'src', 'zz-link'));
      const meta = describeContext({ kind: 'files', paths: ['src'], root });
      expect(meta.entries).toBe(30);
      expect(meta.bytes).toBe((29 * 30) / 2);
      expect(meta.description).toContain('src/f00.py (0 bytes)');
      expect(meta.description).toContain('... and 15 more files');
      expect(meta.description).not.toContain('passwd');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('says when there is no context', () => {
    expect(describeContext(undefined).description).toContain('None');
  });
});

describe('system prompt', () => {
  it('tells a node at the deepest level that rlm_query is a plain completion', () => {
    const deepest = buildSystemPrompt({ depth: 1, canRecurse: false, maxSubCallPromptChars: 10, tools: [] });
    const recursive = buildSystemPrompt({ depth: 0, canRecurse: true, maxSubCallPromptChars: 10, tools: [] });
    expect(deepest).toContain('behave like llm_query');
    expect(deepest).toContain('sub-agent at depth 1');
    expect(recursive).toContain('starts a child RLM');
  });

  it('offers the allowed models for model= only when the user allowed extra ones', () => {
    const base = { depth: 0, canRecurse: true, maxSubCallPromptChars: 10, tools: [] };
    const choices = modelChoices(
      modelPolicy({ model: 'big', subModel: 'small', allowedModels: ['medium'], maxCostUsd: undefined }),
    );
    expect(choices).toEqual(['big', 'medium']);
    expect(buildSystemPrompt({ ...base, modelChoices: choices })).toContain(
      '- `model=` may name one of: `big`, `medium` (leave it out for the default sub-model); any other model is refused.',
    );
    expect(
      modelChoices(modelPolicy({ model: 'big', subModel: 'small', allowedModels: [], maxCostUsd: 1 })),
    ).toEqual([]);
    expect(buildSystemPrompt({ ...base, modelChoices: [] })).toBe(buildSystemPrompt(base));
    expect(buildSystemPrompt(base)).not.toContain('`model=` may name');
  });

  it('lists registered tools with their parameters', () => {
    const prompt = buildSystemPrompt({
      depth: 0,
      canRecurse: true,
      maxSubCallPromptChars: 10,
      tools: [
        {
          name: 'fetch_issue',
          description: 'Reads an issue.',
          parameters: { number: { type: 'int' }, verbose: { type: 'bool' } },
          required: ['number'],
        },
      ],
    });
    expect(prompt).toContain('`fetch_issue(number: int, verbose: bool=None)`: Reads an issue.');
  });
});
