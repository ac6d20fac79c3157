/**
 * Made-up but well-formed trajectories for the dashboard's tests, benchmark and screenshots: root
 * iterations whose code fans out into concurrent llm_query calls and child RLMs, with tokens, cache
 * tokens, costs and overlapping times. Deterministic for a given seed.
 */
import { summarize } from '../../src/trajectory/summary.js';
import { TRAJECTORY_SCHEMA_VERSION, type CallRecord, type Trajectory } from '../../src/trajectory/types.js';

export interface SyntheticOptions {
  id: string;
  calls: number;
  start?: string;
  model?: string;
  subModel?: string;
  backend?: string;
  success?: boolean;
  task?: string;
  /** Text placed in every prompt, response, code and output (e.g. hostile markup). */
  payload?: string;
  seed?: number;
  /** How many sub-calls each root iteration makes. */
  fanOut?: number;
}

export function syntheticRun(options: SyntheticOptions): Trajectory {
  let seed = options.seed ?? 7;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const model = options.model ?? 'claude-sonnet-4-5';
  const subModel = options.subModel ?? 'claude-haiku-4-5';
  const startMs = Date.parse(options.start ?? '2026-11-20T10:00:00.000Z');
  const payload = options.payload ?? '';
  const fanOut = options.fanOut ?? 4;
  const calls: CallRecord[] = [];
  let clock = startMs;
  let iteration = 0;
  let child = 0;
  const price = (tokensIn: number, tokensOut: number): number =>
    Math.round((tokensIn * 3 + tokensOut * 15) / 10) / 1e5;
  while (calls.length < options.calls) {
    iteration += 1;
    const rootId = `c${calls.length + 1}`;
    const rootLatency = 800 + Math.round(random() * 2000);
    const tokensIn = 500 + Math.round(random() * 3000);
    const tokensOut = 100 + Math.round(random() * 800);
    const root: CallRecord = {
      call_id: rootId,
      parent_id: null,
      node_id: 'root',
      depth: 0,
      kind: 'root',
      iteration,
      model,
      prompt: `Iteration ${iteration} ${payload}`,
      response: `Looking at chunk ${iteration} ${payload}\n\`\`\`repl\nprint(len(context))\n\`\`\``,
      tools_used: ['llm_query_batched', 'rlm_query'],
      tokens_in: tokensIn,
      tokens_out: tokensOut,
      cache_read_tokens: iteration > 1 ? Math.round(tokensIn * 0.6) : 0,
      cache_write_tokens: iteration === 1 ? 1024 : 0,
      cost_usd: price(tokensIn, tokensOut),
      latency_ms: rootLatency,
      start_time: new Date(clock).toISOString(),
      executions: [
        {
          block_index: 0,
          code: `results = llm_query_batched(chunks) ${payload}`,
          stdout: `3 rows ${payload}\n`,
          stderr: '',
          status: 'ok',
          error: null,
          stdout_truncated_bytes: 0,
          stderr_truncated_bytes: 0,
          state_lost: false,
          duration_ms: 1500,
          tools_used: ['llm_query_batched', 'rlm_query', 'search_issues'],
        },
      ],
      error: null,
    };
    calls.push(root);
    const codeStart = clock + rootLatency;
    let codeEnd = codeStart;
    for (let index = 0; index < fanOut && calls.length < options.calls; index += 1) {
      const latency = 300 + Math.round(random() * 3000);
      const subIn = 200 + Math.round(random() * 1500);
      const subOut = 50 + Math.round(random() * 300);
      const isChild = index === fanOut - 1;
      if (isChild) child += 1;
      calls.push({
        call_id: `c${calls.length + 1}`,
        parent_id: rootId,
        node_id: isChild ? `root.${child}` : 'root',
        depth: 1,
        kind: isChild ? 'root' : 'llm_query',
        iteration: isChild ? 1 : 0,
        model: subModel,
        prompt: `Summarise part ${index} ${payload}`,
        response: `Part ${index}: fine ${payload}`,
        tools_used: [],
        tokens_in: subIn,
        tokens_out: subOut,
        cache_read_tokens: 0,
        cache_write_tokens: 0,
        cost_usd: price(subIn, subOut) / 3,
        latency_ms: latency,
        start_time: new Date(codeStart + index * 20).toISOString(),
        executions: [],
        error: random() < 0.05 ? 'overloaded (529)' : null,
      });
      codeEnd = Math.max(codeEnd, codeStart + index * 20 + latency);
    }
    clock = codeEnd + 50;
  }
  const totals = summarize(calls);
  const success = options.success ?? true;
  return {
    schema_version: TRAJECTORY_SCHEMA_VERSION,
    trajectory_id: options.id,
    backend: options.backend ?? 'anthropic',
    model,
    sub_model: subModel,
    environment: 'docker',
    start_time: new Date(startMs).toISOString(),
    end_time: new Date(clock).toISOString(),
    duration_ms: clock - startMs,
    success,
    error: success ? null : 'max_iterations reached',
    final_answer: success ? `Done ${payload}` : null,
    limits_hit: success ? [] : ['max_iterations'],
    iterations: iteration,
    max_depth_reached: 1,
    outputs: [],
    outputs_skipped: [],
    outputs_dir: null,
    ...totals,
    task: options.task ?? `Which services fail? ${payload}`,
    system_prompt: 'You are an RLM.',
    limits: { max_iterations: 30, max_depth: 2, max_cost_usd: null },
    context_summary: 'str, 1,024 chars',
    calls,
  };
}
