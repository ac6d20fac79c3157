/**
 * The host side of llm_query & co. with in-test fakes for the ports: caps,
 * per-item failure and refusals. Order preservation of whole batches is
 * proven end to end through the real sandbox (test/e2e).
 */
import { createNode } from '../../src/core/node-state.js';
import { RunContext, type EnginePorts } from '../../src/core/run-context.js';
import { runSettings } from '../../src/core/settings.js';
import { SubCallRouter } from '../../src/core/sub-calls.js';
import { ToolRegistry } from '../../src/core/tool-registry.js';
import { ModelApiError } from '../../src/errors.js';
import type { CompletionRequest, CompletionResult, ModelClient } from '../../src/models/types.js';
import type { CompletionOverrides, RunEvent } from '../../src/rlm-options.js';
import type { Sandbox } from '../../src/sandbox/types.js';
import type { TrajectorySink } from '../../src/trajectory/types.js';

class GatedModel implements ModelClient {
  readonly backend = 'scripted' as const;
  readonly defaultModel = 'fake';
  inFlight = 0;
  peak = 0;
  readonly models: Array<string | undefined> = [];
  private gates: Array<() => void> = [];

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    this.models.push(request.model);
    this.inFlight += 1;
    this.peak = Math.max(this.peak, this.inFlight);
    await new Promise<void>((resolve) => this.gates.push(resolve));
    this.inFlight -= 1;
    const prompt = request.messages[0]?.content ?? '';
    if (prompt === 'boom') throw new Error('provider exploded');
    if (prompt === 'bad-key')
      throw new ModelApiError('401 invalid x-api-key', { provider: 'anthropic', status: 401 });
    return {
      text: `re: ${prompt}`,
      model: 'fake',
      usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
      stopReason: 'end_turn',
      latencyMs: 0,
      attempts: 1,
    };
  }

  /** Lets every waiting call finish, repeatedly, until `done` settles. */
  async drain<T>(done: Promise<T>): Promise<T> {
    let settled = false;
    void done.finally(() => (settled = true));
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      const gates = this.gates;
      this.gates = [];
      for (const open of gates) open();
    }
    return done;
  }
}

const unusedSandbox = {} as Sandbox;
const nullSink: TrajectorySink = {
  start: async () => undefined,
  recordCall: async () => undefined,
  addExecution: async () => undefined,
  finish: async () => ({ path: '' }),
};

function setup(overrides: CompletionOverrides, costOf: EnginePorts['costOf'] = () => 0) {
  const model = new GatedModel();
  const events: RunEvent[] = [];
  const ports: EnginePorts = {
    model,
    sandbox: unusedSandbox,
    sink: nullSink,
    costOf,
    tools: new ToolRegistry(),
    now: () => performance.now(),
    redact: (value) => value,
  };
  const settings = runSettings({ backend: 'scripted' }, overrides, 'fake');
  const run = new RunContext('t1', settings, ports, (event) => events.push(event));
  const router = new SubCallRouter(run);
  const root = createNode('root', 0, null, settings.maxDepth);
  root.currentCallId = 'c0';
  router.addNode(root);
  const call = (name: string, args: unknown) =>
    router.handle({ name, args, namespace: 'root' }, new AbortController().signal);
  return { model, run, call, events };
}

describe('SubCallRouter', () => {
  it('caps one batch at batchConcurrency and keeps each item’s own result or error', async () => {
    const { model, call } = setup({ batchConcurrency: 4, maxConcurrency: 16 });
    const prompts = Array.from({ length: 20 }, (_, i) => (i === 7 ? 'boom' : `p${i}`));
    const all = Promise.all(prompts.map((prompt) => call('llm_query', { prompt, batch: 1 })));
    const results = await model.drain(all);
    expect(model.peak).toBe(4);
    expect(results[7]).toBe('Error: provider exploded');
    expect(results.filter((_, i) => i !== 7)).toEqual(
      prompts.filter((_, i) => i !== 7).map((p) => `re: ${p}`),
    );
  });

  it('caps all model calls of the run at maxConcurrency across batches', async () => {
    const { model, call } = setup({ batchConcurrency: 8, maxConcurrency: 3 });
    const batch = (id: number) =>
      Array.from({ length: 8 }, (_, i) => call('llm_query', { prompt: `b${id}-${i}`, batch: id }));
    await model.drain(Promise.all([...batch(1), ...batch(2)]));
    expect(model.peak).toBe(3);
  });

  it('returns an error string for an oversized prompt without calling the model, and notes the limit', async () => {
    const { model, call, run, events } = setup({ maxSubCallPromptChars: 10 });
    const result = await call('llm_query', { prompt: 'x'.repeat(11) });
    expect(result).toMatch(/^Error: prompt of 11 characters is over max_sub_call_prompt_chars \(10\)/);
    expect(model.peak).toBe(0);
    expect([...run.limitsHit]).toEqual(['max_sub_call_prompt_chars']);
    expect(run.haltReason).toBeNull();
    expect(events.some((event) => event.type === 'limit_hit')).toBe(true);
  });

  it('refuses sub-calls beyond max_sub_calls and stops the run', async () => {
    const { model, call, run } = setup({ maxSubCalls: 2 });
    const results = await model.drain(
      Promise.all([1, 2, 3].map((i) => call('llm_query', { prompt: `p${i}`, batch: 1 }))),
    );
    expect(results.slice(0, 2)).toEqual(['re: p1', 're: p2']);
    expect(results[2]).toMatch(/^Error: .*max_sub_calls \(2\)/);
    expect(run.haltReason?.limit).toBe('max_sub_calls');
  });

  it('ends the run on a non-retryable API error in a sub-call, after giving the code its error string', async () => {
    const { model, call, run } = setup({});
    const result = await model.drain(call('llm_query', { prompt: 'bad-key' }));
    expect(result).toBe('Error: 401 invalid x-api-key');
    expect(run.fatalError).toBeInstanceOf(ModelApiError);
    expect(run.signal.aborted).toBe(true);
  });

  it('refuses sub-calls past a depth cap with an error naming it, without stopping the run', async () => {
    const { model, call, run } = setup({ maxCostUsdByDepth: { 1: 0.5 } }, () => 0.4);
    await expect(model.drain(call('llm_query', { prompt: 'first' }))).resolves.toBe('re: first');
    const refused = await model.drain(call('llm_query', { prompt: 'second' }));
    expect(refused).toBe(
      'Error: max_cost_usd_by_depth[1] ($0.5) exhausted: $0.400000 spent at depth 1 + ~$0.400000 for this call > $0.5',
    );
    expect(run.haltReason).toBeNull();
    expect([...run.limitsHit]).toEqual(['max_cost_usd_by_depth']);
    expect(model.models).toHaveLength(1);
  });

  it('refuses a model= outside the allowlist with an error naming the allowed ones', async () => {
    const { model, call } = setup({ model: 'big', subModel: 'small', allowedModels: ['medium'] });
    const refused = await call('llm_query', { prompt: 'p', model: 'huge' });
    expect(refused).toBe(
      'Error: model "huge" is not allowed; allowed: "small", "big", "medium" (the user can add models with allowed_models); call without model= to use small',
    );
    expect(model.peak).toBe(0);
    for (const allowed of ['small', 'big', 'medium'])
      await expect(model.drain(call('llm_query', { prompt: allowed, model: allowed }))).resolves.toBe(
        `re: ${allowed}`,
      );
    expect(model.models).toEqual(['small', 'big', 'medium']);
  });

  it('refuses an allowed extra model without a price under max_cost_usd: code cannot dodge the cost cap', async () => {
    const priced: EnginePorts['costOf'] = (name) => (name === 'fake' || name === 'cheap' ? 0 : null);
    const allowedModels = ['cheap', 'mystery-large'];
    const { model, call } = setup({ maxCostUsd: 1, allowedModels }, priced);
    const refused = await call('llm_query', { prompt: 'p', model: 'mystery-large' });
    expect(refused).toMatch(/^Error: model "mystery-large" has no known price/);
    expect(model.peak).toBe(0);
    await expect(model.drain(call('llm_query', { prompt: 'p', model: 'cheap' }))).resolves.toBe('re: p');
    // Without a cost cap there is nothing to dodge: any allowed model may be named.
    const uncapped = setup({ allowedModels }, priced);
    await expect(
      uncapped.model.drain(uncapped.call('llm_query', { prompt: 'q', model: 'mystery-large' })),
    ).resolves.toBe('re: q');
  });

  it('sends sub-calls to subModel (the root model by default), or to the allowed model the code names', async () => {
    const { model, call } = setup({ model: 'big', subModel: 'small', allowedModels: ['named'], maxDepth: 1 });
    await model.drain(call('llm_query', { prompt: 'a' }));
    await model.drain(call('rlm_query', { prompt: 'b' })); // maxDepth 1: a plain completion
    await model.drain(call('llm_query', { prompt: 'c', model: 'named' }));
    expect(model.models).toEqual(['small', 'small', 'named']);
    const plain = setup({ model: 'big' });
    await plain.model.drain(plain.call('llm_query', { prompt: 'd' }));
    expect(plain.model.models).toEqual(['big']);
  });

  it('answers node_info and rejects unknown host functions and malformed arguments', async () => {
    const { call } = setup({ maxDepth: 2 });
    await expect(call('node_info', {})).resolves.toEqual({ can_recurse: true, depth: 0 });
    await expect(call('os.system', {})).rejects.toThrow('unknown host function');
    await expect(call('llm_query', { prompt: 42 })).rejects.toThrow('prompt must be a string');
  });

  it('never copies a long untrusted name into its error whole', async () => {
    const { call } = setup({});
    const name = 'n'.repeat(1_000_000);
    const error = (await call(name, {}).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(`unknown host function "${'n'.repeat(80)}"… (1000000 characters)`);
    const tool = (await call(`tool:${name}`, {}).catch((e: unknown) => e)) as Error;
    expect(tool.message.length).toBeLessThan(200);
  });
});
