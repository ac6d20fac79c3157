/**
 * What a failed, cut or retried call costs, through the real Anthropic SDK
 * against the local wire-format server: the trajectory records every attempt
 * with its error, wait and billed usage, and the ledger counts it.
 */
import { callModel, type ModelCallSpec } from '../../src/core/model-call.js';
import { RunContext, type EnginePorts } from '../../src/core/run-context.js';
import { runSettings } from '../../src/core/settings.js';
import { ToolRegistry } from '../../src/core/tool-registry.js';
import { createModelClient } from '../../src/models/index.js';
import { costOf } from '../../src/models/pricing.js';
import type { AttemptReport } from '../../src/models/types.js';
import type { CompletionOverrides, RunEvent } from '../../src/rlm-options.js';
import type { Sandbox } from '../../src/sandbox/types.js';
import type { CallRecord, TrajectorySink } from '../../src/trajectory/types.js';
import { startFakeProvider, type FakeProvider } from '../support/fake-provider/server.js';

const MODEL = 'claude-haiku-4-5';
const PROMPT = 'Summarise the log. '.repeat(200);

let fake: FakeProvider;
beforeEach(async () => {
  fake = await startFakeProvider();
});
afterEach(async () => {
  await fake.close();
});

function setup(overrides: CompletionOverrides = {}, timeoutMs = 5_000) {
  const calls: CallRecord[] = [];
  const events: RunEvent[] = [];
  const sink: TrajectorySink = {
    start: async () => undefined,
    recordCall: async (call) => void calls.push(call),
    addExecution: async () => undefined,
    finish: async () => ({ path: '' }),
  };
  const ports: EnginePorts = {
    model: createModelClient({
      backend: 'anthropic',
      model: MODEL,
      apiKey: 'sk-test',
      baseUrl: fake.anthropicBaseUrl,
      maxRetries: 2,
      retryBaseDelayMs: 5,
      timeoutMs,
    }),
    sandbox: {} as Sandbox,
    sink,
    costOf: (model, usage) => costOf(model, usage),
    tools: new ToolRegistry(),
    now: () => performance.now(),
    redact: (value) => value,
  };
  const settings = runSettings({ backend: 'anthropic' }, { model: MODEL, ...overrides }, MODEL);
  const run = new RunContext('t1', settings, ports, (event) => events.push(event));
  return { run, calls, events };
}

function turn(callId: string, streamText = true): ModelCallSpec {
  return {
    callId,
    parentId: null,
    nodeId: 'root',
    depth: 0,
    kind: 'root',
    iteration: 1,
    model: MODEL,
    system: 'You are an RLM.',
    messages: [{ role: 'user', content: PROMPT }],
    recordedPrompt: PROMPT,
    streamText,
  };
}

const promptTokens = Math.ceil((PROMPT.length + 'You are an RLM.'.length) / 4);

describe('a call that failed or was retried', () => {
  it('records each failed attempt with its status, wait and zero cost when the provider answered with an error', async () => {
    const { run, calls } = setup();
    fake.enqueue(
      { type: 'error', status: 429, headers: { 'retry-after-ms': '20' } },
      { type: 'reply', text: 'done', usage: { input: 300, output: 7 } },
    );

    const outcome = await callModel(run, turn('c1'));
    await run.flushWrites();

    expect(outcome.ok).toBe(true);
    const [call] = calls;
    expect(call?.attempts).toBe(2);
    expect(call?.failed_attempts).toEqual([
      expect.objectContaining({
        attempt: 1,
        status: 429,
        error: 'HTTP 429 rate_limit_error',
        wait_ms: 20,
        tokens_in: 0,
        tokens_out: 0,
        usage_estimated: false,
      }),
    ]);
    expect([call?.tokens_in, call?.tokens_out, call?.usage_estimated]).toEqual([300, 7, false]);
  });

  it('bills a stream cut midway for its prompt and the text it streamed, on every attempt, and marks the estimate', async () => {
    const { run, calls, events } = setup();
    const cut = { type: 'stream-error', afterText: 'x'.repeat(400), errorType: 'overloaded_error' } as const;
    fake.enqueue(cut, cut, cut);

    await expect(callModel(run, turn('c1'))).rejects.toThrow(/overloaded/);
    await run.flushWrites();

    const [call] = calls;
    expect(call?.error).toMatch(/overloaded/);
    expect(call?.attempts).toBe(3);
    expect(call?.failed_attempts?.map((attempt) => attempt.wait_ms === null)).toEqual([false, false, true]);
    for (const attempt of call?.failed_attempts ?? []) {
      // message_start reported the input; the output count never came, so 400 streamed chars ≈ 100 tokens.
      expect([attempt.tokens_in, attempt.tokens_out, attempt.usage_estimated]).toEqual([
        promptTokens,
        100,
        true,
      ]);
      expect(attempt.streamed_chars).toBe(400);
    }
    expect([call?.tokens_in, call?.tokens_out, call?.usage_estimated]).toEqual([3 * promptTokens, 300, true]);
    const expectedCost = costOf(MODEL, {
      inputTokens: 3 * promptTokens,
      outputTokens: 300,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });
    expect(call?.cost_usd).toBeCloseTo(expectedCost ?? -1, 12);
    expect(run.ledger.knownCostUsd).toBeCloseTo(expectedCost ?? -1, 12);
    const end = events.find((event) => event.type === 'model_call_end');
    expect(end).toMatchObject({
      attempts: 3,
      usageEstimated: true,
      error: expect.stringMatching(/overloaded/),
    });
  });

  it('estimates the prompt of a request that timed out without an answer', async () => {
    const { run, calls } = setup({}, 300);
    const slow = { type: 'slow', ms: 2_000 } as const;
    fake.enqueue(slow, slow, slow);

    await expect(callModel(run, turn('c1', false))).rejects.toThrow(/timeout|did not answer/i);
    await run.flushWrites();

    const [call] = calls;
    expect(call?.failed_attempts?.map((attempt) => attempt.error)).toEqual([
      'timeout after 300 ms',
      'timeout after 300 ms',
      'timeout after 300 ms',
    ]);
    expect([call?.tokens_in, call?.tokens_out, call?.usage_estimated]).toEqual([3 * promptTokens, 0, true]);
  });

  it('counts what a failed call was billed against max_cost_usd: the next call is refused', async () => {
    const likelyCost = costOf(MODEL, {
      inputTokens: Math.ceil((PROMPT.length + 'You are an RLM.'.length) / 3),
      outputTokens: 4096,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });
    // Room for one call's likely cost and a bit: the billed cut stream takes part of it.
    const { run } = setup({ maxCostUsd: (likelyCost ?? 0) * 1.05 });
    const cut = { type: 'stream-error', afterText: 'x'.repeat(400), errorType: 'overloaded_error' } as const;
    fake.enqueue(cut, cut, cut);
    await expect(callModel(run, turn('c1'))).rejects.toThrow(/overloaded/);

    const next = await callModel(run, turn('c2'));

    expect(next.ok).toBe(false);
    expect(next.ok ? null : next.refused.limit).toBe('max_cost_usd');
    expect(fake.requests).toHaveLength(3);
  });
});

describe('attempt reports from the adapter', () => {
  it('reports an aborted stream with the usage it had seen', async () => {
    const reports: AttemptReport[] = [];
    const client = createModelClient({
      backend: 'anthropic',
      model: MODEL,
      apiKey: 'sk-test',
      baseUrl: fake.anthropicBaseUrl,
      maxRetries: 0,
    });
    fake.enqueue({ type: 'stall-stream', afterText: 'y'.repeat(80) });
    const controller = new AbortController();
    const call = client.complete({
      messages: [{ role: 'user', content: PROMPT }],
      purpose: { kind: 'root', depth: 0, nodeId: 'root' },
      signal: controller.signal,
      onText: () => controller.abort(new Error('cancelled')),
      onAttempt: (report) => reports.push(report),
    });

    await expect(call).rejects.toThrow('cancelled');
    expect(reports).toEqual([
      expect.objectContaining({
        attempt: 1,
        ok: false,
        error: 'aborted',
        delayMs: null,
        usage: {
          inputTokens: Math.ceil(PROMPT.length / 4),
          outputTokens: 20,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
        },
        usageEstimated: true,
      }),
    ]);
  });
});
