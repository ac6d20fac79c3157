/**
 * Every limit firing in a real run (Docker sandbox, scripted backend): the
 * run stops with success false, the limit named, the best partial answer and
 * the right exit code; the trajectory says the same.
 */
import { ConfigError } from '../../src/errors.js';
import { createModelClient } from '../../src/models/factory.js';
import type { ModelClient } from '../../src/models/types.js';
import type { RLMOptions, RLMResult } from '../../src/rlm-options.js';
import type { ScriptDefinition } from '../../src/models/scripted/script-types.js';
import type { Trajectory } from '../../src/trajectory/types.js';
import { startFakeProvider } from '../support/fake-provider/server.js';
import { createHarness, repl } from './harness.js';

async function run(
  script: ScriptDefinition,
  options: Partial<RLMOptions>,
): Promise<{ result: RLMResult; trajectory: Trajectory }> {
  const harness = await createHarness(script);
  try {
    const result = await harness.rlm(options).completion('Task', { context: { kind: 'text', text: 'data' } });
    return { result, trajectory: await harness.trajectory() };
  } finally {
    await harness.cleanup();
  }
}

function expectStopped(result: RLMResult, trajectory: Trajectory, limit: string, exitCode = 1): void {
  expect(result.success).toBe(false);
  expect(result.limitsHit).toContain(limit);
  expect(result.exitCode).toBe(exitCode);
  expect(trajectory.success).toBe(false);
  expect(trajectory.limits_hit).toContain(limit);
  expect(trajectory.error).toBe(result.error);
}

describe('limits', () => {
  it('max_iterations: returns the answer drafted so far', async () => {
    const { result, trajectory } = await run(
      {
        responses: [repl('print(1)'), repl('answer["content"] = "partial draft"'), repl('print(3)')],
      },
      { maxIterations: 2 },
    );
    expectStopped(result, trajectory, 'max_iterations');
    expect(result.error).toContain('max_iterations (2)');
    expect(result.response).toBe('partial draft');
    expect(trajectory.final_answer).toBe('partial draft');
    expect(trajectory.calls).toHaveLength(2);
  });

  it('max_iterations without any draft: falls back to the last reply', async () => {
    const { result } = await run({ responses: ['thinking...', 'still thinking'] }, { maxIterations: 2 });
    expect(result.response).toBe('still thinking');
  });

  it('max_consecutive_errors: stops after that many failed turns in a row', async () => {
    const failing = repl('raise ValueError("bad")');
    const { result, trajectory } = await run(
      {
        responses: [
          repl('print("fine")'),
          failing,
          failing,
          repl('print("recovered")'),
          failing,
          failing,
          failing,
        ],
      },
      { maxConsecutiveErrors: 3 },
    );
    expectStopped(result, trajectory, 'max_consecutive_errors');
    // The clean turn in the middle reset the count: it took the last three failures to stop.
    expect(result.iterations).toBe(7);
  });

  it('max_tokens: refuses the call that would cross the cap', async () => {
    const { result, trajectory } = await run(
      { responses: Array.from({ length: 10 }, () => repl('print("x" * 4000)')) },
      { maxTokens: 6000, maxOutputTokens: 100 },
    );
    expectStopped(result, trajectory, 'max_tokens');
    expect(result.tokens).toBeLessThanOrEqual(6000);
    expect(result.iterations).toBeGreaterThan(1);
  });

  it('max_cost_usd: 32 concurrent sub-calls cannot push the cost past the cap', async () => {
    const cap = 0.4;
    const { result, trajectory } = await run(
      {
        responses: [
          repl(
            'r = llm_query_batched([f"q{i}" for i in range(32)])\nprint(sum(x.startswith("Error") for x in r))',
          ),
          'FINAL(unreachable)',
        ],
        // 200 characters: the scripted backend bills 50 output tokens, the whole max_tokens, for each.
        default_sub_response: 'x'.repeat(200),
      },
      {
        // $1000 per million output tokens: each call reserves 50 tokens = $0.05 up front and costs that.
        // Calls that do not fit next to those in flight wait for them; once $0.40 is spent the rest are refused.
        prices: { scripted: { inputPerMTok: 0, outputPerMTok: 1000 } },
        maxOutputTokens: 50,
        maxCostUsd: cap,
        batchConcurrency: 32,
        maxConcurrency: 32,
      },
    );
    expectStopped(result, trajectory, 'max_cost_usd');
    const sent = trajectory.calls.filter((call) => call.kind === 'llm_query').length;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(32);
    const refused = Number(trajectory.calls[0]?.executions[0]?.stdout.trim());
    expect(refused).toBe(32 - sent);
    expect(result.costUsd).not.toBeNull();
    expect(result.costUsd ?? Infinity).toBeLessThanOrEqual(cap);
    expect(trajectory.total_cost_usd).toBeCloseTo(result.costUsd ?? NaN, 9);
  });

  it('max_sub_calls: later sub-calls get an error string and the run stops after the block', async () => {
    const { result, trajectory } = await run(
      {
        responses: [repl('for i in range(5): print(llm_query(f"q{i}")[:40])'), 'FINAL(unreachable)'],
        default_sub_response: 'fine',
      },
      { maxSubCalls: 3 },
    );
    expectStopped(result, trajectory, 'max_sub_calls');
    expect(trajectory.calls.filter((call) => call.kind === 'llm_query')).toHaveLength(3);
    expect(trajectory.calls[0]?.executions[0]?.stdout.split('\n').slice(0, 4)).toEqual([
      'fine',
      'fine',
      'fine',
      'Error: code asked for more than max_sub_',
    ]);
  });

  it('max_sub_call_prompt_chars: the code gets an error string and the run goes on', async () => {
    const { result, trajectory } = await run(
      {
        responses: [repl('r = llm_query("y" * 2000)\nprint(r[:60])'), 'FINAL(recovered)'],
        default_sub_response: 'never',
      },
      { maxSubCallPromptChars: 1000 },
    );
    expect(result).toMatchObject({
      success: true,
      response: 'recovered',
      limitsHit: ['max_sub_call_prompt_chars'],
    });
    expect(trajectory.calls[0]?.executions[0]?.stdout).toBe(
      'Error: prompt of 2000 characters is over max_sub_call_prompt\n',
    );
  });

  it('timeout: interrupts a running execution and exits with code 2', async () => {
    const { result, trajectory } = await run(
      { responses: [repl('import time\ntime.sleep(120)\nprint("woke up")'), 'FINAL(unreachable)'] },
      { timeout: 3, execTimeoutMs: 300_000 },
    );
    expectStopped(result, trajectory, 'timeout', 2);
    expect(result.limitsHit).toEqual(['timeout']);
    // The sleeping block never finished: no execution was recorded for it.
    expect(trajectory.calls).toHaveLength(1);
    expect(trajectory.calls[0]?.executions).toEqual([]);
  });

  it('timeout: aborts an in-flight model request (real SDK, slow local provider)', async () => {
    const fake = await startFakeProvider({ latencyMs: 60_000 });
    const harness = await createHarness({ responses: [] });
    try {
      const result = await harness
        .rlm({
          backend: 'openai',
          model: 'gpt-4o-mini',
          baseUrl: fake.openaiBaseUrl,
          apiKey: 'test-key-123456',
          // Room for SDK loading and sandbox start on a loaded machine: the request itself waits 60 s.
          timeout: 6,
        })
        .completion('Task');
      // The aborted call counts: the provider may have read its prompt, so it is billed as an estimate.
      expect(result).toMatchObject({ success: false, exitCode: 2, limitsHit: ['timeout'], modelCalls: 1 });
      expect(result.usage.inputTokens).toBeGreaterThan(0);
      expect(fake.requests).toHaveLength(1);
      // The request was cut off, not waited for, and is on record as such.
      const trajectory = await harness.trajectory();
      expect(trajectory.calls).toHaveLength(1);
      expect(trajectory.calls[0]).toMatchObject({
        kind: 'root',
        tokens_in: result.usage.inputTokens,
        tokens_out: 0,
        response: '',
        attempts: 1,
        usage_estimated: true,
        failed_attempts: [expect.objectContaining({ attempt: 1, error: 'aborted', wait_ms: null })],
      });
      expect(trajectory.calls[0]?.error).toBe('aborted: wall-clock timeout after 6.0 s');
    } finally {
      await fake.close();
      await harness.cleanup();
    }
  });

  it('cancellation through a signal ends the run like a timeout', async () => {
    const harness = await createHarness({ responses: [repl('import time\ntime.sleep(120)'), 'FINAL(x)'] });
    try {
      const controller = new AbortController();
      const rlm = harness.rlm({
        onEvent: (event) => {
          if (event.type === 'code_start') controller.abort();
        },
      });
      const result = await rlm.completion('Task', { signal: controller.signal });
      expect(result).toMatchObject({ success: false, exitCode: 2, limitsHit: ['cancelled'] });
    } finally {
      await harness.cleanup();
    }
  });
});

describe('abandoning a stream', () => {
  it('cancels the run when the consumer breaks out of the loop', async () => {
    const harness = await createHarness({ responses: [repl('import time\ntime.sleep(120)'), 'FINAL(x)'] });
    try {
      let resolveFinal: (result: RLMResult) => void = () => undefined;
      const final = new Promise<RLMResult>((resolve) => (resolveFinal = resolve));
      const rlm = harness.rlm({
        onEvent: (event) => {
          if (event.type === 'final') resolveFinal(event.result);
        },
      });
      for await (const event of rlm.events('Task')) {
        if (event.type === 'code_start') break;
      }
      expect(await final).toMatchObject({ success: false, exitCode: 2, limitsHit: ['cancelled'] });
    } finally {
      await harness.cleanup();
    }
  });
});

describe('unknown prices', () => {
  it('report cost as unknown, never zero, and say the cost cap could not be enforced', async () => {
    const script: ScriptDefinition = {
      responses: [repl('print(llm_query("q"))'), 'FINAL(done)'],
      default_sub_response: 'a',
    };
    const scripted = createModelClient({ backend: 'scripted', model: '', script: { script } });
    const unpriced: ModelClient = {
      backend: 'scripted',
      defaultModel: 'mystery-model',
      complete: async (request) => ({ ...(await scripted.complete(request)), model: 'mystery-model' }),
    };
    const { result, trajectory } = await run(script, { modelClient: unpriced, maxCostUsd: 0.01 });
    expect(result.success).toBe(true);
    expect(result.costUsd).toBeNull();
    expect(result.usageByModel['mystery-model']).toMatchObject({ calls: 3, costUsd: null });
    expect(result.warnings).toEqual([
      'price unknown for mystery-model: cost is reported as unknown and max_cost_usd could not be enforced for those calls',
    ]);
    expect(trajectory.total_cost_usd).toBeNull();
    expect(trajectory.calls.map((call) => call.cost_usd)).toEqual([null, null, null]);
  });
});

describe('failures that are not limits', () => {
  it('a model API error ends the run with exit code 4', async () => {
    const { result, trajectory } = await run({ responses: [repl('print(1)')] }, {});
    expect(result).toMatchObject({ success: false, exitCode: 4 });
    expect(result.error).toContain('scripted: no reply left for root turn 2');
    expect(trajectory.calls.at(-1)?.error).toContain('no reply left');
  });

  it('a missing sandbox image ends the run with exit code 3', async () => {
    const harness = await createHarness({ responses: ['FINAL(x)'] });
    try {
      const result = await harness
        .rlm({ sandbox: { docker: { image: 'rlm-missing-image:none', pull: false } } })
        .completion('Task');
      expect(result).toMatchObject({ success: false, exitCode: 3 });
      expect(result.error).toContain('rlm-missing-image:none');
    } finally {
      await harness.cleanup();
    }
  });

  it('invalid options are configuration errors (exit code 5)', async () => {
    const harness = await createHarness({ responses: ['FINAL(x)'] });
    try {
      expect(() => harness.rlm({ maxIterations: 0 })).toThrow(ConfigError);
      const result = await harness.rlm().completion('Task', { maxConcurrency: -1 });
      expect(result).toMatchObject({ success: false, exitCode: 5 });
      expect(result.error).toContain('maxConcurrency');
    } finally {
      await harness.cleanup();
    }
  });
});
