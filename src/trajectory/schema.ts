/**
 * JSON Schema (draft-07) of one finished trajectory, schema version 2 (version 1 had no outputs; the
 * reader upgrades it).
 *
 * The source of truth lives here, in a TS module, because the tsc build's rootDir is `src/` (a JSON import
 * from `schema/` would fall outside it); `schema/trajectory.schema.json` is generated from this object and
 * a test fails when their contents differ. Regenerate with:
 *   npx tsx -e "import('./src/trajectory/schema.ts').then(m => m.writeSchemaFile())" && npx prettier --write schema
 */
import { writeFile } from 'node:fs/promises';

const ISO_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';

const count = { type: 'integer', minimum: 0 } as const;
const milliseconds = { type: 'number', minimum: 0 } as const;
const time = { type: 'string', pattern: ISO_TIME } as const;
const nullableText = { type: ['string', 'null'] } as const;
const nullableUsd = { type: ['number', 'null'], minimum: 0 } as const;
const nullableMilliseconds = { type: ['number', 'null'], minimum: 0 } as const;

const codeExecution = {
  type: 'object',
  additionalProperties: false,
  required: [
    'block_index',
    'code',
    'stdout',
    'stderr',
    'status',
    'error',
    'stdout_truncated_bytes',
    'stderr_truncated_bytes',
    'state_lost',
    'duration_ms',
  ],
  properties: {
    block_index: { ...count, description: 'Index of the ```repl block within the model reply.' },
    code: { type: 'string' },
    stdout: { type: 'string' },
    stderr: { type: 'string' },
    status: { type: 'string', description: 'Sandbox execution status (ok, error, timeout, ...).' },
    error: nullableText,
    stdout_truncated_bytes: count,
    stderr_truncated_bytes: count,
    state_lost: { type: 'boolean', description: 'The REPL was restarted; variables were lost.' },
    duration_ms: milliseconds,
    tools_used: {
      type: 'array',
      items: { type: 'string' },
      description:
        'Host functions this block called while it ran (llm_query, llm_query_batched, rlm_query, rlm_query_batched, registered tools), in first-use order.',
    },
  },
} as const;

const failedAttempt = {
  type: 'object',
  additionalProperties: false,
  required: [
    'attempt',
    'status',
    'error',
    'wait_ms',
    'latency_ms',
    'streamed_chars',
    'tokens_in',
    'tokens_out',
    'cache_read_tokens',
    'cache_write_tokens',
    'usage_estimated',
  ],
  properties: {
    attempt: { type: 'integer', minimum: 1 },
    status: {
      type: ['integer', 'null'],
      description: 'HTTP status; null for timeouts, connection errors, aborts.',
    },
    error: { type: 'string', description: 'Short cause, e.g. "HTTP 429 rate_limit_error".' },
    wait_ms: {
      ...nullableMilliseconds,
      description: 'Wait before the next attempt; null when none followed.',
    },
    latency_ms: milliseconds,
    streamed_chars: { ...count, description: 'Reply text streamed before the failure (discarded).' },
    tokens_in: count,
    tokens_out: count,
    cache_read_tokens: count,
    cache_write_tokens: count,
    usage_estimated: { type: 'boolean', description: "The counts are an estimate, not the provider's own." },
  },
} as const;

const call = {
  type: 'object',
  additionalProperties: false,
  required: [
    'call_id',
    'parent_id',
    'node_id',
    'depth',
    'kind',
    'iteration',
    'model',
    'prompt',
    'response',
    'tools_used',
    'tokens_in',
    'tokens_out',
    'cache_read_tokens',
    'cache_write_tokens',
    'cost_usd',
    'latency_ms',
    'start_time',
    'executions',
    'error',
  ],
  properties: {
    call_id: { type: 'string', minLength: 1 },
    parent_id: { ...nullableText, description: 'The call whose code made this one; null at depth 0.' },
    node_id: {
      type: 'string',
      minLength: 1,
      description: 'RLM node that made the call (root, root.1, ...).',
    },
    depth: count,
    kind: { enum: ['root', 'llm_query'] },
    iteration: { ...count, description: 'Loop iteration of the node (1-based); 0 for llm_query sub-calls.' },
    model: { type: 'string' },
    prompt: { type: 'string' },
    response: { type: 'string' },
    tools_used: {
      type: 'array',
      items: { type: 'string' },
      description:
        "Host functions the reply's code actually called: the union of its executions' tools_used.",
    },
    tokens_in: count,
    tokens_out: count,
    cache_read_tokens: count,
    cache_write_tokens: count,
    cost_usd: { ...nullableUsd, description: 'null when the model price is unknown.' },
    latency_ms: milliseconds,
    start_time: time,
    executions: { type: 'array', items: { $ref: '#/definitions/codeExecution' } },
    error: nullableText,
    attempts: { type: 'integer', minimum: 1, description: 'Attempts the call took (1 = no retry).' },
    failed_attempts: {
      type: 'array',
      items: { $ref: '#/definitions/failedAttempt' },
      description: 'Attempts that failed, in order, with their error, wait and billed usage.',
    },
    usage_estimated: {
      type: 'boolean',
      description:
        'Tokens and cost include an estimate for an attempt whose usage the provider never reported.',
    },
  },
} as const;

const output = {
  type: 'object',
  additionalProperties: false,
  required: ['path', 'bytes', 'sha256', 'media_type'],
  properties: {
    path: { type: 'string', minLength: 1 },
    bytes: count,
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    media_type: { type: 'string' },
  },
} as const;

export const trajectorySchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:rlm-runtime-action:trajectory-schema:v2',
  title: 'RLM trajectory',
  description: 'One finished (or, with incomplete: true, reconstructed) Recursive Language Model run.',
  type: 'object',
  additionalProperties: false,
  required: [
    'schema_version',
    'trajectory_id',
    'backend',
    'model',
    'sub_model',
    'environment',
    'start_time',
    'end_time',
    'duration_ms',
    'success',
    'error',
    'final_answer',
    'limits_hit',
    'iterations',
    'max_depth_reached',
    'outputs',
    'outputs_skipped',
    'outputs_dir',
    'total_tokens',
    'total_tokens_in',
    'total_tokens_out',
    'total_cache_read_tokens',
    'total_cache_write_tokens',
    'total_cost_usd',
    'task',
    'system_prompt',
    'limits',
    'context_summary',
    'calls',
  ],
  properties: {
    schema_version: { const: 2 },
    trajectory_id: { type: 'string', minLength: 1 },
    backend: { type: 'string' },
    model: { type: 'string' },
    sub_model: { type: 'string' },
    environment: { type: 'string' },
    start_time: time,
    end_time: time,
    duration_ms: milliseconds,
    success: { type: 'boolean' },
    error: nullableText,
    final_answer: nullableText,
    limits_hit: { type: 'array', items: { type: 'string' } },
    iterations: count,
    max_depth_reached: count,
    outputs: {
      type: 'array',
      items: { $ref: '#/definitions/output' },
      description: 'Files model code left in /output, collected into <log_dir>/<outputs_dir>/<path>.',
    },
    outputs_skipped: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'reason'],
        properties: { path: { type: 'string' }, reason: { type: 'string' } },
      },
      description: 'Entries of /output not collected: symlinks, special files, over a cap.',
    },
    outputs_dir: {
      ...nullableText,
      description: 'Relative to the log dir; null when nothing was collected.',
    },
    total_tokens: { ...count, description: 'total_tokens_in + total_tokens_out.' },
    total_tokens_in: count,
    total_tokens_out: count,
    total_cache_read_tokens: count,
    total_cache_write_tokens: count,
    total_cost_usd: { ...nullableUsd, description: 'null when any call cost is unknown.' },
    task: { type: 'string' },
    system_prompt: { type: 'string' },
    limits: { type: 'object', additionalProperties: { type: ['number', 'null'] } },
    context_summary: { type: 'string' },
    calls: { type: 'array', items: { $ref: '#/definitions/call' } },
    incomplete: { type: 'boolean', description: 'Rebuilt from the journal of a run that never finished.' },
  },
  definitions: { call, codeExecution, failedAttempt, output },
} as const;

/** Path of the generated copy, relative to the repository root. */
export const SCHEMA_FILE = 'schema/trajectory.schema.json';

export function schemaFileText(): string {
  return `${JSON.stringify(trajectorySchema, null, 2)}\n`;
}

export async function writeSchemaFile(file: string = SCHEMA_FILE): Promise<void> {
  await writeFile(file, schemaFileText());
}
