import { ProgressReporter } from '../../src/cli/progress.js';
import type { RunEvent } from '../../src/rlm-options.js';

const base = { trajectoryId: 't1', elapsedMs: 0 };
const usage = { inputTokens: 1200, outputTokens: 80, cacheReadTokens: 0, cacheWriteTokens: 0 };

function report(events: RunEvent[], verbose: boolean): string {
  let text = '';
  const reporter = new ProgressReporter({ write: (chunk) => (text += chunk) }, verbose);
  for (const event of events) reporter.handle(event);
  return text;
}

const callStart: RunEvent = {
  ...base,
  type: 'model_call_start',
  callId: 'c1',
  parentId: null,
  nodeId: 'root',
  depth: 0,
  kind: 'root',
  model: 'm',
};
const callEnd = (totalCostUsd: number | null): RunEvent => ({
  ...base,
  type: 'model_call_end',
  callId: 'c1',
  parentId: null,
  nodeId: 'root',
  depth: 0,
  kind: 'root',
  model: 'm',
  usage,
  costUsd: totalCostUsd,
  latencyMs: 1500,
  error: null,
  totalTokens: 4321,
  totalCostUsd,
});
const codeStart: RunEvent = {
  ...base,
  type: 'code_start',
  callId: 'c1',
  nodeId: 'root',
  depth: 0,
  blockIndex: 0,
  code: 'x = 1',
};
const codeEnd: RunEvent = {
  ...base,
  type: 'code_end',
  callId: 'c1',
  nodeId: 'root',
  depth: 0,
  blockIndex: 0,
  status: 'ok',
  stdout: 'printed',
  stderr: '',
  error: null,
  stateLost: false,
  durationMs: 12,
};
const subCallEnd = (ok: boolean): RunEvent => ({
  ...base,
  type: 'sub_call_end',
  subCallId: 's',
  kind: 'llm_query',
  parentCallId: 'c1',
  depth: 1,
  ok,
  error: ok ? null : 'boom',
});

describe('progress lines', () => {
  it('show iteration, depth, tokens and cost so far; unknown cost stays unknown', () => {
    const text = report(
      [
        { ...base, type: 'iteration_start', nodeId: 'root', depth: 0, iteration: 2 },
        callStart,
        callEnd(null),
      ],
      false,
    );
    expect(text).toContain('[iteration 2 · depth 0 · node root]');
    expect(text).toContain('m: 1,200 in / 80 out in 1.5 s · so far 4,321 tokens, unknown');
    expect(report([callStart, callEnd(0.0123)], false)).toContain('so far 4,321 tokens, $0.0123');
  });

  it('count sub-calls per code block instead of listing them', () => {
    const text = report(
      [callStart, codeStart, subCallEnd(true), subCallEnd(true), subCallEnd(false), codeEnd],
      false,
    );
    expect(text).toContain('code block 1: ok in 12 ms · 3 sub-calls (1 failed)');
    expect(text).not.toContain('x = 1');
    expect(text).not.toContain('printed');
  });

  it('with verbose, show code (when not already streamed) and its output', () => {
    const text = report([callStart, codeStart, codeEnd], true);
    expect(text).toContain('code block 1:\nx = 1');
    expect(text).toContain('stdout:\nprinted');
  });

  it('with verbose, stream the model text and do not repeat the code it contained', () => {
    const delta: RunEvent = {
      ...base,
      type: 'model_text',
      callId: 'c1',
      nodeId: 'root',
      depth: 0,
      delta: '```repl\nx = 1\n```',
    };
    const text = report([callStart, delta, callEnd(0), codeStart, codeEnd], true);
    expect(text.split('x = 1')).toHaveLength(2);
    expect(text).toContain('```repl\nx = 1\n```\n');
  });

  it('say nothing for a run that never started', () => {
    const final = { ...base, type: 'final' } as const;
    const result = {
      response: '',
      success: false,
      error: 'no key',
      trajectoryId: '',
      trajectoryPath: null,
      tokens: 0,
      usage: { ...usage, inputTokens: 0, outputTokens: 0 },
      costUsd: 0,
      usageByModel: {},
      limitsHit: [],
      iterations: 0,
      warnings: [],
      modelCalls: 0,
      subCalls: 0,
      maxDepthReached: 0,
      durationMs: 0,
      exitCode: 5 as const,
      outputs: [],
      outputsDir: null,
    };
    expect(report([{ ...final, result }], false)).toBe('');
  });
});

it('shows each model retry with its cause, the retry number and the wait', () => {
  const retry: RunEvent = {
    ...base,
    type: 'model_retry',
    callId: 'c1',
    nodeId: 'root',
    depth: 0,
    kind: 'root',
    model: 'm',
    provider: 'anthropic',
    attempt: 1,
    maxAttempts: 5,
    status: 429,
    delayMs: 3000,
    reason: 'HTTP 429 rate_limit_error',
    discardedChars: 0,
  };
  const text = report([callStart, retry], false);
  expect(text).toContain('anthropic: HTTP 429 rate_limit_error · retry 1/4 in 3.0 s');
});
