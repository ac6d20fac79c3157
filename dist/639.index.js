import { dirname as __rlmDirname } from 'node:path';
import { fileURLToPath as __rlmFileURLToPath } from 'node:url';
const __filename = __rlmFileURLToPath(import.meta.url);
const __dirname = __rlmDirname(__filename);
export const id = 639;
export const ids = [639];
export const modules = {

/***/ 1020:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DEFAULT_HTML_MAX_CHARS_PER_FIELD: () => (/* reexport */ DEFAULT_HTML_MAX_CHARS_PER_FIELD),
  DEFAULT_MAX_CHARS_PER_FIELD: () => (/* reexport */ DEFAULT_MAX_CHARS_PER_FIELD),
  DEFAULT_MERMAID_NODES: () => (/* reexport */ DEFAULT_MERMAID_NODES),
  JOURNAL_DIR: () => (/* reexport */ journal/* JOURNAL_DIR */.Ci),
  MAX_INLINE_IMAGE_BYTES: () => (/* reexport */ outputs/* MAX_INLINE_IMAGE_BYTES */.$d),
  MIN_SECRET_LENGTH: () => (/* reexport */ redactor/* MIN_SECRET_LENGTH */.vb),
  OUTPUTS_SUBDIR: () => (/* reexport */ output_files/* OUTPUTS_SUBDIR */.Nd),
  REDACTED: () => (/* reexport */ redactor/* REDACTED */.XF),
  RUN_IN_PROGRESS_ERROR: () => (/* reexport */ reader/* RUN_IN_PROGRESS_ERROR */.NP),
  Redactor: () => (/* reexport */ redactor/* Redactor */.pO),
  SCHEMA_FILE: () => (/* reexport */ SCHEMA_FILE),
  TOTAL_ROW_LABEL: () => (/* reexport */ TOTAL_ROW_LABEL),
  TRAJECTORY_SCHEMA_VERSION: () => (/* reexport */ types/* TRAJECTORY_SCHEMA_VERSION */.X),
  TrajectoryWriter: () => (/* reexport */ writer/* TrajectoryWriter */.B),
  UNFINISHED_RUN_ERROR: () => (/* reexport */ reader/* UNFINISHED_RUN_ERROR */.r8),
  UNKNOWN_COST: () => (/* reexport */ format/* UNKNOWN_COST */.Z5),
  assembleTrajectory: () => (/* reexport */ assemble/* assembleTrajectory */.w),
  callErrors: () => (/* reexport */ callErrors),
  callTree: () => (/* reexport */ callTree),
  callTreeMermaidBlock: () => (/* reexport */ callTreeMermaidBlock),
  costTable: () => (/* reexport */ costTable),
  describeCall: () => (/* reexport */ describeCall),
  escapeMermaidLabel: () => (/* reexport */ escapeMermaidLabel),
  fileTimestamp: () => (/* reexport */ journal/* fileTimestamp */.NQ),
  findTrajectory: () => (/* reexport */ reader/* findTrajectory */.tZ),
  formatBytes: () => (/* reexport */ outputs/* formatBytes */.z3),
  formatCount: () => (/* reexport */ format/* formatCount */.B4),
  formatDuration: () => (/* reexport */ format/* formatDuration */.a3),
  formatUsd: () => (/* reexport */ format/* formatUsd */.UK),
  journalPathFor: () => (/* reexport */ journal/* journalPathFor */.S7),
  loadOutputImages: () => (/* reexport */ output_files/* loadOutputImages */.uh),
  mediaTypeOf: () => (/* reexport */ media_type/* mediaTypeOf */.c),
  outputsDirFor: () => (/* reexport */ output_files/* outputsDirFor */.x3),
  readOutputFile: () => (/* reexport */ output_files/* readOutputFile */.eZ),
  readTrajectories: () => (/* reexport */ reader/* readTrajectories */.eO),
  readTrajectory: () => (/* reexport */ reader/* readTrajectory */.cX),
  readTrajectoryFile: () => (/* reexport */ reader/* readTrajectoryFile */._z),
  renderCallTreeMermaid: () => (/* reexport */ renderCallTreeMermaid),
  renderCallTreeText: () => (/* reexport */ renderCallTreeText),
  renderCostTableMarkdown: () => (/* reexport */ renderCostTableMarkdown),
  renderCostTableText: () => (/* reexport */ renderCostTableText),
  renderOutputsHtml: () => (/* reexport */ outputs/* renderOutputsHtml */.i4),
  renderOutputsMarkdown: () => (/* reexport */ outputs/* renderOutputsMarkdown */.wj),
  renderOutputsText: () => (/* reexport */ outputs/* renderOutputsText */.UE),
  renderTrajectoryHtml: () => (/* reexport */ renderTrajectoryHtml),
  renderTrajectoryListText: () => (/* reexport */ renderTrajectoryListText),
  renderTrajectoryMarkdown: () => (/* reexport */ renderTrajectoryMarkdown),
  roundUsd: () => (/* reexport */ summary/* roundUsd */.t),
  schemaFileText: () => (/* reexport */ schemaFileText),
  summarize: () => (/* reexport */ summary/* summarize */.e),
  trajectorySchema: () => (/* reexport */ trajectorySchema),
  trajectoryStatus: () => (/* reexport */ trajectoryStatus),
  upgradeTrajectory: () => (/* reexport */ reader/* upgradeTrajectory */.MQ),
  validateTrajectory: () => (/* reexport */ validateTrajectory),
  writeSchemaFile: () => (/* reexport */ writeSchemaFile)
});

// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/types.js
var types = __webpack_require__(85550);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/redactor.js
var redactor = __webpack_require__(46383);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/summary.js
var summary = __webpack_require__(39387);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/assemble.js
var assemble = __webpack_require__(65251);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/schema.js
/**
 * JSON Schema (draft-07) of one finished trajectory, schema version 2 (version 1 had no outputs; the
 * reader upgrades it).
 *
 * The source of truth lives here, in a TS module, because the tsc build's rootDir is `src/` (a JSON import
 * from `schema/` would fall outside it); `schema/trajectory.schema.json` is generated from this object and
 * a test fails when their contents differ. Regenerate with:
 *   npx tsx -e "import('./src/trajectory/schema.ts').then(m => m.writeSchemaFile())" && npx prettier --write schema
 */

const ISO_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';
const count = { type: 'integer', minimum: 0 };
const milliseconds = { type: 'number', minimum: 0 };
const time = { type: 'string', pattern: ISO_TIME };
const nullableText = { type: ['string', 'null'] };
const nullableUsd = { type: ['number', 'null'], minimum: 0 };
const nullableMilliseconds = { type: ['number', 'null'], minimum: 0 };
const toolCall = {
    type: 'object',
    additionalProperties: false,
    required: ['tool', 'server', 'name', 'arguments', 'duration_ms', 'status', 'result_chars', 'error'],
    properties: {
        tool: { type: 'string', description: 'The Python function the code called.' },
        server: { ...nullableText, description: 'MCP server that served the call; null for a registered tool.' },
        name: { type: 'string', description: "The tool's name on its server." },
        arguments: { type: 'string', description: 'Keyword arguments as JSON, bounded, secrets redacted.' },
        duration_ms: milliseconds,
        status: { enum: ['ok', 'error'] },
        result_chars: { ...count, description: 'Characters of the result as JSON; 0 for a failure.' },
        error: nullableText,
    },
};
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
            description: 'Host functions this block called while it ran (llm_query, llm_query_batched, rlm_query, rlm_query_batched, registered tools), in first-use order.',
        },
        tool_calls: {
            type: 'array',
            items: { $ref: '#/definitions/toolCall' },
            description: 'Every host tool call of this block (registered and MCP tools), in completion order.',
        },
    },
};
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
};
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
            description: "Host functions the reply's code actually called: the union of its executions' tools_used.",
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
            description: 'Tokens and cost include an estimate for an attempt whose usage the provider never reported.',
        },
    },
};
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
};
const trajectorySchema = {
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
    definitions: { call, codeExecution, toolCall, failedAttempt, output },
};
/** Path of the generated copy, relative to the repository root. */
const SCHEMA_FILE = 'schema/trajectory.schema.json';
function schemaFileText() {
    return `${JSON.stringify(trajectorySchema, null, 2)}\n`;
}
async function writeSchemaFile(file = SCHEMA_FILE) {
    await (0,promises_.writeFile)(file, schemaFileText());
}

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var ajv = __webpack_require__(42463);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/schema-errors.js
var schema_errors = __webpack_require__(44144);
;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/validate.js



let compiled;
/** Compiled on first use, then reused: compiling costs far more than validating. */
function validator() {
    compiled ??= new ajv.Ajv({ allErrors: true, strict: true }).compile(trajectorySchema);
    return compiled;
}
function validateTrajectory(value) {
    const validate = validator();
    const valid = validate(value);
    return { valid, errors: valid ? [] : (validate.errors ?? []).map(schema_errors/* describeSchemaError */.L) };
}

// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/writer.js
var writer = __webpack_require__(46664);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/reader.js + 1 modules
var reader = __webpack_require__(33146);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/journal.js + 1 modules
var journal = __webpack_require__(10500);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/output-files.js
var output_files = __webpack_require__(61168);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/media-type.js
var media_type = __webpack_require__(98236);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/render/format.js
var format = __webpack_require__(54017);
;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/render/cost-table.js


const TOTAL_ROW_LABEL = 'Total';
function row(model, calls) {
    const totals = (0,summary/* summarize */.e)(calls);
    return {
        model,
        calls: calls.length,
        tokens_in: totals.total_tokens_in,
        tokens_out: totals.total_tokens_out,
        cache_read: totals.total_cache_read_tokens,
        cache_write: totals.total_cache_write_tokens,
        cost_usd: totals.total_cost_usd,
    };
}
function costTable(trajectory) {
    const byModel = new Map();
    for (const call of trajectory.calls) {
        const calls = byModel.get(call.model) ?? [];
        calls.push(call);
        byModel.set(call.model, calls);
    }
    return {
        rows: [...byModel].map(([model, calls]) => row(model, calls)),
        total: row(TOTAL_ROW_LABEL, trajectory.calls),
    };
}
const HEADINGS = ['Model', 'Calls', 'Tokens in', 'Tokens out', 'Cache read', 'Cache write', 'Cost (USD)'];
function cells(entry) {
    return [
        (0,format/* formatCount */.B4)(entry.calls),
        (0,format/* formatCount */.B4)(entry.tokens_in),
        (0,format/* formatCount */.B4)(entry.tokens_out),
        (0,format/* formatCount */.B4)(entry.cache_read),
        (0,format/* formatCount */.B4)(entry.cache_write),
        (0,format/* formatUsd */.UK)(entry.cost_usd),
    ];
}
function renderCostTableMarkdown(table) {
    const lines = [
        `| ${HEADINGS.join(' | ')} |`,
        `|${HEADINGS.map((_, index) => (index === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
        ...table.rows.map((entry) => `| ${[`\`${escapeBackticks(entry.model)}\``, ...cells(entry)].join(' | ')} |`),
        `| ${[`**${(0,format/* escapeMarkdownInline */.E4)(table.total.model)}**`, ...cells(table.total).map((cell) => `**${cell}**`)].join(' | ')} |`,
    ];
    return lines.join('\n');
}
/** Aligned columns for a terminal. */
function renderCostTableText(table) {
    const body = [...table.rows, table.total].map((entry) => [entry.model, ...cells(entry)]);
    const all = [HEADINGS, ...body];
    const widths = HEADINGS.map((_, column) => Math.max(...all.map((line) => (line[column] ?? '').length)));
    const format = (line) => line
        .map((cell, column) => column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))
        .join('  ')
        .trimEnd();
    const separator = widths.map((width) => '-'.repeat(width)).join('  ');
    const lines = all.map(format);
    lines.splice(1, 0, separator);
    lines.splice(lines.length - 1, 0, separator);
    return lines.join('\n');
}
/** Inside a code span only a backtick or a line break can break out; pipes still split table cells. */
function escapeBackticks(text) {
    return text.replace(/[`\r\n]/g, ' ').replace(/\|/g, '\\|');
}

;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/render/call-tree.js

/**
 * The recursion as a forest: calls whose parent_id names a recorded call nest under it; the rest (depth-0
 * iterations, or calls whose parent was never recorded because the run died) are top-level, in order.
 */
function callTree(trajectory) {
    const nodes = new Map();
    for (const call of trajectory.calls) {
        if (!nodes.has(call.call_id))
            nodes.set(call.call_id, { call, children: [] });
    }
    const roots = [];
    for (const node of nodes.values()) {
        const parent = node.call.parent_id === null ? undefined : nodes.get(node.call.parent_id);
        if (parent && parent !== node)
            parent.children.push(node);
        else
            roots.push(node);
    }
    // A parent_id cycle would leave its calls unreachable from the roots; surface them rather than lose them.
    const reachable = new Set();
    const visit = (node) => {
        if (reachable.has(node))
            return;
        reachable.add(node);
        node.children.forEach(visit);
    };
    roots.forEach(visit);
    for (const node of nodes.values()) {
        if (!reachable.has(node)) {
            roots.push(node);
            visit(node);
        }
    }
    return roots;
}
function executionFailed(execution) {
    return execution.error !== null || execution.status !== 'ok';
}
/** The call's own error plus each code block that failed. */
function callErrors(call) {
    const errors = call.error === null ? [] : [call.error];
    for (const execution of call.executions) {
        if (executionFailed(execution))
            errors.push(execution.error ?? `code block ${execution.block_index}: ${execution.status}`);
    }
    return errors;
}
/** One line describing a call: what, where, how much, how long, what went wrong. */
function describeCall(call) {
    const where = call.kind === 'root' ? `${call.node_id} iteration ${call.iteration}` : `${call.node_id} sub-call`;
    const parts = [
        `${call.kind} ${where}`,
        call.model,
        // "~": the provider never reported part of this usage (a cut or aborted attempt), so it is an estimate.
        `${call.usage_estimated === true ? '~' : ''}${(0,format/* formatCount */.B4)(call.tokens_in)} in / ${(0,format/* formatCount */.B4)(call.tokens_out)} out tokens`,
        (0,format/* formatUsd */.UK)(call.cost_usd),
        (0,format/* formatDuration */.a3)(call.latency_ms),
    ];
    const retries = retrySummary(call);
    if (retries !== null)
        parts.push(retries);
    if (call.executions.length > 0)
        parts.push((0,format/* plural */.LS)(call.executions.length, 'code block'));
    const errors = callErrors(call);
    if (errors.length > 0)
        parts.push(`${(0,format/* plural */.LS)(errors.length, 'error')}: ${(0,format/* excerpt */.Kb)(errors[0] ?? '', 80)}`);
    return parts.join(' · ');
}
/** "3 attempts, waited 1.5 s: HTTP 529 overloaded_error", or null for a call that took one attempt. */
function retrySummary(call) {
    const attempts = call.attempts ?? 1;
    if (attempts <= 1)
        return null;
    const failed = call.failed_attempts ?? [];
    const waited = failed.reduce((sum, attempt) => sum + (attempt.wait_ms ?? 0), 0);
    const causes = [...new Set(failed.map((attempt) => attempt.error))].join(', ');
    return `${attempts} attempts, waited ${(0,format/* formatDuration */.a3)(waited)}${causes === '' ? '' : `: ${(0,format/* excerpt */.Kb)(causes, 80)}`}`;
}
/** Indented tree for terminals and markdown code blocks. */
function renderCallTreeText(tree) {
    const lines = [];
    const walk = (nodes, prefix, nested) => {
        nodes.forEach((node, index) => {
            const last = index === nodes.length - 1;
            const branch = nested ? (last ? '└─ ' : '├─ ') : '';
            lines.push(`${prefix}${branch}${describeCall(node.call)}`);
            const childPrefix = nested ? `${prefix}${last ? '   ' : '│  '}` : prefix;
            walk(node.children, childPrefix, true);
        });
    };
    walk(tree, '', false);
    return lines.length > 0 ? lines.join('\n') : '(no model calls)';
}

;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/render/tool-calls.js

/** Characters of a call's arguments shown per line; the trajectory keeps up to 2,000. */
const SHOWN_ARGUMENT_CHARS = 160;
function toolCallLines(calls) {
    return calls
        .map((call) => {
        const where = call.server === null ? call.tool : `${call.server}/${call.name}`;
        const args = call.arguments.length > SHOWN_ARGUMENT_CHARS
            ? `${call.arguments.slice(0, SHOWN_ARGUMENT_CHARS)}...`
            : call.arguments;
        const outcome = call.status === 'ok'
            ? `ok, ${(0,format/* formatCount */.B4)(call.result_chars)} chars`
            : `error: ${call.error ?? 'failed'}`;
        return `${where}(${args}) → ${outcome} in ${(0,format/* formatDuration */.a3)(call.duration_ms)}`;
    })
        .join('\n');
}

;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/render/list.js

function trajectoryStatus(trajectory) {
    if (trajectory.incomplete)
        return 'unfinished';
    return trajectory.success ? 'ok' : 'failed';
}
const LIST_HEADER = ['ID', 'STARTED', 'STATUS', 'MODEL', 'TOKENS', 'COST', 'DURATION', 'TASK'];
/** `rlm logs`' table: a header row, then one aligned line per run (id, start, status, model, tokens, cost, duration, task). */
function renderTrajectoryListText(trajectories) {
    if (trajectories.length === 0)
        return 'No trajectories found.';
    const rows = [
        LIST_HEADER,
        ...trajectories.map((trajectory) => [
            trajectory.trajectory_id,
            trajectory.start_time.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
            trajectoryStatus(trajectory),
            trajectory.model,
            `${(0,format/* formatCount */.B4)(trajectory.total_tokens)} tok`,
            (0,format/* formatUsd */.UK)(trajectory.total_cost_usd),
            (0,format/* formatDuration */.a3)(trajectory.duration_ms),
            (0,format/* excerpt */.Kb)(trajectory.task, 60),
        ]),
    ];
    const widths = LIST_HEADER.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
    return rows
        .map((row) => row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join('  ')
        .trimEnd())
        .join('\n');
}

;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/render/header-facts.js


/** The run at a glance, as label/value pairs shared by the markdown and HTML documents. */
function headerFacts(trajectory) {
    const status = trajectoryStatus(trajectory);
    const outcome = trajectory.error === null ? status : `${status}: ${trajectory.error}`;
    const models = trajectory.sub_model && trajectory.sub_model !== trajectory.model
        ? `${trajectory.model} (sub-calls: ${trajectory.sub_model})`
        : trajectory.model;
    const cache = trajectory.total_cache_read_tokens + trajectory.total_cache_write_tokens > 0
        ? `, cache ${(0,format/* formatCount */.B4)(trajectory.total_cache_read_tokens)} read / ${(0,format/* formatCount */.B4)(trajectory.total_cache_write_tokens)} write`
        : '';
    return [
        ['Result', outcome],
        ['Backend', `${trajectory.backend}, ${models}`],
        ['Environment', trajectory.environment],
        ['Started', trajectory.start_time],
        ['Duration', (0,format/* formatDuration */.a3)(trajectory.duration_ms)],
        ['Iterations', (0,format/* formatCount */.B4)(trajectory.iterations)],
        ['Depth reached', (0,format/* formatCount */.B4)(trajectory.max_depth_reached)],
        ['Model calls', (0,format/* formatCount */.B4)(trajectory.calls.length)],
        [
            'Tokens',
            `${(0,format/* formatCount */.B4)(trajectory.total_tokens)} (${(0,format/* formatCount */.B4)(trajectory.total_tokens_in)} in / ${(0,format/* formatCount */.B4)(trajectory.total_tokens_out)} out${cache})`,
        ],
        ['Cost', (0,format/* formatUsd */.UK)(trajectory.total_cost_usd)],
        ['Limits hit', trajectory.limits_hit.length > 0 ? trajectory.limits_hit.join(', ') : 'none'],
        ['Context', trajectory.context_summary],
    ];
}

// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/render/outputs.js
var outputs = __webpack_require__(41986);
;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/render/markdown.js






const DEFAULT_MAX_CHARS_PER_FIELD = 4000;
/**
 * A readable document of one run: facts, final answer, cost table, call tree, then every call with its
 * prompt, response, code and output folded in <details>. Model-written text only ever appears inside
 * fenced blocks, so it cannot inject markup or mention anyone.
 */
function renderTrajectoryMarkdown(input, options = {}) {
    const trajectory = options.redactor ? options.redactor.redactDeep(input) : input;
    const maxChars = options.maxCharsPerField ?? DEFAULT_MAX_CHARS_PER_FIELD;
    const field = (label, text, language = 'text') => foldedField(label, text, maxChars, language);
    const sections = [
        `# RLM run \`${trajectory.trajectory_id.replace(/`/g, "'")}\``,
        '**Task**',
        (0,format/* fencedBlock */.zW)((0,format/* truncateMiddle */.kU)(trajectory.task, maxChars).text),
        factsTable(headerFacts(trajectory)),
        '## Final answer',
        trajectory.final_answer === null
            ? '_No answer was produced._'
            : (0,format/* fencedBlock */.zW)((0,format/* truncateMiddle */.kU)(trajectory.final_answer, maxChars).text),
        ...outputsSection(trajectory),
        '## Cost',
        renderCostTableMarkdown(costTable(trajectory)),
        '## Call tree',
        (0,format/* fencedBlock */.zW)(renderCallTreeText(callTree(trajectory))),
    ];
    if (options.includeCalls ?? true) {
        sections.push('## Calls', field('System prompt', trajectory.system_prompt));
        trajectory.calls.forEach((call, index) => sections.push(callSection(call, index, field)));
    }
    return `${sections.join('\n\n')}\n`;
}
function outputsSection(trajectory) {
    const table = (0,outputs/* renderOutputsMarkdown */.wj)(trajectory);
    return table === '' ? [] : ['## Outputs', table];
}
function factsTable(facts) {
    return [
        '| | |',
        '| --- | --- |',
        ...facts.map(([label, value]) => `| ${label} | ${(0,format/* escapeMarkdownInline */.E4)(value)} |`),
    ].join('\n');
}
function callSection(call, index, field) {
    const parts = [
        `### ${index + 1}. ${(0,format/* escapeMarkdownInline */.E4)(describeCall(call))}`,
        `Call \`${call.call_id.replace(/`/g, "'")}\`${call.parent_id === null ? '' : `, made by \`${call.parent_id.replace(/`/g, "'")}\``}, depth ${call.depth}, started ${(0,format/* escapeMarkdownInline */.E4)(call.start_time)}` +
            (call.tools_used.length > 0 ? `, used ${(0,format/* escapeMarkdownInline */.E4)(call.tools_used.join(', '))}` : ''),
        field('Prompt', call.prompt),
        field('Response', call.response, 'markdown'),
    ];
    if (call.error !== null)
        parts.push(field('Error', call.error));
    call.executions.forEach((execution) => parts.push(executionSection(execution, field)));
    return parts.join('\n\n');
}
function executionSection(execution, field) {
    const status = executionFailed(execution) ? `⚠️ ${execution.status}` : execution.status;
    const summary = `Code block ${execution.block_index} · ${status} · ${(0,format/* formatDuration */.a3)(execution.duration_ms)}${execution.state_lost ? ' · REPL state lost' : ''}`;
    const inner = [
        field('Code', execution.code, 'python'),
        field('stdout', execution.stdout + cutNote(execution.stdout_truncated_bytes)),
    ];
    if (execution.stderr !== '' || execution.stderr_truncated_bytes > 0) {
        inner.push(field('stderr', execution.stderr + cutNote(execution.stderr_truncated_bytes)));
    }
    if (execution.error !== null)
        inner.push(field('Error', execution.error));
    const calls = execution.tool_calls ?? [];
    if (calls.length > 0)
        inner.push(field(`Tool calls (${calls.length})`, toolCallLines(calls)));
    return `<details><summary>${(0,format/* escapeHtml */.ZD)(summary)}</summary>\n\n${inner.join('\n\n')}\n\n</details>`;
}
function cutNote(bytes) {
    return bytes > 0 ? `\n[sandbox cut ${(0,format/* formatCount */.B4)(bytes)} bytes of this output]` : '';
}
function foldedField(label, text, maxChars, language) {
    const { text: shown, omitted } = (0,format/* truncateMiddle */.kU)(text, maxChars);
    const size = `${(0,format/* formatCount */.B4)(text.length)} chars${omitted > 0 ? `, ${(0,format/* formatCount */.B4)(omitted)} omitted` : ''}`;
    const body = text === '' ? '_(empty)_' : (0,format/* fencedBlock */.zW)(shown, language);
    return `<details><summary>${(0,format/* escapeHtml */.ZD)(label)} (${size})</summary>\n\n${body}\n\n</details>`;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/viz/page-script.generated.js
// GENERATED by scripts/gen-viz-page.mjs from src/viz/page/*.ts. Do not edit.
// Regenerate with `npm run gen:viz`.
const PAGE_SCRIPT = "\"use strict\";(()=>{var zt=\"unknown\";function C(t){return t===null?zt:t===0?\"$0.00\":t>=1?`$${t.toFixed(2)}`:`$${t.toFixed(4)}`}var Kt=new Intl.NumberFormat(\"en-US\");function h(t){return Kt.format(t)}function x(t){if(t<1e3)return`${Math.round(t)} ms`;let e=t/1e3;if(e<60)return`${e.toFixed(1)} s`;let n=Math.floor(e/60);return`${n} min ${Math.round(e-n*60)} s`}function ct(t,e){if(t.length<=e)return{text:t,omitted:0};let n=Math.ceil(e*2/3),r=Math.max(0,e-n),s=t.length-n-r,a=r>0?t.slice(t.length-r):\"\";return{text:`${t.slice(0,n)}\n… [${h(s)} characters omitted] …\n${a}`,omitted:s}}var Gt=\"http://www.w3.org/2000/svg\",Xt=new Set([\"class\",\"id\",\"role\",\"tabindex\",\"title\",\"type\",\"name\",\"value\",\"placeholder\",\"for\",\"accept\",\"aria-label\",\"aria-expanded\",\"aria-selected\",\"aria-controls\",\"aria-level\",\"aria-live\",\"aria-pressed\",\"aria-labelledby\",\"aria-current\",\"data-id\",\"data-index\",\"data-tab\",\"data-sort\",\"data-spans\",\"d\",\"hidden\",\"checked\",\"min\",\"max\",\"x\",\"y\",\"x1\",\"x2\",\"y1\",\"y2\",\"width\",\"height\",\"viewBox\",\"fill\",\"stroke\",\"stroke-width\",\"rx\",\"text-anchor\",\"dominant-baseline\",\"preserveAspectRatio\",\"colspan\",\"scope\",\"open\",\"disabled\"]);function dt(t,e){for(let[n,r]of Object.entries(e))if(!(r===void 0||r===!1)){if(!Xt.has(n))throw new Error(`attribute not allowed: ${n}`);t.setAttribute(n,r===!0?\"\":String(r))}}function ut(t,e){for(let n of e)n==null||n===!1||t.appendChild(typeof n==\"string\"?document.createTextNode(n):n)}function o(t,e={},...n){let r=document.createElement(t);return dt(r,e),ut(r,n),r}function E(t,e={},...n){let r=document.createElementNS(Gt,t);return dt(r,e),ut(r,n),r}function V(t,e,n={}){if(!t.startsWith(\"/\")||t.startsWith(\"//\"))throw new Error(`not a local path: ${t}`);let r=o(\"a\",n,e);return r.setAttribute(\"href\",t),r}function L(t){for(;t.firstChild;)t.removeChild(t.firstChild)}var Yt=[[\"Status\",t=>t.status],[\"Model\",t=>t.model],[\"Backend\",t=>t.backend],[\"Started\",t=>t.start_time],[\"Tokens\",t=>h(t.tokens)],[\"Tokens in / out\",t=>`${h(t.tokens_in)} / ${h(t.tokens_out)}`],[\"Cost\",t=>C(t.cost_usd)],[\"Duration\",t=>x(t.duration_ms)],[\"Model calls\",t=>h(t.calls)],[\"Iterations\",t=>h(t.iterations)],[\"Depth reached\",t=>h(t.depth)],[\"Task\",t=>t.task]];function mt(t,e){let n=t.runs,r=o(\"tr\",{},o(\"th\",{scope:\"col\"},\"\"),...n.map(l=>o(\"th\",{scope:\"col\"},e?V(`/runs/${encodeURIComponent(l.id)}`,l.id.slice(0,12),{title:l.id}):l.id.slice(0,12)))),s=o(\"table\",{class:\"compare-runs\"},o(\"thead\",{},r),o(\"tbody\",{},...Yt.map(([l,u])=>o(\"tr\",{},o(\"th\",{scope:\"row\"},l),...n.map(d=>o(\"td\",{},u(d))))))),a=o(\"table\",{class:\"compare-models\"},o(\"thead\",{},o(\"tr\",{},...[\"Model\",\"Runs (root)\",\"Succeeded\",\"Calls\",\"Tokens\",\"Cost\",\"Mean duration\"].map(l=>o(\"th\",{scope:\"col\"},l)))),o(\"tbody\",{},...t.models.map(l=>o(\"tr\",{},o(\"td\",{},l.model),o(\"td\",{class:\"num\"},h(l.runs)),o(\"td\",{class:\"num\"},h(l.succeeded)),o(\"td\",{class:\"num\"},h(l.calls)),o(\"td\",{class:\"num\"},h(l.tokens)),o(\"td\",{class:\"num\"},C(l.cost_usd)),o(\"td\",{class:\"num\"},l.mean_duration_ms===null?\"—\":x(l.mean_duration_ms))))));return o(\"section\",{class:\"compare-view\"},o(\"h2\",{},`Comparing ${n.length} runs`),o(\"pre\",{class:\"winner-summary\"},t.summary),s,o(\"h3\",{},\"Per model\"),a)}function P(t){let e=0,n=0,r=0,s=0,a=0;for(let l of t)e+=l.tokens_in,n+=l.tokens_out,r+=l.cache_read_tokens,s+=l.cache_write_tokens,a=a===null||l.cost_usd===null?null:a+l.cost_usd;return{total_tokens_in:e,total_tokens_out:n,total_cache_read_tokens:r,total_cache_write_tokens:s,total_tokens:e+n,total_cost_usd:a===null?null:Zt(a)}}function Zt(t){return Math.round(t*1e8)/1e8}function X(t,e,n,r={}){let s={schema_version:t.schema_version,trajectory_id:t.trajectory_id,backend:t.backend,model:t.model,sub_model:t.sub_model,environment:t.environment,start_time:t.start_time,end_time:n.end_time,duration_ms:n.duration_ms,success:n.success,error:n.error,final_answer:n.final_answer,limits_hit:[...n.limits_hit],iterations:n.iterations,max_depth_reached:n.max_depth_reached,outputs:[...n.outputs??[]],outputs_skipped:[...n.outputs_skipped??[]],outputs_dir:n.outputs_dir??null,...P(e),task:t.task,system_prompt:t.system_prompt,limits:{...t.limits},context_summary:t.context_summary,calls:[...e]};return r.incomplete&&(s.incomplete=!0),s}var Q=class{byId=new Map;pending=new Map;addCall(e){let n=this.byId.get(e.call_id),r=this.pending.get(e.call_id)??[];this.pending.delete(e.call_id);let s=[...e.executions.length>0?e.executions:n?.executions??[],...r];this.byId.set(e.call_id,{...e,tools_used:pt(e.tools_used,s),executions:s})}addExecution(e,n){let r=this.byId.get(e);if(r){r.executions.push(n),r.tools_used=pt(r.tools_used,[n]);return}let s=this.pending.get(e)??[];s.push(n),this.pending.set(e,s)}calls(){return[...this.byId.values()]}orphanCallIds(){return[...this.pending.keys()]}};function pt(t,e){let n=new Set(t);for(let r of e)for(let s of r.tools_used??[])n.add(s);return[...n]}function Y(t){if(t===null||typeof t!=\"object\")return!1;let e=t;if(typeof e.at!=\"string\"||e.data===null||typeof e.data!=\"object\")return!1;switch(e.type){case\"header\":case\"call\":case\"outcome\":return!0;case\"execution\":return typeof e.call_id==\"string\";default:return!1}}var _t=\"rlmpy-\",M=t=>t!==null&&typeof t==\"object\"&&!Array.isArray(t),S=t=>typeof t==\"string\"?t:t==null?\"\":JSON.stringify(t),A=t=>typeof t==\"number\"&&Number.isFinite(t)?t:0;function Z(t){let e=t[0];return M(e)&&e.type===\"metadata\"&&typeof e.root_model==\"string\"}function ft(t,e){if(typeof t!=\"string\")return e;let n=/[zZ]|[+-]\\d\\d:?\\d\\d$/.test(t)?t:`${t}Z`,r=Date.parse(n.replace(/(\\.\\d{3})\\d+/,\"$1\"));return Number.isNaN(r)?e:r}function W(t){if(!Array.isArray(t))return S(t);for(let e=t.length-1;e>=0;e-=1){let n=t[e];if(M(n)&&n.role===\"user\")return S(n.content)}return S(t[t.length-1])}function te(t){let e=M(t.usage_summary)?t.usage_summary.model_usage_summaries:void 0,n=0,r=0,s=S(t.root_model);if(M(e))for(let[a,l]of Object.entries(e))M(l)&&(n+=A(l.total_input_tokens),r+=A(l.total_output_tokens),s===\"\"&&(s=a));return{model:s||\"unknown\",tokensIn:n,tokensOut:r}}function ht(t,e){if(!Z(t))return;let n=t[0],r=t.find(p=>M(p)&&p.type===\"run_context\"),s=t.filter(p=>M(p)&&p.type===\"iteration\"),a=S(n.root_model),l=ft(n.timestamp,0),u=[],d=null,g=0,c=l;s.forEach((p,_)=>{let y=A(p.iteration)||_+1,b=A(p.iteration_time)*1e3,T=ft(p.timestamp,c+b),$=b>0?T-b:c;c=T;let R=`iter-${y}`,j=[],at=[],Vt=Array.isArray(p.code_blocks)?p.code_blocks:[],it=$;Vt.forEach((D,Qt)=>{if(!M(D))return;let I=M(D.result)?D.result:{},lt=Array.isArray(I.rlm_calls)?I.rlm_calls.filter(M):[],Wt=S(I.stderr);j.push({block_index:Qt,code:S(D.code),stdout:S(I.stdout),stderr:Wt,status:\"ok\",error:null,stdout_truncated_bytes:0,stderr_truncated_bytes:0,state_lost:!1,duration_ms:A(I.execution_time)*1e3,tools_used:lt.length>0?[\"llm_query\"]:[]});for(let U of lt){g+=1;let G=te(U);at.push({call_id:`${R}-sub-${g}`,parent_id:R,node_id:\"root\",depth:1,kind:\"llm_query\",iteration:0,model:G.model,prompt:W(U.prompt),response:S(U.response),tools_used:[],tokens_in:G.tokensIn,tokens_out:G.tokensOut,cache_read_tokens:0,cache_write_tokens:0,cost_usd:null,latency_ms:A(U.execution_time)*1e3,start_time:new Date(it).toISOString(),executions:[],error:typeof U.error==\"string\"?U.error:null})}it+=A(I.execution_time)*1e3}),u.push({call_id:R,parent_id:null,node_id:\"root\",depth:0,kind:\"root\",iteration:y,model:a,prompt:W(p.prompt),response:S(p.response),tools_used:j.some(D=>(D.tools_used??[]).length>0)?[\"llm_query\"]:[],tokens_in:0,tokens_out:0,cache_read_tokens:0,cache_write_tokens:0,cost_usd:null,latency_ms:b,start_time:new Date($).toISOString(),executions:j,error:null}),u.push(...at),p.final_answer!==null&&p.final_answer!==void 0&&(d=S(p.final_answer))});let m=P(u),i=e.replace(/^.*[\\\\/]/,\"\").replace(/\\.jsonl?$/,\"\"),f=M(r)?r:{};return{schema_version:1,trajectory_id:`${_t}${i.replace(/[^A-Za-z0-9_.-]/g,\"_\")}`,backend:S(n.backend)||\"unknown\",model:a,sub_model:Array.isArray(n.other_backends)?n.other_backends.map(S).join(\", \"):a,environment:S(n.environment_type)||\"unknown\",start_time:new Date(l).toISOString(),end_time:new Date(c).toISOString(),duration_ms:Math.max(0,c-l),task:S(f.root_prompt)||W(f.prompt)||W(s[0]?.prompt),system_prompt:\"\",limits:{max_iterations:A(n.max_iterations),max_depth:A(n.max_depth)},context_summary:`official RLM (Python) log ${i}`,success:d!==null,error:d===null?\"no final answer in the log\":null,final_answer:d,limits_hit:[],iterations:s.length,max_depth_reached:g>0?1:0,outputs:[],outputs_skipped:[],outputs_dir:null,calls:u.sort((p,_)=>Date.parse(p.start_time)-Date.parse(_.start_time)),...m}}var ee=\"run did not finish (imported journal)\",O=t=>t!==null&&typeof t==\"object\"&&!Array.isArray(t),k=(t,e=\"\")=>typeof t==\"string\"?t:e,w=t=>typeof t==\"number\"&&Number.isFinite(t)?t:0,v=t=>typeof t==\"string\"?t:null,tt=t=>Array.isArray(t)?t.filter(e=>typeof e==\"string\"):[];function ne(t){return Array.isArray(t)?t.filter(O).flatMap(e=>typeof e.path==\"string\"&&typeof e.sha256==\"string\"?[{path:e.path,bytes:w(e.bytes),sha256:e.sha256,media_type:k(e.media_type)}]:[]):[]}function oe(t){return Array.isArray(t)?t.filter(O).flatMap(e=>typeof e.path==\"string\"?[{path:e.path,reason:k(e.reason)}]:[]):[]}function gt(t,e){let n=[],r=re(t,n);if(Z(r)){let a=ht(r,e);return{runs:a?[a]:[],problems:n}}if(r.length>0&&Y(r[0])){let a=se(r.filter(Y),n);return{runs:a?[a]:[],problems:n}}let s=[];return r.forEach((a,l)=>{let u=yt(a);u?s.push(u):n.push(`record ${l+1} is not a trajectory`)}),{runs:s,problems:n}}function re(t,e){let n=t.trim();if(n===\"\")return[];try{let s=JSON.parse(n);return Array.isArray(s)?s:[s]}catch{}let r=[];return n.split(`\n`).forEach((s,a)=>{if(s.trim()!==\"\")try{r.push(JSON.parse(s))}catch{e.push(`line ${a+1} is not valid JSON`)}}),r}function se(t,e){let n=t.find(d=>d.type===\"header\");if(!n||n.type!==\"header\"){e.push(\"journal has no header\");return}let r=new Q,s;for(let d of t)d.type===\"call\"?r.addCall(d.data):d.type===\"execution\"?r.addExecution(d.call_id,d.data):d.type===\"outcome\"&&(s=d.data);let a=r.calls(),l=t[t.length-1]?.at??n.at,u=s?X(n.data,a,s):X(n.data,a,{end_time:l,duration_ms:Math.max(0,Date.parse(l)-Date.parse(n.data.start_time)||0),success:!1,error:ee,final_answer:null,limits_hit:[],iterations:a.filter(d=>d.depth===0).length,max_depth_reached:a.reduce((d,g)=>Math.max(d,g.depth),0)},{incomplete:!0});return yt(u)}function yt(t){if(!O(t)||typeof t.trajectory_id!=\"string\"||!Array.isArray(t.calls))return;let e=t.calls.filter(O).map(ae),n={};if(O(t.limits))for(let[s,a]of Object.entries(t.limits))n[s]=typeof a==\"number\"?a:null;let r={schema_version:w(t.schema_version),trajectory_id:t.trajectory_id,backend:k(t.backend,\"unknown\"),model:k(t.model,\"unknown\"),sub_model:k(t.sub_model),environment:k(t.environment,\"unknown\"),start_time:k(t.start_time,new Date(0).toISOString()),end_time:k(t.end_time,k(t.start_time,new Date(0).toISOString())),duration_ms:w(t.duration_ms),success:t.success===!0,error:v(t.error),final_answer:v(t.final_answer),limits_hit:tt(t.limits_hit),iterations:w(t.iterations),max_depth_reached:w(t.max_depth_reached),outputs:ne(t.outputs),outputs_skipped:oe(t.outputs_skipped),outputs_dir:v(t.outputs_dir),total_tokens:w(t.total_tokens),total_tokens_in:w(t.total_tokens_in),total_tokens_out:w(t.total_tokens_out),total_cache_read_tokens:w(t.total_cache_read_tokens),total_cache_write_tokens:w(t.total_cache_write_tokens),total_cost_usd:typeof t.total_cost_usd==\"number\"?t.total_cost_usd:null,task:k(t.task),system_prompt:k(t.system_prompt),limits:n,context_summary:k(t.context_summary),calls:e};return t.incomplete===!0&&(r.incomplete=!0),r}function ae(t,e){return{call_id:k(t.call_id,`call-${e+1}`),parent_id:v(t.parent_id),node_id:k(t.node_id,\"root\"),depth:w(t.depth),kind:t.kind===\"llm_query\"?\"llm_query\":\"root\",iteration:w(t.iteration),model:k(t.model,\"unknown\"),prompt:k(t.prompt),response:k(t.response),tools_used:tt(t.tools_used),tokens_in:w(t.tokens_in),tokens_out:w(t.tokens_out),cache_read_tokens:w(t.cache_read_tokens),cache_write_tokens:w(t.cache_write_tokens),cost_usd:typeof t.cost_usd==\"number\"?t.cost_usd:null,latency_ms:w(t.latency_ms),start_time:k(t.start_time,new Date(0).toISOString()),executions:Array.isArray(t.executions)?t.executions.filter(O).map(ie):[],error:v(t.error)}}function ie(t,e){let n={block_index:typeof t.block_index==\"number\"?t.block_index:e,code:k(t.code),stdout:k(t.stdout),stderr:k(t.stderr),status:k(t.status,\"unknown\"),error:v(t.error),stdout_truncated_bytes:w(t.stdout_truncated_bytes),stderr_truncated_bytes:w(t.stderr_truncated_bytes),state_lost:t.state_lost===!0,duration_ms:w(t.duration_ms)};return Array.isArray(t.tools_used)&&(n.tools_used=tt(t.tools_used)),Array.isArray(t.tool_calls)&&(n.tool_calls=t.tool_calls.filter(O).map(le)),n}function le(t){return{tool:k(t.tool,\"unknown\"),server:v(t.server),name:k(t.name,k(t.tool,\"unknown\")),arguments:k(t.arguments),duration_ms:w(t.duration_ms),status:t.status===\"ok\"?\"ok\":\"error\",result_chars:w(t.result_chars),error:v(t.error)}}var bt=200*1024*1024;function kt(t,e){let n=o(\"input\",{type:\"file\",accept:\".json,.jsonl,application/json\",class:\"import-file\",\"aria-label\":\"Open a trajectory file\"}),r=async s=>{if(s.size>bt)return e(`${s.name}: larger than ${bt/1024/1024} MB`);let a=gt(await s.text(),s.name);if(a.runs.length===0)return e(`${s.name}: no trajectory found${a.problems.length>0?` (${a.problems.slice(0,3).join(\"; \")})`:\"\"}`);t(a.runs,s.name)};return n.addEventListener(\"change\",()=>{let s=n.files?.[0];s&&r(s)}),document.addEventListener(\"dragover\",s=>s.preventDefault()),document.addEventListener(\"drop\",s=>{s.preventDefault();let a=s.dataTransfer?.files[0];a&&r(a)}),o(\"label\",{class:\"import\"},\"Open a trajectory file (or drop one on the page): \",n)}var et=[\"date\",\"tokens\",\"cost\",\"duration\"],nt=[\"ok\",\"failed\",\"unfinished\",\"running\"],ce={status:\"\",model:\"\",backend:\"\",from:\"\",to:\"\",q:\"\",sort:\"date\",order:\"desc\"},de=/^\\d{4}-\\d{2}-\\d{2}$/;function ot(t){let e=new URLSearchParams(t),n=u=>(e.get(u)??\"\").slice(0,200),r=nt.find(u=>u===e.get(\"status\"))??\"\",s=et.find(u=>u===e.get(\"sort\"))??\"date\",a=e.get(\"order\")===\"asc\"?\"asc\":\"desc\",l=u=>de.test(n(u))?n(u):\"\";return{status:r,model:n(\"model\"),backend:n(\"backend\"),from:l(\"from\"),to:l(\"to\"),q:n(\"q\"),sort:s,order:a}}function xt(t){let e=new URLSearchParams;for(let r of[\"status\",\"model\",\"backend\",\"from\",\"to\",\"q\",\"sort\",\"order\"])t[r]!==ce[r]&&e.set(r,t[r]);let n=e.toString();return n===\"\"?\"\":`?${n}`}function wt(t,e){let n=e.q.toLowerCase(),r=e.from===\"\"?-1/0:Date.parse(`${e.from}T00:00:00.000Z`),s=e.to===\"\"?1/0:Date.parse(`${e.to}T23:59:59.999Z`),a=t.filter(d=>{if(e.status!==\"\"&&d.status!==e.status||e.model!==\"\"&&d.model!==e.model&&d.sub_model!==e.model||e.backend!==\"\"&&d.backend!==e.backend)return!1;let g=Date.parse(d.start_time);return g<r||g>s?!1:n===\"\"||d.task.toLowerCase().includes(n)}),l=ue(e.sort),u=e.order===\"asc\"?1:-1;return a.sort((d,g)=>{let c=l(d),m=l(g);return c===null||m===null?c===m?0:c===null?1:-1:(c-m)*u||d.id.localeCompare(g.id)})}function ue(t){switch(t){case\"tokens\":return e=>e.tokens;case\"cost\":return e=>e.cost_usd;case\"duration\":return e=>e.duration_ms;case\"date\":return e=>Date.parse(e.start_time)||0}}function rt(t,e){return[...new Set(t.map(n=>n[e]))].sort()}function J(t,e,n,r){let s=o(\"select\",{name:t,\"aria-label\":e},...n.map(([a,l])=>{let u=o(\"option\",{value:a},l);return u.selected=a===r,u}));return o(\"label\",{},`${e} `,s)}function st(t,e,n,r){let s=o(\"input\",{name:t,type:n,\"aria-label\":e,value:r});return o(\"label\",{},`${e} `,s)}function Tt(t,e){let n=ot(location.search),r=new Set,s=o(\"form\",{class:\"filters\",role:\"search\",\"aria-label\":\"Filter and sort runs\"},J(\"status\",\"Status\",[[\"\",\"any\"],...nt.map(c=>[c,c])],n.status),J(\"model\",\"Model\",[[\"\",\"any\"],...rt(t,\"model\").map(c=>[c,c])],n.model),J(\"backend\",\"Backend\",[[\"\",\"any\"],...rt(t,\"backend\").map(c=>[c,c])],n.backend),st(\"from\",\"From\",\"date\",n.from),st(\"to\",\"To\",\"date\",n.to),st(\"q\",\"Task contains\",\"search\",n.q),J(\"sort\",\"Sort by\",et.map(c=>[c,c]),n.sort),J(\"order\",\"Order\",[[\"desc\",\"descending\"],[\"asc\",\"ascending\"]],n.order)),a=o(\"p\",{class:\"count\",\"aria-live\":\"polite\"}),l=o(\"button\",{type:\"button\",class:\"compare\",disabled:!0},\"Compare selected\"),u=o(\"tbody\"),d=o(\"table\",{class:\"runs\"},o(\"thead\",{},o(\"tr\",{},...[\"\",\"Run\",\"Started\",\"Status\",\"Model\",\"Backend\",\"Tokens\",\"Cost\",\"Duration\",\"Task\"].map(c=>o(\"th\",{scope:\"col\"},c)))),u),g=()=>{let c=wt(t,n);L(u);let m=document.createDocumentFragment();for(let i of c){let f=o(\"input\",{type:\"checkbox\",\"aria-label\":`Select ${i.id} for comparison`,\"data-id\":i.id});f.checked=r.has(i.id),m.appendChild(o(\"tr\",{\"data-id\":i.id},o(\"td\",{},f),o(\"td\",{},V(`/runs/${encodeURIComponent(i.id)}`,i.id.slice(0,12),{title:i.id})),o(\"td\",{},i.start_time),o(\"td\",{class:`status status-${i.status}`},i.status),o(\"td\",{},i.model),o(\"td\",{},i.backend),o(\"td\",{class:\"num\"},h(i.tokens)),o(\"td\",{class:\"num\"},C(i.cost_usd)),o(\"td\",{class:\"num\"},x(i.duration_ms)),o(\"td\",{class:\"task\"},i.task)))}u.appendChild(m),a.textContent=`${h(c.length)} of ${h(t.length)} runs in ${e}`};return s.addEventListener(\"input\",()=>{let c=new FormData(s),m=new URLSearchParams;for(let[i,f]of c)typeof f==\"string\"&&f!==\"\"&&m.set(i,f);n=ot(m.toString()),history.replaceState(history.state,\"\",`${location.pathname}${xt(n)}`),g()}),s.addEventListener(\"submit\",c=>c.preventDefault()),u.addEventListener(\"change\",c=>{let m=c.target,i=m.dataset.id;i&&(m.checked?r.add(i):r.delete(i),l.disabled=r.size<2)}),l.addEventListener(\"click\",()=>{location.assign(`/compare?ids=${[...r].map(encodeURIComponent).join(\",\")}`)}),g(),o(\"section\",{class:\"list-view\"},s,o(\"div\",{class:\"toolbar\"},a,l),d)}var me=\"run still in progress\";function q(t){return t.incomplete?t.error===me?\"running\":\"unfinished\":t.success?\"ok\":\"failed\"}function pe(t,e){return e===\"json\"?`${JSON.stringify(t,null,2)}\n`:`${JSON.stringify(t)}\n`}function fe(t,e){return`trajectory_${t.trajectory_id.replace(/[^A-Za-z0-9_-]/g,\"_\").slice(0,80)}.${e}`}function $t(t,e){let n=new Blob([pe(t,e)],{type:e===\"json\"?\"application/json\":\"application/x-ndjson\"}),r=URL.createObjectURL(n),s=document.createElement(\"a\");s.setAttribute(\"href\",r),s.setAttribute(\"download\",fe(t,e)),document.body.appendChild(s),s.click(),s.remove(),setTimeout(()=>URL.revokeObjectURL(r),1e4)}function Ct(t){let e=o(\"button\",{type:\"button\",class:\"download-json\"},\"Download JSON\"),n=o(\"button\",{type:\"button\",class:\"download-jsonl\"},\"Download JSONL\");return e.addEventListener(\"click\",()=>$t(t,\"json\")),n.addEventListener(\"click\",()=>$t(t,\"jsonl\")),o(\"span\",{class:\"export\"},e,\" \",n)}function St(t,e,n){let r=o(\"div\",{role:\"tablist\",class:\"tabs\",\"aria-label\":\"Views\"}),s=o(\"div\",{class:\"panels\"}),a=new Set,l=t.map(d=>{let g=o(\"button\",{type:\"button\",role:\"tab\",id:`tab-${d.id}`,\"aria-controls\":`panel-${d.id}`,\"aria-selected\":\"false\",tabindex:-1,\"data-tab\":d.id},d.label);return r.appendChild(g),s.appendChild(o(\"div\",{role:\"tabpanel\",id:`panel-${d.id}`,\"aria-labelledby\":`tab-${d.id}`,hidden:!0,tabindex:0})),g}),u=(d,g)=>{let c=t.find(m=>m.id===d)??t[0];c&&(t.forEach((m,i)=>{let f=m===c,p=l[i];p?.setAttribute(\"aria-selected\",String(f)),p?.setAttribute(\"tabindex\",f?\"0\":\"-1\");let _=s.children[i];_&&(_.hidden=!f,f&&!a.has(m.id)&&(a.add(m.id),_.appendChild(m.render())))}),g&&l[t.indexOf(c)]?.focus(),n(c.id))};return r.addEventListener(\"click\",d=>{let g=d.target.closest('[role=\"tab\"]')?.dataset.tab;g&&u(g,!1)}),r.addEventListener(\"keydown\",d=>{let g=l.findIndex(f=>f.getAttribute(\"aria-selected\")===\"true\"),c=d.key===\"ArrowRight\"?1:d.key===\"ArrowLeft\"?-1:0,m=g+c;if(d.key===\"Home\")m=0;else if(d.key===\"End\")m=t.length-1;else if(c===0)return;m=(m+t.length)%t.length;let i=t[m];i&&u(i.id,!0),d.preventDefault()}),u(e,!1),o(\"div\",{class:\"tabbed\"},r,s)}function Rt(t){let e=t.map(i=>Date.parse(i.start_time)),n=e.filter(i=>!Number.isNaN(i)),r=n.reduce((i,f)=>Math.min(i,f),n[0]??0),s=t.map((i,f)=>{let p=e[f]??NaN,_=Math.max(0,(Number.isNaN(p)?r:p)-r);return{index:f,call:i,start:_,end:_+Math.max(0,i.latency_ms)}}),a=[...s].sort((i,f)=>i.start-f.start||i.index-f.index),l=[],u=new Map;for(let i of a){let f=l.findIndex(p=>p<=i.start);f===-1?(f=l.length,l.push(i.end)):l[f]=i.end,u.set(i.index,f)}let d=_e(s.map(({call:i,end:f})=>({call:i,end:f}))),g=new Set([...s].sort((i,f)=>f.end-f.start-(i.end-i.start)||i.index-f.index).slice(0,5).map(i=>i.index)),c=s.map(({index:i,call:f,start:p,end:_})=>({index:i,call_id:f.call_id,depth:f.depth,start:p,end:_,lane:u.get(i)??0,critical:d.has(f.call_id),slow:g.has(i)})),m=c.reduce((i,f)=>Math.max(i,f.end),1);return{spans:c,lanes:l.length,total_ms:m,critical_path:c.filter(i=>i.critical).sort((i,f)=>i.start-f.start).map(i=>i.call_id)}}function _e(t){let e=new Set(t.map(l=>l.call.call_id)),n=new Map,r=[];for(let l of t){let u=l.call.parent_id;if(u===null||!e.has(u)||u===l.call.call_id)r.push(l);else{let d=n.get(u);d?d.push(l):n.set(u,[l])}}let s=new Set,a=[...r];for(;a.length>0;){let l=a.pop();if(l===void 0||s.has(l.call.call_id))continue;s.add(l.call.call_id);let u=new Map;for(let c of n.get(l.call.call_id)??[]){let m=c.call.kind===\"root\"?`node:${c.call.node_id}`:`call:${c.call.call_id}`,i=u.get(m);i?i.push(c):u.set(m,[c])}let d=[],g=-1/0;for(let c of u.values()){let m=c.reduce((i,f)=>Math.max(i,f.end),-1/0);m>g&&(d=c,g=m)}a.push(...d)}return s}function Et(t){let e=new Map;for(let a of t.calls)e.has(a.call_id)||e.set(a.call_id,{call:a,children:[]});let n=[];for(let a of e.values()){let l=a.call.parent_id===null?void 0:e.get(a.call.parent_id);l&&l!==a?l.children.push(a):n.push(a)}let r=new Set,s=a=>{r.has(a)||(r.add(a),a.children.forEach(s))};n.forEach(s);for(let a of e.values())r.has(a)||(n.push(a),s(a));return n}var he=1e5;function N(t,e,n,r=\"\"){let{text:s,omitted:a}=ct(e,he),l=`${h(e.length)} chars${a>0?`, ${h(a)} omitted`:\"\"}`;return o(\"details\",{open:n,class:r},o(\"summary\",{},t,\" \",o(\"span\",{class:\"note\"},`(${l})`)),e===\"\"?o(\"p\",{class:\"note\"},\"(empty)\"):o(\"pre\",{},s))}function ge(t){let e=t.error!==null||t.status!==\"ok\",n=t.tools_used&&t.tools_used.length>0?` · used ${t.tools_used.join(\", \")}`:\"\",r=[o(\"h4\",{class:e?\"bad\":\"ok\"},`Code block ${t.block_index} · ${t.status} · ${x(t.duration_ms)}${t.state_lost?\" · REPL state lost\":\"\"}${n}`),N(\"Code\",t.code,!0,\"code\"),N(\"stdout\",t.stdout+jt(t.stdout_truncated_bytes),!0,\"stdout\")];return(t.stderr!==\"\"||t.stderr_truncated_bytes>0)&&r.push(N(\"stderr\",t.stderr+jt(t.stderr_truncated_bytes),!0,\"stderr\")),t.error!==null&&r.push(N(\"Error\",t.error,!0,\"error\")),o(\"div\",{class:\"execution\"},...r)}function jt(t){return t>0?`\n[sandbox cut ${h(t)} bytes of this output]`:\"\"}function Mt(t){let e=[`call ${t.call_id}`,t.parent_id===null?\"top level\":`made by ${t.parent_id}`,`depth ${t.depth}`,t.model,`${h(t.tokens_in)} in / ${h(t.tokens_out)} out tokens`,t.cache_read_tokens+t.cache_write_tokens>0?`cache ${h(t.cache_read_tokens)} read / ${h(t.cache_write_tokens)} write`:\"\",C(t.cost_usd),x(t.latency_ms),`started ${t.start_time}`].filter(Boolean);return o(\"div\",{class:\"call-detail\",\"data-id\":t.call_id},o(\"h3\",{},t.kind===\"root\"?`${t.node_id} iteration ${t.iteration}`:`${t.node_id} llm_query`),o(\"p\",{class:\"note\"},e.join(\" · \")),t.error===null?null:N(\"Error\",t.error,!0,\"error\"),N(\"Prompt\",t.prompt,!1,\"prompt\"),N(\"Response\",t.response,!0,\"response\"),...t.executions.map(ge))}var ye=200,be=6,Lt=200;function H(t){return t.kind===\"root\"?`${t.node_id} · iteration ${t.iteration}`:`${t.node_id} · llm_query`}function At(t){let e=o(\"section\",{class:\"detail\",\"aria-live\":\"polite\",\"aria-label\":\"Selected call\"},o(\"p\",{class:\"note\"},\"Select a call to see its prompt, response, code and output.\")),n=o(\"ul\",{role:\"tree\",class:\"calltree\",\"aria-label\":\"Call tree\"}),r=Et(t),s=t.calls.length<=ye,a,l=(p,_)=>{a?.setAttribute(\"aria-selected\",\"false\"),p.setAttribute(\"aria-selected\",\"true\"),a=p,L(e),e.appendChild(Mt(_.call))},u=(p,_,y,b=0)=>{let T=document.createDocumentFragment(),$=Math.min(p.length,b+Lt);for(let R=b;R<$;R+=1){let j=p[R];j&&T.appendChild(d(j,_))}if($<p.length){let R=o(\"li\",{role:\"none\",class:\"more\"},o(\"button\",{type:\"button\"},`Show ${h(Math.min(Lt,p.length-$))} more of ${h(p.length-$)}`));R.querySelector(\"button\")?.addEventListener(\"click\",j=>{j.stopPropagation(),R.remove(),u(p,_,y,$)}),T.appendChild(R)}y.appendChild(T)},d=(p,_)=>{let y=p.call,b=y.error!==null||y.executions.some(j=>j.error!==null||j.status!==\"ok\"),T=o(\"div\",{class:\"row\"},o(\"span\",{class:\"twisty\"},p.children.length>0?\"▸\":\"·\"),o(\"span\",{class:\"label\"},H(y)),o(\"span\",{class:\"model\"},y.model),o(\"span\",{class:\"num\"},`${h(y.tokens_in+y.tokens_out)} tok`),o(\"span\",{class:\"num\"},C(y.cost_usd)),o(\"span\",{class:\"num\"},x(y.latency_ms)),b?o(\"span\",{class:\"bad\"},\"✘\"):null,p.children.length>0?o(\"span\",{class:\"note\"},`${h(p.children.length)} sub`):null),$=o(\"li\",{role:\"treeitem\",class:`depth-${y.depth%be}`,\"aria-level\":_,\"aria-selected\":\"false\",tabindex:-1,\"data-id\":y.call_id},T),R={node:p,built:!1};return p.children.length>0&&$.setAttribute(\"aria-expanded\",\"false\"),g.set($,R),p.children.length>0&&(s||_===1&&p===r[0])&&c($,!0),$},g=new WeakMap,c=(p,_)=>{let y=g.get(p);if(!y||y.node.children.length===0)return;if(_&&!y.built){let T=o(\"ul\",{role:\"group\"});u(y.node.children,Number(p.getAttribute(\"aria-level\"))+1,T),p.appendChild(T),y.built=!0}p.setAttribute(\"aria-expanded\",String(_));let b=p.querySelector(\":scope > .row > .twisty\");b&&(b.textContent=_?\"▾\":\"▸\")},m=()=>[...n.querySelectorAll('li[role=\"treeitem\"]')].filter(p=>p.closest('li[aria-expanded=\"false\"] > ul li')===null),i=p=>{p&&(n.querySelectorAll('li[tabindex=\"0\"]').forEach(_=>_.setAttribute(\"tabindex\",\"-1\")),p.setAttribute(\"tabindex\",\"0\"),p.focus())};n.addEventListener(\"click\",p=>{let _=p.target,y=_.closest('li[role=\"treeitem\"]'),b=y?g.get(y):void 0;!y||!b||(_.closest(\".twisty\")?c(y,y.getAttribute(\"aria-expanded\")!==\"true\"):l(y,b.node),i(y),p.stopPropagation())}),n.addEventListener(\"keydown\",p=>{let _=p.target.closest('li[role=\"treeitem\"]'),y=_?g.get(_):void 0;if(!_||!y)return;let b=m(),T=b.indexOf(_),$=_.getAttribute(\"aria-expanded\");switch(p.key){case\"ArrowDown\":i(b[T+1]);break;case\"ArrowUp\":i(b[T-1]);break;case\"ArrowRight\":$===\"false\"?c(_,!0):$===\"true\"&&i(_.querySelector(\":scope > ul > li\")??void 0);break;case\"ArrowLeft\":$===\"true\"?c(_,!1):i(_.parentElement?.closest('li[role=\"treeitem\"]')??void 0);break;case\"Home\":i(b[0]);break;case\"End\":i(b[b.length-1]);break;case\"Enter\":case\" \":l(_,y.node);break;default:return}p.preventDefault()});let f=o(\"div\",{class:\"controls\"},o(\"button\",{type:\"button\",class:\"expand-all\"},\"Expand all\"),o(\"button\",{type:\"button\",class:\"collapse-all\"},\"Collapse all\"));return f.querySelector(\".expand-all\")?.addEventListener(\"click\",()=>{for(let p=[...n.querySelectorAll('li[aria-expanded=\"false\"]')];p.length>0;p=[...n.querySelectorAll('li[aria-expanded=\"false\"]')])p.forEach(_=>c(_,!0))}),f.querySelector(\".collapse-all\")?.addEventListener(\"click\",()=>{n.querySelectorAll('li[aria-expanded=\"true\"]').forEach(p=>c(p,!1))}),r.length===0?o(\"p\",{class:\"note\"},\"No model calls.\"):(u(r,1,n),n.querySelector(\"li\")?.setAttribute(\"tabindex\",\"0\"),o(\"div\",{class:\"tree-view\"},f,o(\"div\",{class:\"split\"},n,e)))}var B=1e3,vt=20,ke=2e3;function Ot(t){let e=Rt(t.calls),n=e.lanes>200?3:e.lanes>40?8:18,r=vt+e.lanes*n+4,s=B/e.total_ms,a=E(\"svg\",{class:\"timeline\",role:\"img\",width:B,height:r,viewBox:`0 0 ${B} ${r}`,\"data-spans\":e.spans.length,\"aria-label\":`Timeline of ${e.spans.length} calls over ${x(e.total_ms)} in ${e.lanes} lanes`});for(let c=0;c<=4;c+=1){let m=c/4*(B-1);a.appendChild(E(\"line\",{class:\"tick\",x1:m,x2:m,y1:0,y2:r})),a.appendChild(E(\"text\",{class:\"tick-label\",x:Math.min(m+2,B-60),y:12},x(c/4*e.total_ms)))}let l=document.createDocumentFragment(),u=e.spans.length>ke,d=new Map;for(let c of e.spans){let m=t.calls[c.index];if(!m)continue;let i=c.start*s,f=vt+c.lane*n,p=Math.max(1,(c.end-c.start)*s),_=Math.max(1,n-2);if(u&&!c.critical&&!c.slow){let b=c.depth%6,T=d.get(b)??[];T.push(`M${i.toFixed(1)} ${f}h${p.toFixed(1)}v${_}h${(-p).toFixed(1)}z`),d.set(b,T);continue}let y=[`span depth-${c.depth%6}`,c.critical?\"critical\":\"\",c.slow?\"slow\":\"\"].filter(Boolean).join(\" \");l.appendChild(E(\"rect\",{class:y,\"data-id\":c.call_id,x:i,y:f,width:p,height:_},E(\"title\",{},`${H(m)} · ${m.model} · ${x(c.end-c.start)} from +${x(c.start)}${c.critical?\" · critical path\":\"\"}${c.slow?\" · among the slowest\":\"\"}`)))}for(let[c,m]of d)a.appendChild(E(\"path\",{class:`span merged depth-${c}`,d:m.join(\"\")}));a.appendChild(l);let g=e.spans.filter(c=>c.slow).sort((c,m)=>m.end-m.start-(c.end-c.start));return o(\"div\",{class:\"timeline-view\"},o(\"p\",{class:\"note\"},`${x(e.total_ms)} wall clock · ${e.lanes} lane${e.lanes===1?\"\":\"s\"} (calls that overlapped sit side by side) · ${e.critical_path.length} calls on the critical path (outlined) · slowest calls in red`),o(\"div\",{class:\"scroll\"},a),o(\"h3\",{},\"Slowest calls\"),o(\"ol\",{class:\"slowest\"},...g.map(c=>{let m=t.calls[c.index];return o(\"li\",{},`${m?H(m):c.call_id} · ${x(c.end-c.start)}${c.critical?\" · on the critical path\":\"\"}`)})))}var xe=\"Total\";function Nt(t,e){let n=P(e);return{model:t,calls:e.length,tokens_in:n.total_tokens_in,tokens_out:n.total_tokens_out,cache_read:n.total_cache_read_tokens,cache_write:n.total_cache_write_tokens,cost_usd:n.total_cost_usd}}function Ht(t){let e=new Map;for(let n of t.calls){let r=e.get(n.model)??[];r.push(n),e.set(n.model,r)}return{rows:[...e].map(([n,r])=>Nt(n,r)),total:Nt(xe,t.calls)}}var Dt=[{key:\"tokens_in\",label:\"input\",className:\"seg-in\"},{key:\"tokens_out\",label:\"output\",className:\"seg-out\"},{key:\"cache_read_tokens\",label:\"cache read\",className:\"seg-cr\"},{key:\"cache_write_tokens\",label:\"cache write\",className:\"seg-cw\"}],z=160,It=1;function Ut(t){let e=t.calls,n=e.length>400?2:e.length>100?6:16,r=Math.max(200,e.length*(n+It)),s=e.reduce((m,i)=>Math.max(m,i.tokens_in+i.tokens_out+i.cache_read_tokens+i.cache_write_tokens),1),a=E(\"svg\",{class:\"bars\",role:\"img\",width:r,height:z,viewBox:`0 0 ${r} ${z}`,\"aria-label\":`Tokens per call for ${e.length} calls; tallest bar ${h(s)} tokens`});e.forEach((m,i)=>{let f=z,p=i*(n+It),_=E(\"g\",{},E(\"title\",{},`${H(m)}: ${h(m.tokens_in)} in, ${h(m.tokens_out)} out, ${h(m.cache_read_tokens)} cache read, ${h(m.cache_write_tokens)} cache write · ${C(m.cost_usd)}`));for(let y of Dt){let b=m[y.key];if(b<=0)continue;let T=b/s*z;f-=T,_.appendChild(E(\"rect\",{class:y.className,x:p,y:f,width:n,height:Math.max(T,.5)}))}a.appendChild(_)});let l=o(\"p\",{class:\"legend\"},...Dt.map(m=>o(\"span\",{},o(\"span\",{class:`swatch ${m.className}`}),` ${m.label} `))),u=Ht(t),d=[...u.rows,u.total].map((m,i,f)=>o(\"tr\",{class:i===f.length-1?\"total\":\"\"},o(\"td\",{},m.model),...[m.calls,m.tokens_in,m.tokens_out,m.cache_read,m.cache_write].map(p=>o(\"td\",{class:\"num\"},h(p))),o(\"td\",{class:\"num\"},C(m.cost_usd)))),g=(...m)=>o(\"thead\",{},o(\"tr\",{},...m.map((i,f)=>o(\"th\",{scope:\"col\",class:f>0?\"num\":\"\"},i)))),c=o(\"table\",{class:\"per-call\"},g(\"Call\",\"Model\",\"In\",\"Out\",\"Cache read\",\"Cache write\",\"Cost\"),o(\"tbody\",{},...e.slice(0,500).map(m=>o(\"tr\",{},o(\"td\",{},H(m)),o(\"td\",{},m.model),...[m.tokens_in,m.tokens_out,m.cache_read_tokens,m.cache_write_tokens].map(i=>o(\"td\",{class:\"num\"},h(i))),o(\"td\",{class:\"num\"},C(m.cost_usd))))));return o(\"div\",{class:\"tokens-view\"},o(\"h3\",{},\"Tokens per call\"),o(\"div\",{class:\"scroll\"},a),l,o(\"h3\",{},\"Cost per model\"),o(\"table\",{class:\"per-model\"},g(\"Model\",\"Calls\",\"In\",\"Out\",\"Cache read\",\"Cache write\",\"Cost\"),o(\"tbody\",{},...d)),o(\"h3\",{},\"Cost per call\"),e.length>500?o(\"p\",{class:\"note\"},`First 500 of ${h(e.length)} calls; download the run for all.`):null,c)}var we=new Set([\"llm_query\",\"llm_query_batched\",\"rlm_query\",\"rlm_query_batched\"]);function Pt(t){let e=[],n=t.calls.filter(u=>u.kind===\"llm_query\");n.length>0&&e.push(K(\"llm_query\",\"call\",n.map(u=>({ok:u.error===null,ms:u.latency_ms}))));let r=Te(t.calls);r.length>0&&e.push(K(\"rlm_query\",\"call\",r));let s=new Map,a=new Map;for(let u of t.calls)for(let d of u.executions){let g=d.tool_calls??[];for(let i of g){let f=a.get(i.tool)??[];f.push({ok:i.status===\"ok\",ms:i.duration_ms}),a.set(i.tool,f)}let c=new Set(g.map(i=>i.tool)),m=d.tools_used??(u.executions.length===1?u.tools_used:[]);for(let i of new Set(m)){if(we.has(i)||c.has(i))continue;let f=s.get(i)??[];f.push({ok:d.status===\"ok\"&&d.error===null,ms:d.duration_ms}),s.set(i,f)}}let l=[...[...a].map(([u,d])=>K(u,\"call\",d)),...[...s].map(([u,d])=>K(u,\"block\",d))];return e.push(...l.sort((u,d)=>u.name.localeCompare(d.name)||u.counted_per.localeCompare(d.counted_per))),e}function Te(t){let e=new Map;for(let n of t){if(n.kind!==\"root\"||n.depth===0)continue;let r=e.get(n.node_id)??[];r.push(n),e.set(n.node_id,r)}return[...e.values()].map(n=>{let r=n.map(u=>Date.parse(u.start_time)||0),s=n.map((u,d)=>(r[d]??0)+u.latency_ms),a=r.reduce((u,d)=>Math.min(u,d),1/0),l=s.reduce((u,d)=>Math.max(u,d),-1/0);return{ok:n.every(u=>u.error===null),ms:Math.max(0,l-a)}})}function K(t,e,n){let r=n.filter(a=>a.ok).length,s=n.reduce((a,l)=>a+l.ms,0);return{name:t,counted_per:e,count:n.length,succeeded:r,success_rate:n.length===0?0:r/n.length,mean_latency_ms:n.length===0?0:s/n.length}}function Ft(t){let e=Pt(t);return e.length===0?o(\"p\",{class:\"note\"},\"The model's code called no host functions.\"):o(\"div\",{class:\"tools-view\"},o(\"table\",{class:\"tools\"},o(\"thead\",{},o(\"tr\",{},...[\"Function\",\"Count\",\"Success\",\"Mean latency\",\"Counted per\"].map((n,r)=>o(\"th\",{scope:\"col\",class:r>0&&r<4?\"num\":\"\"},n)))),o(\"tbody\",{},...e.map(n=>o(\"tr\",{},o(\"td\",{},n.name),o(\"td\",{class:\"num\"},h(n.count)),o(\"td\",{class:\"num\"},`${Math.round(n.success_rate*100)}%`),o(\"td\",{class:\"num\"},x(n.mean_latency_ms)),o(\"td\",{},n.counted_per===\"call\"?\"call\":\"code block\"))))),o(\"p\",{class:\"note\"},\"llm_query and rlm_query are counted per call (rlm_query: per child RLM, its whole span), and so are registered and MCP tools (each call with its own status and duration). Trajectories written before tool calls were recorded only say which tools a code block used: those rows are per code block.\"))}var $e=[\"tree\",\"tokens\",\"timing\",\"tools\"];function Ce(){let t=/tab=([a-z]+)/.exec(location.hash);return $e.find(e=>e===t?.[1])??\"tree\"}function F(t,e={}){let n=q(t),r=o(\"p\",{class:\"summary\"},o(\"span\",{class:`status status-${n}`},n),` ${t.model} · ${t.backend} · ${t.environment} · ${x(t.duration_ms)} · ${h(t.total_tokens)} tokens · ${C(t.total_cost_usd)} · ${h(t.calls.length)} calls · depth ${t.max_depth_reached}`),s=St([{id:\"tree\",label:\"Call tree\",render:()=>At(t)},{id:\"tokens\",label:\"Tokens & cost\",render:()=>Ut(t)},{id:\"timing\",label:\"Timing\",render:()=>Ot(t)},{id:\"tools\",label:\"Tools\",render:()=>Ft(t)}],e.initialTab??Ce(),a=>history.replaceState(history.state,\"\",`#tab=${a}`));return o(\"section\",{class:\"run-view\",\"data-id\":t.trajectory_id},e.title===void 0?null:o(\"h2\",{},e.title),r,o(\"div\",{class:\"toolbar\"},Ct(t)),s)}var Jt=1e3;function qt(t){let e=t.calls.reduce((n,r)=>n+r.executions.length,0);return`${t.calls.length}/${e}/${t.end_time}/${q(t)}`}function Bt(t,e,n){let r=qt(e),s=o(\"p\",{class:\"live\",role:\"status\"},\"Live: this run is in progress; the page follows its journal.\");t.prepend(s);let a=async()=>{try{let l=await fetch(n,{cache:\"no-store\"});if(l.ok){let u=await l.json(),d=qt(u);if(d!==r){if(r=d,q(u)!==\"running\"){location.reload();return}let g=document.querySelector('[role=\"tab\"][aria-selected=\"true\"]')?.getAttribute(\"data-tab\")??\"tree\";L(t),t.append(s,F(u,{initialTab:g})),s.textContent=`Live: ${u.calls.length} calls so far (updated ${new Date().toLocaleTimeString()}).`}}}catch{s.textContent=\"Live: the dashboard server is not answering; showing the last state.\"}setTimeout(()=>{a()},Jt)};setTimeout(()=>{a()},Jt)}function Se(){let t=document.getElementById(\"rlm-data\")?.textContent;return t?JSON.parse(t):void 0}function Re(t,e,n){if(document.getElementById(\"static-report\")?.setAttribute(\"hidden\",\"\"),L(t),t.appendChild(o(\"p\",{class:\"note imported\"},`Opened ${n} in this page (not copied into the log dir).`)),e.length>1){let s=o(\"ol\",{class:\"imported-runs\"},...e.map((l,u)=>{let d=o(\"button\",{type:\"button\",\"data-index\":u},`${l.trajectory_id} · ${l.model} · ${l.start_time}`);return o(\"li\",{},d)})),a=o(\"div\");s.addEventListener(\"click\",l=>{let u=Number(l.target.closest(\"button\")?.dataset.index),d=e[u];d&&(L(a),a.appendChild(F(d,{title:d.trajectory_id,initialTab:\"tree\"})))}),t.append(s,a);return}let r=e[0];r&&t.appendChild(F(r,{title:r.trajectory_id,initialTab:\"tree\"}))}function Ee(){let t=document.getElementById(\"rlm-app\"),e=Se();if(!t||!e)return;let n=o(\"p\",{class:\"bad import-error\",role:\"alert\"}),r=o(\"div\"),s=kt((a,l)=>{n.textContent=\"\",Re(r,a,l)},a=>{n.textContent=a});t.append(o(\"div\",{class:\"toolbar\"},s),n,r),e.view===\"list\"?r.appendChild(Tt(e.runs,e.log_dir)):e.view===\"compare\"?r.appendChild(mt(e.comparison,e.served)):(r.appendChild(F(e.trajectory)),e.live_url!==null&&Bt(r,e.trajectory,e.live_url))}Ee();})();";

;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/viz/page-style.js
/**
 * The stylesheet of every page (dashboard and report), light and dark from `prefers-color-scheme`. Inline,
 * and allowed by its hash in the Content-Security-Policy.
 */
const PAGE_STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#656d76;--line:#d0d7de;--code:#f6f8fa;--ok:#1a7f37;--bad:#cf222e;--accent:#0969da;
--d0:#0969da;--d1:#8250df;--d2:#bf3989;--d3:#bc4c00;--d4:#1a7f37;--d5:#9a6700;--in:#0969da;--out:#8250df;--cr:#1a7f37;--cw:#bc4c00}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#8d96a0;--line:#30363d;--code:#161b22;--ok:#3fb950;--bad:#f85149;--accent:#4493f8;
--d0:#4493f8;--d1:#a371f7;--d2:#db61a2;--d3:#f0883e;--d4:#3fb950;--d5:#d29922;--in:#4493f8;--out:#a371f7;--cr:#3fb950;--cw:#f0883e}}
body{font:14px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;margin:0 auto;max-width:1200px;padding:24px;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}h1{font-size:22px;margin:0 0 12px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}h4{margin:10px 0 4px;font-size:13px}
img.output{max-width:100%;border:1px solid var(--line);margin:6px 0}table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}tr.total td{font-weight:600}
pre{background:var(--code);border:1px solid var(--line);border-radius:6px;padding:10px;overflow:auto;white-space:pre-wrap;word-break:break-word;margin:6px 0}
details{margin:4px 0}details details{margin-left:18px}summary{cursor:pointer}.call{border-left:3px solid var(--line);padding-left:10px;margin:8px 0}
.tree ul{list-style:none;padding-left:20px;margin:0}.tree>ul{padding-left:0}.ok{color:var(--ok)}.bad{color:var(--bad)}.note{color:var(--muted);font-size:12px}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
button,select,input{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:3px 8px}button{cursor:pointer}button:disabled{opacity:.5;cursor:default}
.toolbar{display:flex;gap:12px;align-items:center;flex-wrap:wrap;margin:8px 0}.filters{display:flex;gap:10px;flex-wrap:wrap;align-items:center;margin:8px 0}
table.runs td{white-space:nowrap}table.runs td.task{white-space:normal;max-width:420px;overflow-wrap:anywhere}
.status-ok{color:var(--ok)}.status-failed,.status-unfinished{color:var(--bad)}.status-running{color:var(--accent)}
.tabs{display:flex;gap:4px;border-bottom:1px solid var(--line);margin-top:8px}.tabs [role=tab]{border-radius:6px 6px 0 0;border-bottom:none}.tabs [role=tab][aria-selected=true]{background:var(--code);font-weight:600}
[role=tabpanel]{padding:10px 0}.split{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px}@media (max-width:900px){.split{grid-template-columns:1fr}}
.calltree li[aria-expanded=false]>ul{display:none}
ul.calltree,ul.calltree ul{list-style:none;margin:0;padding-left:16px}ul.calltree{padding-left:0;max-height:75vh;overflow:auto}
.calltree li>.row{display:flex;gap:8px;padding:2px 4px;border-left:4px solid var(--d0);cursor:pointer;white-space:nowrap}.calltree li[aria-selected=true]>.row{background:var(--code);font-weight:600}
.calltree .row .num{font-variant-numeric:tabular-nums;color:var(--muted)}.calltree .twisty{width:1em;display:inline-block}
.calltree li.depth-1>.row{border-left-color:var(--d1)}.calltree li.depth-2>.row{border-left-color:var(--d2)}.calltree li.depth-3>.row{border-left-color:var(--d3)}.calltree li.depth-4>.row{border-left-color:var(--d4)}.calltree li.depth-5>.row{border-left-color:var(--d5)}
.detail{border:1px solid var(--line);border-radius:6px;padding:8px 12px;max-height:75vh;overflow:auto}
.scroll{overflow-x:auto}svg text{fill:var(--fg);font-size:11px}svg .tick{stroke:var(--line)}
.seg-in{fill:var(--in)}.seg-out{fill:var(--out)}.seg-cr{fill:var(--cr)}.seg-cw{fill:var(--cw)}.swatch{display:inline-block;width:10px;height:10px;margin-left:8px}
span.seg-in{background:var(--in)}span.seg-out{background:var(--out)}span.seg-cr{background:var(--cr)}span.seg-cw{background:var(--cw)}
.span{fill:var(--d0);opacity:.75}.span.depth-1{fill:var(--d1)}.span.depth-2{fill:var(--d2)}.span.depth-3{fill:var(--d3)}.span.depth-4{fill:var(--d4)}.span.depth-5{fill:var(--d5)}
rect.span.critical{stroke:var(--fg);stroke-width:1.5;opacity:1}rect.span.slow{fill:var(--bad);opacity:1}
.winner-summary{font-weight:600}.live{color:var(--accent)}
`.trim();

;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/viz/page-html.js
/**
 * The document around every page: the dashboard's pages and the single-file report. The page script and
 * stylesheet are inline and allowed by their SHA-256 hashes, so the Content-Security-Policy needs neither
 * 'unsafe-inline' nor any network source; the data rides along as inert JSON.
 */




const hash = (text) => `'sha256-${(0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('base64')}'`;
const PAGE_SCRIPT_HASH = hash(PAGE_SCRIPT);
const PAGE_STYLE_HASH = hash(PAGE_STYLE);
function contentSecurityPolicy(allowSameOriginFetch, allowDataImages = false) {
    return [
        "default-src 'none'",
        `script-src ${PAGE_SCRIPT_HASH}`,
        `style-src ${PAGE_STYLE_HASH}`,
        `connect-src ${allowSameOriginFetch ? "'self'" : "'none'"}`,
        ...(allowDataImages ? ['img-src data:'] : []),
        "base-uri 'none'",
        "form-action 'none'",
    ].join('; ');
}
/** JSON that cannot end its <script> element early or start a comment, whatever strings it holds. */
function inertJson(value) {
    return JSON.stringify(value)
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}
function renderPage(options) {
    const policy = contentSecurityPolicy(options.allowSameOriginFetch === true, options.allowDataImages === true);
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${(0,format/* escapeHtml */.ZD)(options.title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
${options.headerHtml ?? `<h1>${(0,format/* escapeHtml */.ZD)(options.title)}</h1>`}
<main id="rlm-app"></main>
${options.staticHtml === undefined ? '' : `<div id="static-report">\n${options.staticHtml}\n</div>`}
<script type="application/json" id="rlm-data">${inertJson(options.data)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/render/html.js







const DEFAULT_HTML_MAX_CHARS_PER_FIELD = 20_000;
/**
 * The static part (readable with scripts off) lists at most this many calls in full: past that, a page
 * of tens of thousands of folded sections takes many seconds to lay out, and the interactive tree above
 * holds every call anyway.
 */
const MAX_STATIC_CALLS = 500;
/**
 * One self-contained page: the interactive views (call tree, tokens and cost, timing, tools, export and
 * import; see src/viz/page/) above the static report (answer, cost table, call tree, every call), which
 * reads the same with scripts off. Inline style and script allowed by hash, no network source, every
 * value escaped or embedded as inert JSON.
 */
function renderTrajectoryHtml(input, options = {}) {
    const trajectory = options.redactor ? options.redactor.redactDeep(input) : input;
    const maxChars = options.maxCharsPerField ?? DEFAULT_HTML_MAX_CHARS_PER_FIELD;
    const block = (label, text, open = false) => foldedBlock(label, text, maxChars, open);
    const statusClass = trajectory.success && !trajectory.incomplete ? 'ok' : 'bad';
    const table = costTable(trajectory);
    const header = `<h1>RLM run <code>${(0,format/* escapeHtml */.ZD)(trajectory.trajectory_id)}</code> <span class="${statusClass}">${trajectory.success ? '✔' : '✘'}</span></h1>
${block('Task', trajectory.task, true)}
<table class="facts">
${headerFacts(trajectory)
        .map(([label, value]) => `<tr><th>${(0,format/* escapeHtml */.ZD)(label)}</th><td>${(0,format/* escapeHtml */.ZD)(value)}</td></tr>`)
        .join('\n')}
</table>`;
    const report = `<h2>Final answer</h2>
${trajectory.final_answer === null ? '<p class="note">No answer was produced.</p>' : `<pre class="answer">${(0,format/* escapeHtml */.ZD)((0,format/* truncateMiddle */.kU)(trajectory.final_answer, maxChars).text)}</pre>`}
${html_outputsSection(trajectory, options.images)}<h2>Cost</h2>
${costTableHtml([...table.rows], table.total)}
<h2>Call tree</h2>
<div class="tree">${trajectory.calls.length <= MAX_STATIC_CALLS ? treeHtml(callTree(trajectory)) : '<p class="note">Too many calls for the static tree; see the interactive call tree above.</p>'}</div>
<h2>Calls</h2>
${block('System prompt', trajectory.system_prompt)}
${trajectory.calls
        .slice(0, MAX_STATIC_CALLS)
        .map((call, index) => callHtml(call, index, block))
        .join('\n')}
${trajectory.calls.length > MAX_STATIC_CALLS ? `<p class="note">The first ${(0,format/* formatCount */.B4)(MAX_STATIC_CALLS)} of ${(0,format/* formatCount */.B4)(trajectory.calls.length)} calls are shown here; the call tree above shows every call.</p>` : ''}`;
    return renderPage({
        title: `RLM run ${trajectory.trajectory_id}`,
        headerHtml: header,
        staticHtml: report,
        data: { view: 'run', trajectory, live_url: options.liveUrl ?? null },
        allowSameOriginFetch: options.liveUrl !== undefined,
        // Image outputs are inline data: URIs; the policy admits those and still nothing from the network.
        allowDataImages: (options.images?.size ?? 0) > 0,
    });
}
function html_outputsSection(trajectory, images) {
    const body = (0,outputs/* renderOutputsHtml */.i4)(trajectory, images);
    return body === '' ? '' : `<h2>Outputs</h2>\n${body}\n`;
}
function costTableHtml(rows, total) {
    const head = ['Model', 'Calls', 'Tokens in', 'Tokens out', 'Cache read', 'Cache write', 'Cost (USD)']
        .map((heading, index) => `<th${index > 0 ? ' class="num"' : ''}>${heading}</th>`)
        .join('');
    const line = (entry, className = '') => {
        const numbers = [entry.calls, entry.tokens_in, entry.tokens_out, entry.cache_read, entry.cache_write]
            .map((value) => `<td class="num">${(0,format/* formatCount */.B4)(value)}</td>`)
            .join('');
        return `<tr${className ? ` class="${className}"` : ''}><td>${(0,format/* escapeHtml */.ZD)(entry.model)}</td>${numbers}<td class="num">${(0,format/* escapeHtml */.ZD)((0,format/* formatUsd */.UK)(entry.cost_usd))}</td></tr>`;
    };
    return `<table class="cost"><thead><tr>${head}</tr></thead><tbody>\n${rows.map((entry) => line(entry)).join('\n')}\n${line(total, 'total')}\n</tbody></table>`;
}
function treeHtml(nodes) {
    if (nodes.length === 0)
        return '<p class="note">No model calls.</p>';
    const items = nodes
        .map((node) => {
        const children = node.children.length > 0 ? treeHtml(node.children) : '';
        return `<li><a href="#call-${(0,format/* escapeHtml */.ZD)(html_anchor(node.call.call_id))}">${(0,format/* escapeHtml */.ZD)(describeCall(node.call))}</a>${children}</li>`;
    })
        .join('');
    return `<ul>${items}</ul>`;
}
function callHtml(call, index, block) {
    const origin = call.parent_id === null ? '' : `, made by ${call.parent_id}`;
    const tools = call.tools_used.length > 0 ? `, used ${call.tools_used.join(', ')}` : '';
    const parts = [
        `<h3>${index + 1}. ${(0,format/* escapeHtml */.ZD)(describeCall(call))}</h3>`,
        `<p class="note">${(0,format/* escapeHtml */.ZD)(`Call ${call.call_id}${origin}, depth ${call.depth}, started ${call.start_time}${tools}`)}</p>`,
        block('Prompt', call.prompt),
        block('Response', call.response),
    ];
    if (call.error !== null)
        parts.push(block('Error', call.error, true));
    for (const execution of call.executions)
        parts.push(executionHtml(execution, block));
    return `<section class="call" id="call-${(0,format/* escapeHtml */.ZD)(html_anchor(call.call_id))}">\n${parts.join('\n')}\n</section>`;
}
function executionHtml(execution, block) {
    const failed = executionFailed(execution);
    const summary = `Code block ${execution.block_index} · ${execution.status} · ${(0,format/* formatDuration */.a3)(execution.duration_ms)}${execution.state_lost ? ' · REPL state lost' : ''}`;
    const inner = [
        block('Code', execution.code, true),
        block('stdout', execution.stdout + html_cutNote(execution.stdout_truncated_bytes), true),
    ];
    if (execution.stderr !== '' || execution.stderr_truncated_bytes > 0) {
        inner.push(block('stderr', execution.stderr + html_cutNote(execution.stderr_truncated_bytes), true));
    }
    if (execution.error !== null)
        inner.push(block('Error', execution.error, true));
    const calls = execution.tool_calls ?? [];
    if (calls.length > 0)
        inner.push(block(`Tool calls (${calls.length})`, toolCallLines(calls), true));
    return `<details${failed ? ' open' : ''}><summary class="${failed ? 'bad' : 'ok'}">${(0,format/* escapeHtml */.ZD)(summary)}</summary>\n${inner.join('\n')}\n</details>`;
}
function html_cutNote(bytes) {
    return bytes > 0 ? `\n[sandbox cut ${(0,format/* formatCount */.B4)(bytes)} bytes of this output]` : '';
}
function foldedBlock(label, text, maxChars, open) {
    const { text: shown, omitted } = (0,format/* truncateMiddle */.kU)(text, maxChars);
    const size = `${(0,format/* formatCount */.B4)(text.length)} chars${omitted > 0 ? `, ${(0,format/* formatCount */.B4)(omitted)} omitted` : ''}`;
    const body = text === '' ? '<p class="note">(empty)</p>' : `<pre>${(0,format/* escapeHtml */.ZD)(shown)}</pre>`;
    return `<details${open ? ' open' : ''}><summary>${(0,format/* escapeHtml */.ZD)(label)} <span class="note">(${size})</span></summary>\n${body}\n</details>`;
}
/** Call ids are engine-made but still untrusted text; keep anchors to a safe alphabet. */
function html_anchor(callId) {
    return callId.replace(/[^A-Za-z0-9_-]/g, '_');
}

;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/render/mermaid.js


const DEFAULT_MERMAID_NODES = 40;
/** Hard ceiling whatever is asked: keeps edges well under Mermaid's 500. */
const MAX_MERMAID_NODES = 200;
/** Letters, digits and a few punctuation marks pass; anything else becomes `#<code>;`. */
function escapeMermaidLabel(text) {
    let out = '';
    for (const char of text) {
        out += /[A-Za-z0-9 .,:$/_+-]/.test(char) ? char : `#${char.codePointAt(0) ?? 63};`;
    }
    return out;
}
function label(node, maxChars) {
    const call = node.call;
    const what = call.kind === 'root' ? `${call.node_id} iter ${call.iteration}` : `${call.node_id} llm_query`;
    const model = call.model.length > maxChars ? `${call.model.slice(0, maxChars)}…` : call.model;
    const failed = callErrors(call).length > 0 ? ' · failed' : '';
    return escapeMermaidLabel(`${what} · ${model} · ${(0,format/* formatCount */.B4)(call.tokens_in + call.tokens_out)} tok · ${(0,format/* formatUsd */.UK)(call.cost_usd)} · ${(0,format/* formatDuration */.a3)(call.latency_ms)}${failed}`);
}
/** The flowchart text (without the fence). */
function renderCallTreeMermaid(trajectory, options = {}) {
    const maxNodes = Math.max(1, Math.min(options.maxNodes ?? DEFAULT_MERMAID_NODES, MAX_MERMAID_NODES));
    const maxChars = options.maxLabelChars ?? 40;
    const lines = ['flowchart TD'];
    const classes = [];
    let drawn = 0;
    let folds = 0;
    const ids = new Map();
    const queue = callTree(trajectory).map((node) => ({
        node,
        parent: null,
    }));
    const skipped = new Map();
    let previousRoot = null;
    while (queue.length > 0) {
        const item = queue.shift();
        if (!item)
            break;
        const parentKey = item.parent ?? '__top__';
        if (drawn >= maxNodes) {
            skipped.set(parentKey, (skipped.get(parentKey) ?? 0) + 1 + countDescendants(item.node));
            continue;
        }
        drawn += 1;
        const id = `n${drawn}`;
        ids.set(item.node, id);
        lines.push(`  ${id}["${label(item.node, maxChars)}"]`);
        if (item.parent !== null)
            lines.push(`  ${item.parent} --> ${id}`);
        else {
            // Top-level iterations follow one another.
            if (previousRoot !== null)
                lines.push(`  ${previousRoot} -.-> ${id}`);
            previousRoot = id;
        }
        classes.push(`  class ${id} d${Math.min(item.node.call.depth, 3)}`);
        if (callErrors(item.node.call).length > 0)
            classes.push(`  class ${id} failed`);
        for (const child of item.node.children)
            queue.push({ node: child, parent: id });
    }
    for (const [parent, count] of skipped) {
        folds += 1;
        const id = `more${folds}`;
        lines.push(`  ${id}["${escapeMermaidLabel(`+${(0,format/* formatCount */.B4)(count)} more calls`)}"]`);
        lines.push(parent === '__top__' ? `  ${previousRoot ?? id} -.-> ${id}` : `  ${parent} --> ${id}`);
        classes.push(`  class ${id} more`);
    }
    if (drawn === 0)
        return 'flowchart TD\n  empty["no model calls"]';
    return [
        ...lines,
        '  classDef d0 fill:#ddf4ff,stroke:#0969da',
        '  classDef d1 fill:#fbefff,stroke:#8250df',
        '  classDef d2 fill:#ffeff7,stroke:#bf3989',
        '  classDef d3 fill:#fff1e5,stroke:#bc4c00',
        '  classDef failed stroke:#cf222e,stroke-width:3px',
        '  classDef more fill:#f6f8fa,stroke:#d0d7de,stroke-dasharray:3',
        ...classes,
    ].join('\n');
}
function countDescendants(node) {
    let count = 0;
    const stack = [...node.children];
    while (stack.length > 0) {
        const next = stack.pop();
        if (!next)
            break;
        count += 1;
        stack.push(...next.children);
    }
    return count;
}
/** The fenced block for markdown. */
function callTreeMermaidBlock(trajectory, options = {}) {
    return `\`\`\`mermaid\n${renderCallTreeMermaid(trajectory, options)}\n\`\`\``;
}

;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/render/index.js









;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/index.js














/***/ })

};
