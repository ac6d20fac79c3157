/** The fake provider's prompt-cache simulation, directly and through the real SDK and our adapter. */
import { createModelClient } from '../../src/models/index.js';
import type { ChatMessage, CompletionRequest } from '../../src/models/types.js';
import { PromptCache } from '../support/fake-provider/prompt-cache.js';
import { startFakeProvider, type FakeProvider } from '../support/fake-provider/server.js';

const SYSTEM = 's'.repeat(8000); // 2000 tokens
const TASK = 't'.repeat(400); // 100 tokens
const cached = (text: string) => [{ type: 'text', text, cache_control: { type: 'ephemeral' } }];

function body(messages: unknown[], system: unknown = cached(SYSTEM)): Record<string, unknown> {
  return { model: 'claude-sonnet-5-5', max_tokens: 10, system, messages };
}

describe('PromptCache', () => {
  it('writes the prefix up to the last breakpoint, then reads it back from a later request that extends it', () => {
    const cache = new PromptCache();
    const first = [{ role: 'user', content: cached(TASK) }];
    expect(cache.usageOf(body(first))).toEqual({ input: 0, cacheRead: 0, cacheWrite: 2100 });

    const second = [
      { role: 'user', content: cached(TASK) },
      { role: 'assistant', content: 'a'.repeat(200) },
      { role: 'user', content: cached('u'.repeat(200)) },
    ];
    expect(cache.usageOf(body(second))).toEqual({ input: 0, cacheRead: 2100, cacheWrite: 100 });
    // The same request again reads everything.
    expect(cache.usageOf(body(second))).toEqual({ input: 0, cacheRead: 2200, cacheWrite: 0 });
  });

  it('bills everything as input without breakpoints, and after the last breakpoint', () => {
    const cache = new PromptCache();
    expect(cache.usageOf(body([{ role: 'user', content: TASK }], SYSTEM))).toEqual({
      input: 2100,
      cacheRead: 0,
      cacheWrite: 0,
    });
    expect(cache.usageOf(body([{ role: 'user', content: TASK }]))).toEqual({
      input: 100,
      cacheRead: 0,
      cacheWrite: 2000,
    });
    expect(cache.size).toBe(1);
  });

  it('misses when anything before the breakpoint changed, finds entries only 20 blocks back, and forgets after the TTL', () => {
    let now = 0;
    const cache = new PromptCache({ ttlMs: 1000, now: () => now });
    cache.usageOf(body([{ role: 'user', content: cached(TASK) }]));
    expect(cache.usageOf(body([{ role: 'user', content: cached(`${TASK}!`) }])).cacheRead).toBe(2000);

    const long: unknown[] = [{ role: 'user', content: TASK }];
    for (let i = 0; i < 11; i++)
      long.push({ role: 'assistant', content: `a${i}` }, { role: 'user', content: `u${i}` });
    (long[long.length - 1] as { content: unknown }).content = cached('last');
    // The task-level entry is 22 blocks before the breakpoint: out of reach, only the system prompt is read.
    expect(cache.usageOf(body(long)).cacheRead).toBe(2000);

    now = 5000;
    expect(cache.usageOf(body([{ role: 'user', content: cached(TASK) }])).cacheRead).toBe(0);
  });

  it('does not cache a prefix under the minimum length', () => {
    const cache = new PromptCache({ minTokens: 1024 });
    const short = body([{ role: 'user', content: cached(TASK) }], cached('short system'));
    expect(cache.usageOf(short)).toEqual({ input: 103, cacheRead: 0, cacheWrite: 0 });
    expect(cache.usageOf(short).cacheRead).toBe(0);
  });
});

describe('prompt caching over HTTP', () => {
  let fake: FakeProvider;
  beforeEach(async () => {
    fake = await startFakeProvider({ promptCache: true });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('reports cache reads and writes for the breakpoints our adapter marks, turn after turn', async () => {
    const client = createModelClient({
      backend: 'anthropic',
      model: 'claude-sonnet-5-5',
      apiKey: 'k',
      baseUrl: fake.anthropicBaseUrl,
    });
    const messages: ChatMessage[] = [{ role: 'user', content: TASK }];
    const turn = (): CompletionRequest => ({
      system: SYSTEM,
      messages: [...messages],
      purpose: { kind: 'root', depth: 0, nodeId: 'root' },
      onText: () => undefined,
    });
    const first = await client.complete(turn());
    messages.push({ role: 'assistant', content: first.text }, { role: 'user', content: 'u'.repeat(400) });
    const second = await client.complete(turn());

    expect(first.usage).toMatchObject({ inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 2100 });
    expect(second.usage).toMatchObject({ inputTokens: 0, cacheReadTokens: 2100, cacheWriteTokens: 101 });
  });

  it('answers more than 4 breakpoints with the provider’s 400', async () => {
    const response = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        body([1, 2, 3, 4].map((i) => ({ role: i % 2 ? 'user' : 'assistant', content: cached(`m${i}`) }))),
      ),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });
});
