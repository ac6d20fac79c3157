/** The scripted backend: root replies in order, sub-call rules, child scripts, templates, exhaustion. */
import { ModelApiError } from '../../src/errors.js';
import { createModelClient, type ScriptDefinition } from '../../src/models/index.js';
import type { CallPurpose, ModelClient } from '../../src/models/types.js';
import { rejectionOf } from './harness.js';

function scripted(script: ScriptDefinition): ModelClient {
  return createModelClient({ backend: 'scripted', model: 'scripted', script: { script } });
}

async function say(client: ModelClient, purpose: CallPurpose, prompt: string): Promise<string> {
  const result = await client.complete({ messages: [{ role: 'user', content: prompt }], purpose });
  return result.text;
}

const root: CallPurpose = { kind: 'root', depth: 0, nodeId: 'root' };
const subCall = (nodeId = 'root', depth = 1): CallPurpose => ({ kind: 'llm_query', depth, nodeId });
const child = (nodeId: string, depth = 1): CallPurpose => ({ kind: 'root', depth, nodeId });

test('root replies come back in order, whatever the prompt', async () => {
  const client = scripted({ responses: ['first', 'second', 'third'] });
  expect([await say(client, root, 'a'), await say(client, root, 'b'), await say(client, root, 'c')]).toEqual([
    'first',
    'second',
    'third',
  ]);
});

test('running out of root replies is a clear ModelApiError, not a hang', async () => {
  const client = scripted({ responses: ['only one'] });
  await say(client, root, 'a');

  const error = (await rejectionOf(say(client, root, 'b'))) as ModelApiError;

  expect(error).toBeInstanceOf(ModelApiError);
  expect(error.message).toContain('no reply left for root turn 2');
  expect(error.message).toContain('has 1');
  expect(error.provider).toBe('scripted');
  expect(error.fix).toContain('responses');
});

test('sub-call rules: first match wins, by regex, kind, depth and node glob', async () => {
  const client = scripted({
    responses: ['root reply'],
    sub_responses: [
      { match: '^Summar', response: 'a summary' },
      { kind: 'llm_query', depth: 2, response: 'deep answer' },
      { node: 'root.*', kind: 'llm_query', response: 'from a child node' },
      { kind: 'llm_query', response: 'generic answer' },
    ],
  });

  expect(await say(client, subCall(), 'Summarize the log')).toBe('a summary');
  expect(await say(client, subCall('root.1.2', 2), 'classify')).toBe('deep answer');
  expect(await say(client, subCall('root.3'), 'classify')).toBe('from a child node');
  expect(await say(client, subCall(), 'classify')).toBe('generic answer');
  // Rules never consume root replies.
  expect(await say(client, root, 'go')).toBe('root reply');
});

test('a rule with a responses list replays in order, then stops matching', async () => {
  const client = scripted({
    responses: ['r'],
    sub_responses: [{ kind: 'llm_query', responses: ['one', 'two'] }],
    default_sub_response: 'fallback',
  });
  const answers = [];
  for (let i = 0; i < 3; i++) answers.push(await say(client, subCall(), 'q'));
  expect(answers).toEqual(['one', 'two', 'fallback']);
});

test('child RLM nodes each replay their multi-turn script from the start', async () => {
  const client = scripted({
    responses: ['root turn'],
    sub_responses: [{ kind: 'root', node: 'root.*', responses: ['child turn 1', 'child turn 2 ({{node}})'] }],
  });

  expect(await say(client, child('root.1'), 'task a')).toBe('child turn 1');
  expect(await say(client, child('root.2'), 'task b')).toBe('child turn 1');
  expect(await say(client, child('root.1'), 'output')).toBe('child turn 2 (root.1)');
  expect(await say(client, child('root.2'), 'output')).toBe('child turn 2 (root.2)');
});

test('a sub-call nothing matches, without a default, names the call', async () => {
  const client = scripted({ responses: ['r'], sub_responses: [{ match: 'never', response: 'x' }] });

  const error = (await rejectionOf(say(client, subCall('root.4', 1), 'what is this'))) as ModelApiError;

  expect(error).toBeInstanceOf(ModelApiError);
  expect(error.message).toContain('llm_query call of node root.4 at depth 1');
  expect(error.message).toContain('what is this');
});

test('templates put the real prompt into replies', async () => {
  const prompt = 'line one\nline two\n' + 'x'.repeat(100);
  const client = scripted({
    responses: ['root saw {{prompt_chars}} chars'],
    default_sub_response:
      'got {{prompt_chars}} chars in {{prompt_lines}} lines at {{node}}/{{depth}}/{{kind}}: {{prompt_preview}}|{{prompt}}',
  });

  expect(await say(client, root, 'abc')).toBe('root saw 3 chars');
  const reply = await say(client, subCall('root.2', 1), prompt);
  expect(reply).toBe(
    `got ${prompt.length} chars in 3 lines at root.2/1/llm_query: ${prompt.slice(0, 80).replace(/\s+/g, ' ')}|${prompt}`,
  );
});

test('usage is approximated at four characters per token; latency and attempts are set', async () => {
  const client = scripted({ responses: ['12345678'] });
  const result = await client.complete({
    system: 'abcd',
    messages: [
      { role: 'user', content: 'abcdefgh' },
      { role: 'assistant', content: 'a' },
      { role: 'user', content: 'abc' },
    ],
    purpose: root,
  });

  expect(result.usage).toEqual({
    inputTokens: Math.ceil(16 / 4),
    outputTokens: 2,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
  });
  expect(result).toMatchObject({ model: 'scripted', attempts: 1, stopReason: 'end_turn' });
  expect(result.latencyMs).toBeGreaterThanOrEqual(0);
});

test('onText receives the whole reply', async () => {
  const client = scripted({ responses: ['streamed'] });
  const deltas: string[] = [];
  await client.complete({
    messages: [{ role: 'user', content: 'q' }],
    purpose: root,
    onText: (d) => deltas.push(d),
  });
  expect(deltas).toEqual(['streamed']);
});

test('an aborted signal rejects with its reason', async () => {
  const client = scripted({ responses: ['r'] });
  const controller = new AbortController();
  const reason = new Error('stop');
  controller.abort(reason);
  await expect(
    client.complete({ messages: [{ role: 'user', content: 'q' }], purpose: root, signal: controller.signal }),
  ).rejects.toBe(reason);
});
