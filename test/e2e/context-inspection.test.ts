/**
 * A whole run in Docker on the scripted backend: the model inspects the
 * context in the REPL, makes sub-calls and answers with FINAL_VAR. The
 * trajectory is then checked field by field.
 */
import { createHarness, type Harness } from './harness.js';
import type { RunEvent } from '../../src/rlm-options.js';

const LOG = Array.from({ length: 200 }, (_, i) =>
  i % 50 === 7 ? `line ${i} ERROR disk full` : `line ${i} ok`,
).join('\n');

describe('a run that inspects its context', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness('inspect-context.yaml');
  });
  afterAll(() => harness.cleanup());

  it('answers from the REPL and records every call and execution', async () => {
    const events: RunEvent[] = [];
    const result = await harness
      .rlm({ secrets: ['sk-test-SECRET-value-123'] })
      .completion('How many errors are in the log? (token sk-test-SECRET-value-123)', {
        context: { kind: 'text', text: LOG },
        onEvent: (event) => events.push(event),
      });

    expect(result).toMatchObject({
      success: true,
      error: null,
      exitCode: 0,
      response: '4 errors; A looks fine | B has the errors',
      iterations: 3,
      limitsHit: [],
      subCalls: 2,
      modelCalls: 5,
      maxDepthReached: 1,
      costUsd: 0,
    });
    expect(result.tokens).toBe(result.usage.inputTokens + result.usage.outputTokens);
    expect(result.usageByModel.scripted?.calls).toBe(5);

    const trajectory = await harness.trajectory();
    expect(trajectory.trajectory_id).toBe(result.trajectoryId);
    expect(result.trajectoryPath).toContain(harness.logDir);
    expect(trajectory).toMatchObject({
      backend: 'scripted',
      environment: 'docker',
      success: true,
      error: null,
      final_answer: result.response,
      iterations: 3,
      max_depth_reached: 1,
      limits_hit: [],
      total_tokens: result.tokens,
      total_cost_usd: 0,
    });
    expect(trajectory.context_summary).toBe(`str, ${LOG.length} chars, 200 lines`);
    // The secret was registered: it appears nowhere in what was written.
    expect(JSON.stringify(trajectory)).not.toContain('sk-test-SECRET-value-123');
    expect(trajectory.task).toContain('[REDACTED]');

    const calls = trajectory.calls;
    expect(
      calls.map((call) => [call.call_id, call.parent_id, call.depth, call.kind, call.iteration]),
    ).toEqual([
      ['c1', null, 0, 'root', 1],
      ['c2', null, 0, 'root', 2],
      ['c3', 'c2', 1, 'llm_query', 0],
      ['c4', 'c2', 1, 'llm_query', 0],
      ['c5', null, 0, 'root', 3],
    ]);
    const [first, second, subA, subB, last] = calls;
    // The root prompt carries the preview, never the whole context.
    expect(first?.prompt).toContain(LOG.slice(0, 100));
    expect(first?.prompt).not.toContain(LOG.slice(-100));
    expect(first?.executions).toHaveLength(1);
    expect(first?.executions[0]).toMatchObject({
      block_index: 0,
      status: 'ok',
      error: null,
      state_lost: false,
    });
    expect(first?.executions[0]?.stdout).toBe(`str ${LOG.length}\n${LOG.slice(0, 40)}\n`);
    expect(second?.tools_used).toEqual(['llm_query_batched']);
    expect(second?.prompt).toContain(`str ${LOG.length}`);
    expect(second?.executions[0]?.stdout).toBe('4 errors; A looks fine | B has the errors\n');
    expect(new Set([subA?.response, subB?.response])).toEqual(new Set(['A looks fine', 'B has the errors']));
    expect(last?.executions).toEqual([]);
    for (const call of calls) {
      expect(call.tokens_in).toBeGreaterThan(0);
      expect(call.cost_usd).toBe(0);
      expect(call.error).toBeNull();
      expect(call.model).toBe('scripted');
    }
    expect(trajectory.total_tokens).toBe(
      calls.reduce((sum, call) => sum + call.tokens_in + call.tokens_out, 0),
    );

    // Events go through the same redaction before any listener sees them.
    expect(JSON.stringify(events)).not.toContain('sk-test-SECRET-value-123');

    // The event stream tells the same story, in order, ending with the result.
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('run_start');
    expect(types.at(-1)).toBe('final');
    expect(types.filter((type) => type === 'model_call_end')).toHaveLength(5);
    expect(types.filter((type) => type === 'code_end')).toHaveLength(2);
    expect(types.filter((type) => type === 'sub_call_start')).toHaveLength(2);
    expect(types.indexOf('code_start')).toBeLessThan(types.indexOf('sub_call_start'));
    expect(types.indexOf('sub_call_end')).toBeLessThan(types.lastIndexOf('code_end'));
  });

  it('reads its trajectories back through getTrajectories() and getTrajectory()', async () => {
    const rlm = harness.rlm();
    const result = await rlm.completion('Count errors again', { context: { kind: 'text', text: LOG } });
    const [latest] = await rlm.getTrajectories({ limit: 1 });
    expect(latest?.trajectory_id).toBe(result.trajectoryId);
    const byId = await rlm.getTrajectory(result.trajectoryId);
    expect(byId?.task).toBe('Count errors again');
    expect(byId?.calls).toHaveLength(5);
    expect(await rlm.getTrajectory('no-such-id')).toBeUndefined();
  });

  it('streams the same run as typed events through events()', async () => {
    const seen: string[] = [];
    let final: RunEvent | undefined;
    for await (const event of harness
      .rlm()
      .events('Count errors', { context: { kind: 'text', text: LOG } })) {
      seen.push(event.type);
      if (event.type === 'final') final = event;
    }
    expect(seen).toContain('model_text');
    expect(final?.type === 'final' && final.result.response).toBe(
      '4 errors; A looks fine | B has the errors',
    );
  });

  it('streams the same run as text through completionStream(): the model text, then the answer', async () => {
    const stream = harness.rlm().completionStream('Count errors', { context: { kind: 'text', text: LOG } });
    let text = '';
    for await (const chunk of stream) text += chunk;
    const result = await stream.result;
    expect(result.success).toBe(true);
    expect(text).toContain('```repl');
    expect(text.endsWith(`\n\n${result.response}\n`)).toBe(true);
    expect(result.response).toBe('4 errors; A looks fine | B has the errors');
  });
});
