/**
 * A trajectory file's text → runs, without the filesystem: what the page does with a file picked or
 * dropped by the user (never copied into the log dir), and what `rlm logs import` checks before copying.
 * Accepts our JSON / JSONL trajectories, a journal of an unfinished run, and the official RLM library's
 * JSONL logs. Every field the views read is type-checked and defaulted: a file is untrusted input and
 * must not be able to break the page.
 */
import { assembleTrajectory } from '../../trajectory/assemble.js';
import { CallCollector } from '../../trajectory/call-collector.js';
import { isJournalEntry, type JournalEntry } from '../../trajectory/journal-entry.js';
import type {
  CallRecord,
  CodeExecutionRecord,
  OutputRecord,
  SkippedOutput,
  Trajectory,
} from '../../trajectory/types.js';
import { convertOfficialRlmLog, isOfficialRlmLog } from './official-rlm.js';

export interface ParsedFile {
  runs: Trajectory[];
  /** Lines or records that were skipped, for the user to see. */
  problems: string[];
}

export const IMPORTED_JOURNAL_ERROR = 'run did not finish (imported journal)';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const strOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** Output records of schema 2 (older files have none); malformed entries are dropped. */
function outputRecords(value: unknown): OutputRecord[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isObject)
    .flatMap((item) =>
      typeof item.path === 'string' && typeof item.sha256 === 'string'
        ? [{ path: item.path, bytes: num(item.bytes), sha256: item.sha256, media_type: str(item.media_type) }]
        : [],
    );
}

function skippedOutputs(value: unknown): SkippedOutput[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isObject)
    .flatMap((item) =>
      typeof item.path === 'string' ? [{ path: item.path, reason: str(item.reason) }] : [],
    );
}

export function parseTrajectoryText(text: string, name: string): ParsedFile {
  const problems: string[] = [];
  const records = parseRecords(text, problems);
  if (isOfficialRlmLog(records)) {
    const run = convertOfficialRlmLog(records, name);
    return { runs: run ? [run] : [], problems };
  }
  if (records.length > 0 && isJournalEntry(records[0])) {
    const run = rebuildJournal(records.filter(isJournalEntry), problems);
    return { runs: run ? [run] : [], problems };
  }
  const runs: Trajectory[] = [];
  records.forEach((record, index) => {
    const run = coerceTrajectory(record);
    if (run) runs.push(run);
    else problems.push(`record ${index + 1} is not a trajectory`);
  });
  return { runs, problems };
}

function parseRecords(text: string, problems: string[]): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    const whole: unknown = JSON.parse(trimmed);
    return Array.isArray(whole) ? whole : [whole];
  } catch {
    // Not one document: JSON lines.
  }
  const values: unknown[] = [];
  trimmed.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      values.push(JSON.parse(line));
    } catch {
      problems.push(`line ${index + 1} is not valid JSON`);
    }
  });
  return values;
}

function rebuildJournal(entries: JournalEntry[], problems: string[]): Trajectory | undefined {
  const header = entries.find((entry) => entry.type === 'header');
  if (!header || header.type !== 'header') {
    problems.push('journal has no header');
    return undefined;
  }
  const collector = new CallCollector();
  let outcome: Extract<JournalEntry, { type: 'outcome' }>['data'] | undefined;
  for (const entry of entries) {
    if (entry.type === 'call') collector.addCall(entry.data);
    else if (entry.type === 'execution') collector.addExecution(entry.call_id, entry.data);
    else if (entry.type === 'outcome') outcome = entry.data;
  }
  const calls = collector.calls();
  const last = entries[entries.length - 1]?.at ?? header.at;
  const assembled = outcome
    ? assembleTrajectory(header.data, calls, outcome)
    : assembleTrajectory(
        header.data,
        calls,
        {
          end_time: last,
          duration_ms: Math.max(0, Date.parse(last) - Date.parse(header.data.start_time) || 0),
          success: false,
          error: IMPORTED_JOURNAL_ERROR,
          final_answer: null,
          limits_hit: [],
          iterations: calls.filter((call) => call.depth === 0).length,
          max_depth_reached: calls.reduce((max, call) => Math.max(max, call.depth), 0),
        },
        { incomplete: true },
      );
  return coerceTrajectory(assembled);
}

/** The shape the views rely on, or undefined when the value is not a trajectory at all. */
export function coerceTrajectory(value: unknown): Trajectory | undefined {
  if (!isObject(value) || typeof value.trajectory_id !== 'string' || !Array.isArray(value.calls)) {
    return undefined;
  }
  const calls = value.calls.filter(isObject).map(coerceCall);
  const limits: Record<string, number | null> = {};
  if (isObject(value.limits)) {
    for (const [key, limit] of Object.entries(value.limits)) {
      limits[key] = typeof limit === 'number' ? limit : null;
    }
  }
  const trajectory: Trajectory = {
    schema_version: num(value.schema_version),
    trajectory_id: value.trajectory_id,
    backend: str(value.backend, 'unknown'),
    model: str(value.model, 'unknown'),
    sub_model: str(value.sub_model),
    environment: str(value.environment, 'unknown'),
    start_time: str(value.start_time, new Date(0).toISOString()),
    end_time: str(value.end_time, str(value.start_time, new Date(0).toISOString())),
    duration_ms: num(value.duration_ms),
    success: value.success === true,
    error: strOrNull(value.error),
    final_answer: strOrNull(value.final_answer),
    limits_hit: strings(value.limits_hit),
    iterations: num(value.iterations),
    max_depth_reached: num(value.max_depth_reached),
    outputs: outputRecords(value.outputs),
    outputs_skipped: skippedOutputs(value.outputs_skipped),
    outputs_dir: strOrNull(value.outputs_dir),
    total_tokens: num(value.total_tokens),
    total_tokens_in: num(value.total_tokens_in),
    total_tokens_out: num(value.total_tokens_out),
    total_cache_read_tokens: num(value.total_cache_read_tokens),
    total_cache_write_tokens: num(value.total_cache_write_tokens),
    total_cost_usd: typeof value.total_cost_usd === 'number' ? value.total_cost_usd : null,
    task: str(value.task),
    system_prompt: str(value.system_prompt),
    limits,
    context_summary: str(value.context_summary),
    calls,
  };
  if (value.incomplete === true) trajectory.incomplete = true;
  return trajectory;
}

function coerceCall(call: Json, index: number): CallRecord {
  return {
    call_id: str(call.call_id, `call-${index + 1}`),
    parent_id: strOrNull(call.parent_id),
    node_id: str(call.node_id, 'root'),
    depth: num(call.depth),
    kind: call.kind === 'llm_query' ? 'llm_query' : 'root',
    iteration: num(call.iteration),
    model: str(call.model, 'unknown'),
    prompt: str(call.prompt),
    response: str(call.response),
    tools_used: strings(call.tools_used),
    tokens_in: num(call.tokens_in),
    tokens_out: num(call.tokens_out),
    cache_read_tokens: num(call.cache_read_tokens),
    cache_write_tokens: num(call.cache_write_tokens),
    cost_usd: typeof call.cost_usd === 'number' ? call.cost_usd : null,
    latency_ms: num(call.latency_ms),
    start_time: str(call.start_time, new Date(0).toISOString()),
    executions: Array.isArray(call.executions) ? call.executions.filter(isObject).map(coerceExecution) : [],
    error: strOrNull(call.error),
  };
}

function coerceExecution(execution: Json, index: number): CodeExecutionRecord {
  const record: CodeExecutionRecord = {
    block_index: typeof execution.block_index === 'number' ? execution.block_index : index,
    code: str(execution.code),
    stdout: str(execution.stdout),
    stderr: str(execution.stderr),
    status: str(execution.status, 'unknown'),
    error: strOrNull(execution.error),
    stdout_truncated_bytes: num(execution.stdout_truncated_bytes),
    stderr_truncated_bytes: num(execution.stderr_truncated_bytes),
    state_lost: execution.state_lost === true,
    duration_ms: num(execution.duration_ms),
  };
  if (Array.isArray(execution.tools_used)) record.tools_used = strings(execution.tools_used);
  return record;
}
