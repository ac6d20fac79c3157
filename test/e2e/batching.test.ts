/**
 * llm_query_batched through the real sandbox bridge: results in input order,
 * one bad item does not spoil the batch, and the calls really are in flight
 * together (a barrier holds every sub-call until all of them have arrived,
 * then releases them in reverse order).
 */
import { createModelClient } from '../../src/models/factory.js';
import type { CompletionRequest, CompletionResult, ModelClient } from '../../src/models/types.js';
import type { ScriptDefinition } from '../../src/models/scripted/script-types.js';
import { createHarness, repl, type Harness } from './harness.js';

const ITEMS = 24;
const OVERSIZED_INDEX = 5;

const script: ScriptDefinition = {
  responses: [
    repl(
      [
        `prompts = [f"item-{i}" for i in range(${ITEMS})]`,
        `prompts[${OVERSIZED_INDEX}] = "x" * 500`,
        'results = llm_query_batched(prompts)',
        'print(len(results))',
        'for line in results: print(line[:60])',
      ].join('\n'),
    ),
    'FINAL(batched)',
  ],
  default_sub_response: 'echo {{prompt}}',
};

/** Holds llm_query calls until `expected` are waiting, then lets them go last-in first-out. */
class BarrierModel implements ModelClient {
  readonly backend = 'scripted' as const;
  readonly defaultModel: string;
  peakWaiting = 0;
  private waiting: Array<() => void> = [];

  constructor(
    private readonly inner: ModelClient,
    private readonly expected: number,
  ) {
    this.defaultModel = inner.defaultModel;
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    if (request.purpose.kind === 'llm_query') {
      await new Promise<void>((resolve, reject) => {
        const guard = setTimeout(() => reject(new Error('barrier: not every sub-call arrived')), 30_000);
        this.waiting.push(() => {
          clearTimeout(guard);
          resolve();
        });
        this.peakWaiting = Math.max(this.peakWaiting, this.waiting.length);
        if (this.waiting.length === this.expected) {
          const all = this.waiting.reverse();
          this.waiting = [];
          for (const release of all) release();
        }
      });
    }
    return this.inner.complete(request);
  }
}

describe('llm_query_batched', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness(script);
  });
  afterAll(() => harness.cleanup());

  it('runs the items concurrently, keeps input order and turns one failure into an error string', async () => {
    const model = new BarrierModel(
      createModelClient({ backend: 'scripted', model: '', script: { script } }),
      ITEMS - 1,
    );
    const result = await harness
      .rlm({ modelClient: model, batchConcurrency: ITEMS, maxConcurrency: ITEMS, maxSubCallPromptChars: 100 })
      .completion('Echo every item');

    expect(result.success).toBe(true);
    expect(model.peakWaiting).toBe(ITEMS - 1);
    const trajectory = await harness.trajectory();
    const lines = trajectory.calls[0]?.executions[0]?.stdout.trim().split('\n') ?? [];
    expect(lines[0]).toBe(String(ITEMS));
    const expected = Array.from({ length: ITEMS }, (_, i) =>
      i === OVERSIZED_INDEX
        ? 'Error: prompt of 500 characters is over max_sub_call_prompt_'.slice(0, 60)
        : `echo item-${i}`,
    );
    expect(lines.slice(1)).toEqual(expected);
    expect(result.limitsHit).toEqual(['max_sub_call_prompt_chars']);
    expect(trajectory.calls.filter((call) => call.kind === 'llm_query')).toHaveLength(ITEMS - 1);
  });
});
