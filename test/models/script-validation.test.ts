/** YAML scripts: parsing from a file and clear ConfigErrors naming the file and the key. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/errors.js';
import { createModelClient } from '../../src/models/index.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rlm-script-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function scriptFile(name: string, yaml: string): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

function loadError(file: string): ConfigError {
  try {
    createModelClient({ backend: 'scripted', model: 'scripted', script: { file } });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('a YAML file with responses, sub_responses and default_sub_response loads and replays', async () => {
  const file = scriptFile(
    'good.yaml',
    [
      'responses:',
      '  - |',
      '    ```repl',
      '    print(len(context))',
      '    ```',
      '  - FINAL(done)',
      'sub_responses:',
      '  - match: "error"',
      '    response: "found {{prompt_chars}}"',
      'default_sub_response: nothing',
      '',
    ].join('\n'),
  );
  const client = createModelClient({ backend: 'scripted', model: 'scripted', script: { file } });
  const root = { kind: 'root' as const, depth: 0, nodeId: 'root' };
  const sub = { kind: 'llm_query' as const, depth: 1, nodeId: 'root' };
  const ask = async (purpose: typeof root | typeof sub, content: string): Promise<string> =>
    (await client.complete({ messages: [{ role: 'user', content }], purpose })).text;

  expect(await ask(root, 'go')).toBe('```repl\nprint(len(context))\n```\n');
  expect(await ask(sub, 'an error here')).toBe('found 13');
  expect(await ask(sub, 'fine')).toBe('nothing');
  expect(await ask(root, 'go')).toBe('FINAL(done)');
});

test.each([
  ['missing responses', 'sub_responses: []\n', 'script.responses', /`responses` is missing/],
  ['empty file', '', 'script.responses', /`responses` is missing/],
  ['responses not a list', 'responses: hello\n', 'script.responses', /must be a list of strings/],
  ['empty responses', 'responses: []\n', 'script.responses', /must not be empty/],
  ['a reply that is a mapping', 'responses:\n  - {a: 1}\n', 'script.responses[0]', /must be a string/],
  ['unknown top-level key', 'responses: [a]\nreplies: [b]\n', 'script.replies', /not a known key/],
  [
    'bad regex',
    'responses: [a]\nsub_responses:\n  - match: "(unclosed"\n    response: x\n',
    'script.sub_responses[0].match',
    /not a valid regular expression/,
  ],
  [
    'bad kind',
    'responses: [a]\nsub_responses:\n  - kind: rlm\n    response: x\n',
    'script.sub_responses[0].kind',
    /root or llm_query/,
  ],
  [
    'negative depth',
    'responses: [a]\nsub_responses:\n  - depth: -1\n    response: x\n',
    'script.sub_responses[0].depth',
    /whole number/,
  ],
  [
    'both response and responses',
    'responses: [a]\nsub_responses:\n  - response: x\n    responses: [y]\n',
    'script.sub_responses[0]',
    /exactly one of/,
  ],
  [
    'unknown rule key',
    'responses: [a]\nsub_responses:\n  - reply: x\n',
    'script.sub_responses[0].reply',
    /not a known key/,
  ],
  [
    'unknown placeholder',
    'responses: ["{{promt}}"]\n',
    'script.responses[0]',
    /unknown placeholder \{\{promt\}\}/,
  ],
])('%s → ConfigError naming the file and key', (name, yaml, key, message) => {
  const file = scriptFile(`${name.replace(/\W+/g, '-')}.yaml`, yaml);
  const error = loadError(file);

  expect(error.key).toBe(key);
  expect(error.message).toMatch(message);
  expect(error.message).toContain(file);
  expect(error.exitCode).toBe(5);
});

test('invalid YAML → ConfigError with the file path', () => {
  const file = scriptFile('broken.yaml', 'responses: [a, b\n');
  const error = loadError(file);
  expect(error.message).toContain(file);
  expect(error.message).toContain('not valid YAML');
});

test('a missing file → ConfigError', () => {
  const error = loadError(join(dir, 'nope.yaml'));
  expect(error.message).toContain('nope.yaml');
  expect(error.message).toContain('ENOENT');
});

test('a script written as JSON is a script, not a trajectory', async () => {
  const file = scriptFile('script.json', JSON.stringify({ responses: ['from json'] }));
  const client = createModelClient({ backend: 'scripted', model: 'scripted', script: { file } });
  const result = await client.complete({
    messages: [{ role: 'user', content: 'q' }],
    purpose: { kind: 'root', depth: 0, nodeId: 'root' },
  });
  expect(result.text).toBe('from json');
});

test('numbers in replies are taken as text', async () => {
  const file = scriptFile('numbers.yaml', 'responses: [42]\n');
  const client = createModelClient({ backend: 'scripted', model: 'scripted', script: { file } });
  const result = await client.complete({
    messages: [{ role: 'user', content: 'q' }],
    purpose: { kind: 'root', depth: 0, nodeId: 'root' },
  });
  expect(result.text).toBe('42');
});
