/**
 * Trace logs of the official Python RLM library (alexzhang13/rlm, `RLMLogger`): a JSONL file whose first
 * line is `{"type": "metadata", root_model, max_depth, max_iterations, backend, environment_type, …}`,
 * optionally a `run_context` line (the prompt), then one `{"type": "iteration", iteration, timestamp,
 * prompt, response, code_blocks: [{code, result: {stdout, stderr, execution_time, rlm_calls}}],
 * final_answer, iteration_time}` line per root turn. Converted into a trajectory so the list, the run view
 * and compare read them like our own runs.
 *
 * What the format lacks stays visibly absent: root turns carry no token counts (0), no prices (cost
 * unknown), and timestamps are the writer's local time without a zone (read as UTC). backend_kwargs and
 * environment_kwargs are dropped: they can hold API keys.
 */
import { summarize } from '../../trajectory/summary.js';
import type { CallRecord, CodeExecutionRecord, Trajectory } from '../../trajectory/types.js';

/** Trajectory ids of converted logs start with this, which is how the list tells the source apart. */
export const OFFICIAL_RLM_ID_PREFIX = 'rlmpy-';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const text = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
const number = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export function isOfficialRlmLog(records: readonly unknown[]): boolean {
  const first = records[0];
  return isObject(first) && first.type === 'metadata' && typeof first.root_model === 'string';
}

/** Python's naive `datetime.now().isoformat()` (local time, microseconds) → ISO-8601 UTC. */
function isoTime(value: unknown, fallbackMs: number): number {
  if (typeof value !== 'string') return fallbackMs;
  const zoned = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
  const parsed = Date.parse(zoned.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(parsed) ? fallbackMs : parsed;
}

/** A prompt is a string or a chat message list; show the last user message (this turn's new input). */
function promptText(prompt: unknown): string {
  if (!Array.isArray(prompt)) return text(prompt);
  for (let index = prompt.length - 1; index >= 0; index -= 1) {
    const message: unknown = prompt[index];
    if (isObject(message) && message.role === 'user') return text(message.content);
  }
  return text(prompt[prompt.length - 1]);
}

function usageOf(completion: Json): { model: string; tokensIn: number; tokensOut: number } {
  const summaries = isObject(completion.usage_summary)
    ? completion.usage_summary.model_usage_summaries
    : undefined;
  let tokensIn = 0;
  let tokensOut = 0;
  let model = text(completion.root_model);
  if (isObject(summaries)) {
    for (const [name, usage] of Object.entries(summaries)) {
      if (!isObject(usage)) continue;
      tokensIn += number(usage.total_input_tokens);
      tokensOut += number(usage.total_output_tokens);
      if (model === '') model = name;
    }
  }
  return { model: model || 'unknown', tokensIn, tokensOut };
}

/** `name` is the file name (or anything stable) the run id is derived from. */
export function convertOfficialRlmLog(records: readonly unknown[], name: string): Trajectory | undefined {
  if (!isOfficialRlmLog(records)) return undefined;
  const metadata = records[0] as Json;
  const context = records.find((record) => isObject(record) && record.type === 'run_context');
  const iterations = records.filter(
    (record): record is Json => isObject(record) && record.type === 'iteration',
  );
  const rootModel = text(metadata.root_model);
  const startMs = isoTime(metadata.timestamp, 0);
  const calls: CallRecord[] = [];
  let finalAnswer: string | null = null;
  let subCount = 0;
  let previousEnd = startMs;
  iterations.forEach((iteration, position) => {
    const turn = number(iteration.iteration) || position + 1;
    const latency = number(iteration.iteration_time) * 1000;
    const endMs = isoTime(iteration.timestamp, previousEnd + latency);
    const callStart = latency > 0 ? endMs - latency : previousEnd;
    previousEnd = endMs;
    const callId = `iter-${turn}`;
    const executions: CodeExecutionRecord[] = [];
    const subCalls: CallRecord[] = [];
    const blocks = Array.isArray(iteration.code_blocks) ? iteration.code_blocks : [];
    let offset = callStart;
    blocks.forEach((block: unknown, blockIndex) => {
      if (!isObject(block)) return;
      const result = isObject(block.result) ? block.result : {};
      const completions = Array.isArray(result.rlm_calls) ? result.rlm_calls.filter(isObject) : [];
      const stderr = text(result.stderr);
      executions.push({
        block_index: blockIndex,
        code: text(block.code),
        stdout: text(result.stdout),
        stderr,
        status: 'ok',
        error: null,
        stdout_truncated_bytes: 0,
        stderr_truncated_bytes: 0,
        state_lost: false,
        duration_ms: number(result.execution_time) * 1000,
        tools_used: completions.length > 0 ? ['llm_query'] : [],
      });
      for (const completion of completions) {
        subCount += 1;
        const usage = usageOf(completion);
        subCalls.push({
          call_id: `${callId}-sub-${subCount}`,
          parent_id: callId,
          node_id: 'root',
          depth: 1,
          kind: 'llm_query',
          iteration: 0,
          model: usage.model,
          prompt: promptText(completion.prompt),
          response: text(completion.response),
          tools_used: [],
          tokens_in: usage.tokensIn,
          tokens_out: usage.tokensOut,
          cache_read_tokens: 0,
          cache_write_tokens: 0,
          cost_usd: null,
          latency_ms: number(completion.execution_time) * 1000,
          start_time: new Date(offset).toISOString(),
          executions: [],
          error: typeof completion.error === 'string' ? completion.error : null,
        });
      }
      offset += number(result.execution_time) * 1000;
    });
    calls.push({
      call_id: callId,
      parent_id: null,
      node_id: 'root',
      depth: 0,
      kind: 'root',
      iteration: turn,
      model: rootModel,
      prompt: promptText(iteration.prompt),
      response: text(iteration.response),
      tools_used: executions.some((execution) => (execution.tools_used ?? []).length > 0)
        ? ['llm_query']
        : [],
      tokens_in: 0,
      tokens_out: 0,
      cache_read_tokens: 0,
      cache_write_tokens: 0,
      cost_usd: null,
      latency_ms: latency,
      start_time: new Date(callStart).toISOString(),
      executions,
      error: null,
    });
    // The turn first, then what its code called (stable sort keeps this order for equal start times).
    calls.push(...subCalls);
    if (iteration.final_answer !== null && iteration.final_answer !== undefined)
      finalAnswer = text(iteration.final_answer);
  });
  const totals = summarize(calls);
  const stem = name.replace(/^.*[\\/]/, '').replace(/\.jsonl?$/, '');
  const contextRecord = isObject(context) ? context : {};
  return {
    schema_version: 1,
    trajectory_id: `${OFFICIAL_RLM_ID_PREFIX}${stem.replace(/[^A-Za-z0-9_.-]/g, '_')}`,
    backend: text(metadata.backend) || 'unknown',
    model: rootModel,
    sub_model: Array.isArray(metadata.other_backends)
      ? metadata.other_backends.map(text).join(', ')
      : rootModel,
    environment: text(metadata.environment_type) || 'unknown',
    start_time: new Date(startMs).toISOString(),
    end_time: new Date(previousEnd).toISOString(),
    duration_ms: Math.max(0, previousEnd - startMs),
    task:
      text(contextRecord.root_prompt) ||
      promptText(contextRecord.prompt) ||
      promptText(iterations[0]?.prompt),
    system_prompt: '',
    limits: { max_iterations: number(metadata.max_iterations), max_depth: number(metadata.max_depth) },
    context_summary: `official RLM (Python) log ${stem}`,
    success: finalAnswer !== null,
    error: finalAnswer === null ? 'no final answer in the log' : null,
    final_answer: finalAnswer,
    limits_hit: [],
    iterations: iterations.length,
    max_depth_reached: subCount > 0 ? 1 : 0,
    // The official library has no /output.
    outputs: [],
    outputs_skipped: [],
    outputs_dir: null,
    calls: calls.sort((a, b) => Date.parse(a.start_time) - Date.parse(b.start_time)),
    ...totals,
  };
}
