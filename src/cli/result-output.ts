/**
 * What `rlm run` prints on stdout: with --json exactly one JSON object (also
 * for failures before the run, so scripts can always parse stdout); otherwise
 * the answer, the collected outputs, a per-model cost table and the trajectory path.
 */
import type { RLMResult } from '../rlm-options.js';
import {
  renderCostTableText,
  renderOutputsText,
  TOTAL_ROW_LABEL,
  type CostTableRow,
} from '../trajectory/render/index.js';

export interface RunJson {
  response: string | null;
  success: boolean;
  error: string | null;
  trajectory_id: string | null;
  trajectory_path: string | null;
  tokens: number;
  cost_usd: number | null;
  exit_code: number;
  limits_hit: string[];
  warnings: string[];
  iterations: number;
  model_calls: number;
  sub_calls: number;
  max_depth_reached: number;
  duration_ms: number;
  /** With --output-schema: the answer parsed as JSON, valid against the schema. */
  structured_output?: unknown;
  usage: {
    input_tokens: number;
    output_tokens: number;
    cache_read_tokens: number;
    cache_write_tokens: number;
  };
  outputs: Array<{ path: string; bytes: number; sha256: string; media_type: string }>;
  outputs_dir: string | null;
  usage_by_model: Record<
    string,
    {
      calls: number;
      input_tokens: number;
      output_tokens: number;
      cache_read_tokens: number;
      cache_write_tokens: number;
      cost_usd: number | null;
    }
  >;
}

export function resultToJson(result: RLMResult): RunJson {
  const usageByModel: RunJson['usage_by_model'] = {};
  for (const [model, summary] of Object.entries(result.usageByModel)) {
    usageByModel[model] = {
      calls: summary.calls,
      input_tokens: summary.usage.inputTokens,
      output_tokens: summary.usage.outputTokens,
      cache_read_tokens: summary.usage.cacheReadTokens,
      cache_write_tokens: summary.usage.cacheWriteTokens,
      cost_usd: summary.costUsd,
    };
  }
  return {
    response: result.trajectoryId === '' ? null : result.response,
    success: result.success,
    error: result.error,
    trajectory_id: result.trajectoryId === '' ? null : result.trajectoryId,
    trajectory_path: result.trajectoryPath,
    tokens: result.tokens,
    cost_usd: result.costUsd,
    exit_code: result.exitCode,
    limits_hit: result.limitsHit,
    warnings: result.warnings,
    iterations: result.iterations,
    model_calls: result.modelCalls,
    sub_calls: result.subCalls,
    max_depth_reached: result.maxDepthReached,
    duration_ms: result.durationMs,
    usage: {
      input_tokens: result.usage.inputTokens,
      output_tokens: result.usage.outputTokens,
      cache_read_tokens: result.usage.cacheReadTokens,
      cache_write_tokens: result.usage.cacheWriteTokens,
    },
    usage_by_model: usageByModel,
    ...(result.structuredOutput === undefined ? {} : { structured_output: result.structuredOutput }),
    outputs: result.outputs,
    outputs_dir: result.outputsDir,
  };
}

/** The JSON for a run that failed before it produced a result (bad config, Docker down at start). */
export function failureToJson(message: string, exitCode: number): RunJson {
  return {
    response: null,
    success: false,
    error: message,
    trajectory_id: null,
    trajectory_path: null,
    tokens: 0,
    cost_usd: null,
    exit_code: exitCode,
    limits_hit: [],
    warnings: [],
    iterations: 0,
    model_calls: 0,
    sub_calls: 0,
    max_depth_reached: 0,
    duration_ms: 0,
    usage: { input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0 },
    usage_by_model: {},
    outputs: [],
    outputs_dir: null,
  };
}

export function renderResultText(result: RLMResult): string {
  const lines: string[] = [];
  lines.push(result.response.trimEnd() === '' ? '(no answer)' : result.response.trimEnd(), '');
  // Why a run failed goes to stderr (run.ts): stdout stays the answer and its accounting.
  if (!result.success && result.limitsHit.length > 0)
    lines.push(`Stopped by: ${result.limitsHit.join(', ')}`, '');
  const outputs = renderOutputsText(result.outputs, [], result.outputsDir);
  if (outputs.length > 0) lines.push(...outputs, '');
  lines.push(...renderCostTable(result), '');
  lines.push(`Trajectory: ${result.trajectoryPath ?? '(not written)'}  (id ${result.trajectoryId})`);
  return `${lines.join('\n')}\n`;
}

/** Per model: calls, tokens in/out, cache read/write, cost (unknown stays unknown); the total row last. */
export function renderCostTable(result: RLMResult): string[] {
  const rows: CostTableRow[] = Object.entries(result.usageByModel).map(([model, summary]) => ({
    model,
    calls: summary.calls,
    tokens_in: summary.usage.inputTokens,
    tokens_out: summary.usage.outputTokens,
    cache_read: summary.usage.cacheReadTokens,
    cache_write: summary.usage.cacheWriteTokens,
    cost_usd: summary.costUsd,
  }));
  const total: CostTableRow = {
    model: TOTAL_ROW_LABEL,
    calls: result.modelCalls,
    tokens_in: result.usage.inputTokens,
    tokens_out: result.usage.outputTokens,
    cache_read: result.usage.cacheReadTokens,
    cache_write: result.usage.cacheWriteTokens,
    cost_usd: result.costUsd,
  };
  return renderCostTableText({ rows, total }).split('\n');
}
