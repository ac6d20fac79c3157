/**
 * The RLM's model-request settings reach the real SDK clients: retries are
 * reported as model_retry events (for progress lines), maxRetries and
 * modelTimeoutMs change what the client does, and bad values are config errors.
 */
import { ConfigError } from '../../src/errors.js';
import { RLM } from '../../src/rlm.js';
import type { RunEvent } from '../../src/rlm-options.js';
import { startFakeProvider, type FakeProvider } from '../support/fake-provider/server.js';
import { createHarness, type Harness } from './harness.js';

let fake: FakeProvider;
let harness: Harness;

beforeEach(async () => {
  fake = await startFakeProvider();
  harness = await createHarness({ responses: [] });
});

afterEach(async () => {
  await fake.close();
  await harness.cleanup();
});

function openai(extra: Record<string, unknown> = {}): RLM {
  return harness.rlm({
    backend: 'openai',
    model: 'gpt-4o-mini',
    baseUrl: fake.openaiBaseUrl,
    apiKey: 'test-key-123456',
    ...extra,
  });
}

describe('model requests', () => {
  it('reports a retry as a model_retry event and then succeeds', async () => {
    fake.enqueue(
      { type: 'error', status: 429, headers: { 'retry-after-ms': '20' } },
      { type: 'reply', text: 'FINAL(done)' },
    );
    const events: RunEvent[] = [];
    const result = await openai({ onEvent: (event: RunEvent) => events.push(event) }).completion('Task');
    expect(result).toMatchObject({ success: true, response: 'done', exitCode: 0 });
    const retries = events.filter((event) => event.type === 'model_retry');
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({
      type: 'model_retry',
      callId: 'c1',
      nodeId: 'root',
      depth: 0,
      kind: 'root',
      model: 'gpt-4o-mini',
      provider: 'openai',
      attempt: 1,
      maxAttempts: 5,
      status: 429,
      delayMs: 20,
    });
    expect(fake.requests).toHaveLength(2);
  });

  it('maxRetries: 0 sends a failing request once and ends the run with exit code 4', async () => {
    fake.enqueue({ type: 'error', status: 500 }, { type: 'reply', text: 'FINAL(never)' });
    const events: RunEvent[] = [];
    const result = await openai({
      maxRetries: 0,
      onEvent: (event: RunEvent) => events.push(event),
    }).completion('Task');
    expect(result).toMatchObject({ success: false, exitCode: 4 });
    expect(result.error).toContain('500');
    expect(fake.requests).toHaveLength(1);
    expect(events.some((event) => event.type === 'model_retry')).toBe(false);
  });

  it('modelTimeoutMs bounds one attempt: a stalled provider fails the call instead of hanging', async () => {
    fake.enqueue({ type: 'stall-stream', afterText: 'thinking' });
    const result = await openai({ maxRetries: 0, modelTimeoutMs: 300 }).completion('Task');
    expect(result).toMatchObject({ success: false, exitCode: 4 });
    expect(result.error).toContain('300 ms');
  });

  it('rejects invalid request settings as configuration errors', () => {
    expect(() => openai({ maxRetries: -1 })).toThrow(ConfigError);
    expect(() => openai({ modelTimeoutMs: 0 })).toThrow(ConfigError);
    expect(() => openai({ modelTimeoutMs: 1.5 })).toThrow(/modelTimeoutMs/);
  });
});
