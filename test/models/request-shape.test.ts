/** What each adapter puts on the wire: system prompt, cache breakpoints, streaming options. */
import { startFakeProvider, type FakeProvider } from '../support/fake-provider/server.js';
import { clientFor, PROVIDERS, TEST_KEY } from './harness.js';
import { createModelClient } from '../../src/models/index.js';
import type { CompletionRequest } from '../../src/models/types.js';

const [anthropic, openai] = PROVIDERS as [(typeof PROVIDERS)[0], (typeof PROVIDERS)[0]];

let fake: FakeProvider;
beforeEach(async () => {
  fake = await startFakeProvider();
});
afterEach(async () => {
  await fake.close();
});

const conversation: CompletionRequest = {
  system: 'You are an RLM.',
  messages: [
    { role: 'user', content: 'turn 1' },
    { role: 'assistant', content: 'reply 1' },
    { role: 'user', content: 'turn 2' },
  ],
  maxOutputTokens: 1234,
  purpose: { kind: 'root', depth: 0, nodeId: 'root' },
};

function body(index = 0): Record<string, unknown> {
  return fake.requests[index]?.body ?? {};
}

describe('anthropic request', () => {
  test('caches the system prompt and, for an RLM turn, the task message and the conversation up to the last message', async () => {
    const { client } = clientFor(fake, anthropic);
    await client.complete(conversation);

    expect(body().system).toEqual([
      { type: 'text', text: 'You are an RLM.', cache_control: { type: 'ephemeral' } },
    ]);
    expect(body().messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'turn 1', cache_control: { type: 'ephemeral' } }] },
      { role: 'assistant', content: 'reply 1' },
      { role: 'user', content: [{ type: 'text', text: 'turn 2', cache_control: { type: 'ephemeral' } }] },
    ]);
    expect(body().max_tokens).toBe(1234);
  });

  test('promptCache: false sends no cache_control anywhere', async () => {
    const { client } = clientFor(fake, anthropic, { promptCache: false });
    await client.complete(conversation);

    expect(body().system).toEqual([{ type: 'text', text: 'You are an RLM.' }]);
    expect(body().messages).toEqual(conversation.messages);
  });

  test('a one-shot llm_query sub-call gets no message cache breakpoint', async () => {
    const { client } = clientFor(fake, anthropic);
    await client.complete({
      messages: [{ role: 'user', content: 'summarise this' }],
      purpose: { kind: 'llm_query', depth: 1, nodeId: 'root' },
    });

    expect(body().messages).toEqual([{ role: 'user', content: 'summarise this' }]);
    expect(body().system).toBeUndefined();
    expect(typeof body().max_tokens).toBe('number');
  });
});

describe('openai request', () => {
  test('sends the system prompt as a system message and max_completion_tokens', async () => {
    const { client } = clientFor(fake, openai);
    await client.complete(conversation);

    expect(body().messages).toEqual([
      { role: 'system', content: 'You are an RLM.' },
      { role: 'user', content: 'turn 1' },
      { role: 'assistant', content: 'reply 1' },
      { role: 'user', content: 'turn 2' },
    ]);
    expect(body().max_completion_tokens).toBe(1234);
  });

  test('asks for usage in streams (stream_options.include_usage)', async () => {
    const { client } = clientFor(fake, openai);
    await client.complete({ ...conversation, onText: () => undefined });

    expect(body().stream).toBe(true);
    expect(body().stream_options).toEqual({ include_usage: true });
  });

  test('a compatible server that sends no usage in a stream gets approximate counts, not zeros', async () => {
    // The fake sends the usage chunk only when asked: dropping the option plays a server that ignores it.
    fake.setResponder((request) => {
      delete request.body.stream_options;
      return { type: 'reply', text: 'twelve chars' };
    });
    const { client } = clientFor(fake, openai);
    const result = await client.complete({ ...conversation, onText: () => undefined });

    expect(result.usage.outputTokens).toBe(Math.ceil('twelve chars'.length / 4));
    expect(result.usage.inputTokens).toBeGreaterThan(0);
  });
});

describe('litellm and OpenAI-compatible endpoints', () => {
  test('litellm uses the OpenAI wire format at base_url with the LiteLLM key', async () => {
    const client = createModelClient({
      backend: 'litellm',
      model: 'anthropic/claude-haiku-4-5',
      baseUrl: fake.openaiBaseUrl,
      apiKey: TEST_KEY,
    });
    const result = await client.complete({
      messages: [{ role: 'user', content: 'hi' }],
      purpose: { kind: 'root', depth: 0, nodeId: 'root' },
    });

    expect(client.backend).toBe('litellm');
    expect(result.text).toBe('ok');
    expect(fake.requests[0]).toMatchObject({ api: 'openai', model: 'anthropic/claude-haiku-4-5' });
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });

  test('an openai backend with base_url and no key works against a keyless server', async () => {
    const client = createModelClient({ backend: 'openai', model: 'llama3', baseUrl: fake.openaiBaseUrl });
    const result = await client.complete({
      messages: [{ role: 'user', content: 'hi' }],
      purpose: { kind: 'root', depth: 0, nodeId: 'root' },
    });
    expect(result.text).toBe('ok');
    expect(fake.requests).toHaveLength(1);
  });
});
