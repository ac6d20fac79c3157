/**
 * Stand-ins for the engine, the artifact uploader and the output sink, for tests of the action's flow.
 * GitHub itself is not faked here: those tests use the real Octokit adapter against test/support/github-api.
 */
import { callTreeMermaidBlock } from '../../../src/trajectory/render/mermaid.js';
import type { ArtifactUploader, UploadedArtifact } from '../../../src/action/reporting/artifact.js';
import type { Clock } from '../../../src/action/github/comment-session.js';
import type { Engine, EngineRequest } from '../../../src/engine-port.js';
import type { ActionLog } from '../../../src/action/reporting/progress.js';
import type { ActionSink, TrajectoryAccess } from '../../../src/action/run/run-action.js';
import type { RLMResult, RunEvent } from '../../../src/rlm-options.js';
import type { Trajectory } from '../../../src/trajectory/types.js';

export function fakeResult(overrides: Partial<RLMResult> = {}): RLMResult {
  const usage = { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 0, cacheWriteTokens: 0 };
  return {
    response: 'The answer is 42.',
    success: true,
    error: null,
    trajectoryId: 'traj-0001',
    trajectoryPath: '/tmp/logs/trajectories_x.jsonl',
    tokens: 1500,
    usage,
    costUsd: 0.0123,
    usageByModel: { 'claude-sonnet-4-5': { calls: 3, usage, costUsd: 0.0123 } },
    limitsHit: [],
    iterations: 3,
    warnings: [],
    modelCalls: 3,
    subCalls: 1,
    maxDepthReached: 1,
    durationMs: 4200,
    exitCode: 0,
    outputs: [],
    outputsDir: null,
    ...overrides,
  };
}

export function fakeTrajectory(
  result: RLMResult,
  extra: { prompt?: string; response?: string } = {},
): Trajectory {
  return {
    schema_version: 2,
    trajectory_id: result.trajectoryId,
    backend: 'scripted',
    model: 'claude-sonnet-4-5',
    sub_model: 'claude-sonnet-4-5',
    environment: 'docker',
    start_time: '2026-11-24T03:00:00.000Z',
    task: 'summarise',
    system_prompt: 'You are an RLM.',
    limits: { max_iterations: 30 },
    context_summary: 'str, 10 chars',
    end_time: '2026-11-24T03:00:04.200Z',
    duration_ms: result.durationMs,
    success: result.success,
    error: result.error,
    final_answer: result.response,
    limits_hit: [...result.limitsHit],
    iterations: result.iterations,
    max_depth_reached: result.maxDepthReached,
    outputs: [...result.outputs],
    outputs_skipped: [],
    outputs_dir: result.outputsDir === null ? null : `${result.trajectoryId}/outputs`,
    calls: [
      {
        call_id: 'c1',
        parent_id: null,
        node_id: 'root',
        depth: 0,
        kind: 'root',
        iteration: 1,
        model: 'claude-sonnet-4-5',
        prompt: extra.prompt ?? 'look at the context',
        response: extra.response ?? '```repl\nprint(len(context))\n```',
        tools_used: [],
        tokens_in: 1200,
        tokens_out: 300,
        cache_read_tokens: 0,
        cache_write_tokens: 0,
        cost_usd: 0.0123,
        latency_ms: 800,
        start_time: '2026-11-24T03:00:00.100Z',
        executions: [],
        error: null,
      },
    ],
    total_tokens: 1500,
    total_tokens_in: 1200,
    total_tokens_out: 300,
    total_cache_read_tokens: 0,
    total_cache_write_tokens: 0,
    total_cost_usd: 0.0123,
  };
}

/** A manual clock: the test moves time. */
export class ManualClock implements Clock {
  constructor(public time = 1_000_000) {}
  now(): number {
    return this.time;
  }
}

function event(type: 'model_call_end', elapsedMs: number, index: number, totalTokens: number): RunEvent {
  const usage = { inputTokens: 400, outputTokens: 100, cacheReadTokens: 0, cacheWriteTokens: 0 };
  return {
    type,
    trajectoryId: 'traj-0001',
    elapsedMs,
    callId: `c${index}`,
    parentId: null,
    nodeId: 'root',
    depth: 0,
    kind: 'root',
    model: 'claude-sonnet-4-5',
    usage,
    costUsd: 0.004,
    latencyMs: 100,
    error: null,
    totalTokens,
    totalCostUsd: 0.004 * index,
  };
}

/** Emits `modelCalls` model_call_end events, `stepMs` of clock apart, then returns `result`. */
export class FakeEngine implements Engine {
  readonly requests: EngineRequest[] = [];
  constructor(
    private readonly result: RLMResult,
    private readonly options: {
      clock?: ManualClock;
      modelCalls?: number;
      stepMs?: number;
      throws?: Error;
    } = {},
  ) {}

  async run(request: EngineRequest): Promise<RLMResult> {
    this.requests.push(request);
    if (this.options.throws) throw this.options.throws;
    const calls = this.options.modelCalls ?? 0;
    for (let index = 1; index <= calls; index += 1) {
      if (this.options.clock) this.options.clock.time += this.options.stepMs ?? 0;
      request.onEvent(event('model_call_end', index * (this.options.stepMs ?? 0), index, index * 500));
      // Let the in-flight progress edit finish, as real model calls take time.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return this.result;
  }
}

export class RecordingUploader implements ArtifactUploader {
  readonly uploads: Array<{ name: string; files: string[]; root: string }> = [];
  async upload(name: string, files: string[], rootDirectory: string): Promise<UploadedArtifact> {
    this.uploads.push({ name, files, root: rootDirectory });
    return { id: 77, url: `https://github.com/o/r/actions/runs/1/artifacts/77` };
  }
}

export class RecordingSink implements ActionSink {
  readonly outputs: Record<string, string> = {};
  readonly failures: string[] = [];
  readonly secrets: string[] = [];
  summary = '';
  registerSecret(value: string): void {
    this.secrets.push(value);
  }
  setOutput(name: string, value: string): void {
    this.outputs[name] = value;
  }
  setFailed(message: string): void {
    this.failures.push(message);
  }
  async writeSummary(markdown: string): Promise<void> {
    this.summary += markdown;
  }
}

export class RecordingLog implements ActionLog {
  readonly lines: string[] = [];
  info(message: string): void {
    this.lines.push(message);
  }
  warning(message: string): void {
    this.lines.push(`warning: ${message}`);
  }
  folded(title: string, body: string): void {
    this.lines.push(`[${title}]\n${body}`);
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push(`>> ${title}`);
    return fn();
  }
}

export function trajectoryAccessFor(trajectory: Trajectory | undefined): TrajectoryAccess {
  return {
    load: async () => trajectory,
    markdown: (t) => `# ${t.trajectory_id}\n\n${t.calls.map((c) => `${c.prompt}\n${c.response}`).join('\n')}`,
    callTreeText: (t) => t.calls.map((c) => `${c.node_id} ${c.call_id}`).join('\n'),
    callTreeMermaid: (t) => callTreeMermaidBlock(t),
  };
}
