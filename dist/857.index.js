import { dirname as __rlmDirname } from 'node:path';
import { fileURLToPath as __rlmFileURLToPath } from 'node:url';
const __filename = __rlmFileURLToPath(import.meta.url);
const __dirname = __rlmDirname(__filename);
export const id = 857;
export const ids = [857];
export const modules = {

/***/ 65251:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ assembleTrajectory)
/* harmony export */ });
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39387);

/** The finished object, fields in reading order: who and when, how it ended, totals, then the details. */
function assembleTrajectory(header, calls, outcome, options = {}) {
    const trajectory = {
        schema_version: header.schema_version,
        trajectory_id: header.trajectory_id,
        backend: header.backend,
        model: header.model,
        sub_model: header.sub_model,
        environment: header.environment,
        start_time: header.start_time,
        end_time: outcome.end_time,
        duration_ms: outcome.duration_ms,
        success: outcome.success,
        error: outcome.error,
        final_answer: outcome.final_answer,
        limits_hit: [...outcome.limits_hit],
        iterations: outcome.iterations,
        max_depth_reached: outcome.max_depth_reached,
        outputs: [...(outcome.outputs ?? [])],
        outputs_skipped: [...(outcome.outputs_skipped ?? [])],
        outputs_dir: outcome.outputs_dir ?? null,
        ...(0,_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .summarize */ .e)(calls),
        task: header.task,
        system_prompt: header.system_prompt,
        limits: { ...header.limits },
        context_summary: header.context_summary,
        calls: [...calls],
    };
    if (options.incomplete)
        trajectory.incomplete = true;
    return trajectory;
}


/***/ }),

/***/ 60233:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ CallCollector)
/* harmony export */ });
/**
 * Gathers calls and the executions attached to them later, in arrival order. Shared by the writer (live)
 * and the reader (replaying a journal) so both rebuild a run the same way.
 */
class CallCollector {
    byId = new Map();
    /** Executions whose call has not been recorded yet; attached when it arrives. */
    pending = new Map();
    addCall(call) {
        const earlier = this.byId.get(call.call_id);
        const waiting = this.pending.get(call.call_id) ?? [];
        this.pending.delete(call.call_id);
        // A re-recorded call replaces the earlier record but keeps executions attached to it meanwhile.
        const executions = [
            ...(call.executions.length > 0 ? call.executions : (earlier?.executions ?? [])),
            ...waiting,
        ];
        this.byId.set(call.call_id, {
            ...call,
            tools_used: mergeToolsUsed(call.tools_used, executions),
            executions,
        });
    }
    addExecution(callId, execution) {
        const call = this.byId.get(callId);
        if (call) {
            call.executions.push(execution);
            call.tools_used = mergeToolsUsed(call.tools_used, [execution]);
            return;
        }
        const waiting = this.pending.get(callId) ?? [];
        waiting.push(execution);
        this.pending.set(callId, waiting);
    }
    calls() {
        return [...this.byId.values()];
    }
    /** Ids of calls that received executions but were never recorded themselves. */
    orphanCallIds() {
        return [...this.pending.keys()];
    }
}
/** What the call had, then what each execution called, without repeats: the calls' order of first use. */
function mergeToolsUsed(known, executions) {
    const merged = new Set(known);
    for (const execution of executions)
        for (const name of execution.tools_used ?? [])
            merged.add(name);
    return [...merged];
}


/***/ }),

/***/ 33146:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  NP: () => (/* binding */ RUN_IN_PROGRESS_ERROR),
  r8: () => (/* binding */ UNFINISHED_RUN_ERROR),
  tZ: () => (/* binding */ findTrajectory),
  eO: () => (/* binding */ readTrajectories),
  cX: () => (/* binding */ readTrajectory),
  _z: () => (/* binding */ readTrajectoryFile),
  MQ: () => (/* binding */ upgradeTrajectory)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/host-fs/safe-directory.js
var safe_directory = __webpack_require__(33953);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/summary.js
var summary = __webpack_require__(39387);
;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/viz/data/official-rlm.js
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

/** Trajectory ids of converted logs start with this, which is how the list tells the source apart. */
const OFFICIAL_RLM_ID_PREFIX = 'rlmpy-';
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const official_rlm_text = (value) => typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
const number = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
function isOfficialRlmLog(records) {
    const first = records[0];
    return isObject(first) && first.type === 'metadata' && typeof first.root_model === 'string';
}
/** Python's naive `datetime.now().isoformat()` (local time, microseconds) → ISO-8601 UTC. */
function isoTime(value, fallbackMs) {
    if (typeof value !== 'string')
        return fallbackMs;
    const zoned = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
    const parsed = Date.parse(zoned.replace(/(\.\d{3})\d+/, '$1'));
    return Number.isNaN(parsed) ? fallbackMs : parsed;
}
/** A prompt is a string or a chat message list; show the last user message (this turn's new input). */
function promptText(prompt) {
    if (!Array.isArray(prompt))
        return official_rlm_text(prompt);
    for (let index = prompt.length - 1; index >= 0; index -= 1) {
        const message = prompt[index];
        if (isObject(message) && message.role === 'user')
            return official_rlm_text(message.content);
    }
    return official_rlm_text(prompt[prompt.length - 1]);
}
function usageOf(completion) {
    const summaries = isObject(completion.usage_summary)
        ? completion.usage_summary.model_usage_summaries
        : undefined;
    let tokensIn = 0;
    let tokensOut = 0;
    let model = official_rlm_text(completion.root_model);
    if (isObject(summaries)) {
        for (const [name, usage] of Object.entries(summaries)) {
            if (!isObject(usage))
                continue;
            tokensIn += number(usage.total_input_tokens);
            tokensOut += number(usage.total_output_tokens);
            if (model === '')
                model = name;
        }
    }
    return { model: model || 'unknown', tokensIn, tokensOut };
}
/** `name` is the file name (or anything stable) the run id is derived from. */
function convertOfficialRlmLog(records, name) {
    if (!isOfficialRlmLog(records))
        return undefined;
    const metadata = records[0];
    const context = records.find((record) => isObject(record) && record.type === 'run_context');
    const iterations = records.filter((record) => isObject(record) && record.type === 'iteration');
    const rootModel = official_rlm_text(metadata.root_model);
    const startMs = isoTime(metadata.timestamp, 0);
    const calls = [];
    let finalAnswer = null;
    let subCount = 0;
    let previousEnd = startMs;
    iterations.forEach((iteration, position) => {
        const turn = number(iteration.iteration) || position + 1;
        const latency = number(iteration.iteration_time) * 1000;
        const endMs = isoTime(iteration.timestamp, previousEnd + latency);
        const callStart = latency > 0 ? endMs - latency : previousEnd;
        previousEnd = endMs;
        const callId = `iter-${turn}`;
        const executions = [];
        const subCalls = [];
        const blocks = Array.isArray(iteration.code_blocks) ? iteration.code_blocks : [];
        let offset = callStart;
        blocks.forEach((block, blockIndex) => {
            if (!isObject(block))
                return;
            const result = isObject(block.result) ? block.result : {};
            const completions = Array.isArray(result.rlm_calls) ? result.rlm_calls.filter(isObject) : [];
            const stderr = official_rlm_text(result.stderr);
            executions.push({
                block_index: blockIndex,
                code: official_rlm_text(block.code),
                stdout: official_rlm_text(result.stdout),
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
                    response: official_rlm_text(completion.response),
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
            response: official_rlm_text(iteration.response),
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
            finalAnswer = official_rlm_text(iteration.final_answer);
    });
    const totals = (0,summary/* summarize */.e)(calls);
    const stem = name.replace(/^.*[\\/]/, '').replace(/\.jsonl?$/, '');
    const contextRecord = isObject(context) ? context : {};
    return {
        schema_version: 1,
        trajectory_id: `${OFFICIAL_RLM_ID_PREFIX}${stem.replace(/[^A-Za-z0-9_.-]/g, '_')}`,
        backend: official_rlm_text(metadata.backend) || 'unknown',
        model: rootModel,
        sub_model: Array.isArray(metadata.other_backends)
            ? metadata.other_backends.map(official_rlm_text).join(', ')
            : rootModel,
        environment: official_rlm_text(metadata.environment_type) || 'unknown',
        start_time: new Date(startMs).toISOString(),
        end_time: new Date(previousEnd).toISOString(),
        duration_ms: Math.max(0, previousEnd - startMs),
        task: official_rlm_text(contextRecord.root_prompt) ||
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

// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/assemble.js
var assemble = __webpack_require__(65251);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/error-message.js
var error_message = __webpack_require__(2121);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/call-collector.js
var call_collector = __webpack_require__(60233);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/journal.js + 1 modules
var journal = __webpack_require__(10500);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/types.js
var types = __webpack_require__(85550);
;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/trajectory/reader.js









/** Files read at once: a log dir of a thousand runs lists in a fraction of the one-by-one time. */
const READ_CONCURRENCY = 16;
const UNFINISHED_RUN_ERROR = 'run did not finish (process ended)';
const RUN_IN_PROGRESS_ERROR = 'run still in progress';
/**
 * Every trajectory under logDir, newest first: finished ones from `*.jsonl` / `*.json` files, and runs that
 * never finished rebuilt from their journals (marked incomplete). A missing directory reads as empty.
 */
async function readTrajectories(logDir, options = {}) {
    const warn = options.onWarning ?? (() => undefined);
    const files = await listFiles(logDir, (name) => /\.jsonl?$/.test(name), warn);
    const finished = (await mapInBatches(files, READ_CONCURRENCY, (file) => readTrajectoryFile(file, { onWarning: warn }))).flat();
    const seen = new Set(finished.map((trajectory) => trajectory.trajectory_id));
    const rebuilt = [];
    for (const file of await listFiles((0,journal/* journalDir */.Pg)(logDir), (name) => name.endsWith('.jsonl'), warn)) {
        for (const trajectory of await readTrajectoryFile(file, { onWarning: warn })) {
            // Killed between writing the finished copy and deleting the journal: the finished copy wins.
            if (!seen.has(trajectory.trajectory_id))
                rebuilt.push(trajectory);
        }
    }
    const all = [...finished, ...rebuilt].sort((a, b) => timeOf(b.start_time) - timeOf(a.start_time));
    return options.limit === undefined ? all : all.slice(0, Math.max(0, options.limit));
}
/** By exact id, or by a prefix that matches exactly one trajectory (handy on the command line). */
async function readTrajectory(logDir, id, options = {}) {
    return findTrajectory(await readTrajectories(logDir, options), id);
}
/** By exact id, or by a prefix that matches exactly one of `all`. */
function findTrajectory(all, id) {
    const exact = all.find((trajectory) => trajectory.trajectory_id === id);
    if (exact)
        return exact;
    const byPrefix = all.filter((trajectory) => id.length > 0 && trajectory.trajectory_id.startsWith(id));
    return byPrefix.length === 1 ? byPrefix[0] : undefined;
}
/**
 * A JSONL file (one trajectory per line), a pretty JSON file, a journal, or a log of the official Python
 * RLM library; the kind is detected.
 */
async function readTrajectoryFile(file, options = {}) {
    const warn = options.onWarning ?? (() => undefined);
    let text;
    try {
        // A symlink, FIFO or device is refused: a log dir the sandbox once reached must not make us read elsewhere.
        const directory = await safe_directory/* SafeDirectory */.n2.openAnchored(external_node_path_.dirname(external_node_path_.resolve(file)), null, {
            create: false,
        });
        try {
            text = (await directory.readFile(external_node_path_.basename(file))).toString('utf8');
        }
        finally {
            await directory.close();
        }
    }
    catch (error) {
        warn(`${file}: cannot read (${(0,error_message/* errorMessage */.g)(error)})`);
        return [];
    }
    const whole = parseWholeFile(text);
    if (whole !== undefined)
        return keepTrajectories(whole, file, warn);
    const records = parseLines(text, file, warn);
    // The official Python RLM library's logs (metadata + iteration lines) read as runs too.
    if (isOfficialRlmLog(records)) {
        const converted = convertOfficialRlmLog(records, external_node_path_.basename(file));
        return converted ? [converted] : [];
    }
    if (records.length > 0 && (0,journal/* isJournalEntry */.I7)(records[0])) {
        const rebuilt = rebuildFromJournal(records, file, warn);
        return rebuilt ? [rebuilt] : [];
    }
    return keepTrajectories(records, file, warn);
}
/** A pretty-printed .json file is one document spanning many lines; JSONL never parses as a whole. */
function parseWholeFile(text) {
    const trimmed = text.trim();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('['))
        return undefined;
    if (!trimmed.includes('\n'))
        return undefined;
    try {
        const value = JSON.parse(trimmed);
        return Array.isArray(value) ? value : [value];
    }
    catch {
        return undefined;
    }
}
function parseLines(text, file, warn) {
    const lines = text.split('\n');
    const values = [];
    lines.forEach((line, index) => {
        if (line.trim() === '')
            return;
        try {
            values.push(JSON.parse(line));
        }
        catch {
            // The process was killed mid-write: the last line is cut short and simply not there yet.
            const isLastLine = index === lines.length - 1;
            if (!isLastLine)
                warn(`${file}:${index + 1}: skipped a line that is not valid JSON`);
        }
    });
    return values;
}
function keepTrajectories(values, file, warn) {
    const kept = [];
    for (const value of values) {
        if (looksLikeTrajectory(value))
            kept.push(upgradeTrajectory(value));
        else
            warn(`${file}: skipped a record that is not a trajectory`);
    }
    return kept;
}
function looksLikeTrajectory(value) {
    if (value === null || typeof value !== 'object')
        return false;
    const record = value;
    return typeof record.trajectory_id === 'string' && Array.isArray(record.calls);
}
/**
 * Older trajectories read as the current version: version 1 had no outputs, so it gets none. Readers
 * and renderers then handle one shape only.
 */
function upgradeTrajectory(trajectory) {
    if (trajectory.schema_version >= types/* TRAJECTORY_SCHEMA_VERSION */.X)
        return trajectory;
    return {
        ...trajectory,
        schema_version: types/* TRAJECTORY_SCHEMA_VERSION */.X,
        outputs: trajectory.outputs ?? [],
        outputs_skipped: trajectory.outputs_skipped ?? [],
        outputs_dir: trajectory.outputs_dir ?? null,
    };
}
function rebuildFromJournal(values, file, warn) {
    const entries = [];
    for (const value of values) {
        if ((0,journal/* isJournalEntry */.I7)(value))
            entries.push(value);
        else
            warn(`${file}: skipped a journal record of unknown shape`);
    }
    const headerEntry = entries.find((entry) => entry.type === 'header');
    if (!headerEntry || headerEntry.type !== 'header') {
        warn(`${file}: journal has no header; cannot rebuild the run`);
        return undefined;
    }
    const collector = new call_collector/* CallCollector */.c();
    let outcome;
    for (const entry of entries) {
        if (entry.type === 'call')
            collector.addCall(entry.data);
        else if (entry.type === 'execution')
            collector.addExecution(entry.call_id, entry.data);
        else if (entry.type === 'outcome')
            outcome = entry.data;
    }
    const calls = collector.calls();
    if (outcome)
        return upgradeTrajectory((0,assemble/* assembleTrajectory */.w)(headerEntry.data, calls, outcome));
    const lastAt = entries[entries.length - 1]?.at ?? headerEntry.at;
    const header = headerEntry.data;
    const running = headerEntry.host === (0,external_node_os_.hostname)() && isProcessAlive(headerEntry.pid);
    const rebuilt = (0,assemble/* assembleTrajectory */.w)(header, calls, {
        end_time: lastAt,
        duration_ms: Math.max(0, timeOf(lastAt) - timeOf(header.start_time)),
        success: false,
        error: running ? RUN_IN_PROGRESS_ERROR : UNFINISHED_RUN_ERROR,
        final_answer: null,
        limits_hit: [],
        iterations: Math.max(0, ...calls.filter((call) => call.depth === 0).map((call) => call.iteration)),
        max_depth_reached: Math.max(0, ...calls.map((call) => call.depth)),
    }, { incomplete: true });
    return upgradeTrajectory(rebuilt);
}
function isProcessAlive(pid) {
    if (pid === process.pid)
        return true;
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        // EPERM: it exists but belongs to someone else.
        return error.code === 'EPERM';
    }
}
async function listFiles(directory, accept, warn) {
    let opened;
    try {
        opened = await safe_directory/* SafeDirectory */.n2.openAnchored(directory, null, { create: false });
    }
    catch (error) {
        // A missing directory reads as empty; a symlinked one is refused, and the user is told why.
        if (error instanceof safe_directory/* UnsafePathError */.k0)
            warn(error.message);
        return [];
    }
    try {
        const entries = await opened.entries();
        // Dirent types are lstat's: a symlink named *.jsonl is not a file here.
        return entries
            .filter((entry) => entry.isFile() && accept(entry.name))
            .map((entry) => external_node_path_.join(directory, entry.name))
            .sort();
    }
    catch {
        return [];
    }
    finally {
        await opened.close();
    }
}
function timeOf(iso) {
    const value = Date.parse(iso);
    return Number.isNaN(value) ? 0 : value;
}
/** Results in input order, at most `limit` promises pending at a time. */
async function mapInBatches(items, limit, map) {
    const results = [];
    for (let start = 0; start < items.length; start += limit) {
        results.push(...(await Promise.all(items.slice(start, start + limit).map(map))));
    }
    return results;
}


/***/ }),

/***/ 39387:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ summarize),
/* harmony export */   t: () => (/* binding */ roundUsd)
/* harmony export */ });
function summarize(calls) {
    let tokensIn = 0;
    let tokensOut = 0;
    let cacheRead = 0;
    let cacheWrite = 0;
    let cost = 0;
    for (const call of calls) {
        tokensIn += call.tokens_in;
        tokensOut += call.tokens_out;
        cacheRead += call.cache_read_tokens;
        cacheWrite += call.cache_write_tokens;
        cost = cost === null || call.cost_usd === null ? null : cost + call.cost_usd;
    }
    return {
        total_tokens_in: tokensIn,
        total_tokens_out: tokensOut,
        total_cache_read_tokens: cacheRead,
        total_cache_write_tokens: cacheWrite,
        total_tokens: tokensIn + tokensOut,
        total_cost_usd: cost === null ? null : roundUsd(cost),
    };
}
/** Float sums of many small prices drift (0.1 + 0.2); a millionth of a cent is below any price's precision. */
function roundUsd(value) {
    return Math.round(value * 1e8) / 1e8;
}


/***/ }),

/***/ 85550:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ TRAJECTORY_SCHEMA_VERSION)
/* harmony export */ });
/**
 * Trajectory records (schema version 1). One finished trajectory is one JSON
 * object; `schema/trajectory.schema.json` is the JSON Schema of it. Field names
 * are snake_case because the file format is shared with the Python RLM tooling.
 *
 * The engine talks to a `TrajectorySink`; the writer journals every record as
 * it happens so that a killed process still leaves every completed call on disk.
 */
const TRAJECTORY_SCHEMA_VERSION = 2;


/***/ }),

/***/ 46664:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ TrajectoryWriter)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _host_fs_safe_directory_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(33953);
/* harmony import */ var _assemble_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(65251);
/* harmony import */ var _call_collector_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(60233);
/* harmony import */ var _error_message_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2121);
/* harmony import */ var _journal_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(10500);
/* harmony import */ var _output_files_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(61168);








function defaultOnError(error, phase) {
    process.stderr.write(`rlm: could not write the trajectory (${phase}): ${error.message}\n`);
}
/**
 * Journals each record as it arrives and writes the finished trajectory on finish(). Records are
 * serialized through one promise chain, so concurrent sub-calls never interleave lines, and every
 * method resolves even when the disk fails.
 */
class TrajectoryWriter {
    logDir;
    untrustedRoot;
    format;
    redactor;
    now;
    fileName;
    onError;
    fsync;
    collector = new _call_collector_js__WEBPACK_IMPORTED_MODULE_5__/* .CallCollector */ .c();
    reportedPhases = new Set();
    chain = Promise.resolve();
    header;
    logDirectory;
    journalDirectory;
    journal;
    journalFile;
    outputFile;
    finishing;
    constructor(options) {
        this.logDir = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(options.logDir);
        this.untrustedRoot = options.untrustedRoot ?? null;
        this.format = options.format ?? 'jsonl';
        this.redactor = options.redactor;
        this.now = options.now ?? (() => new Date());
        this.fileName = options.fileName;
        this.onError = options.onError ?? defaultOnError;
        this.fsync = options.fsync ?? false;
    }
    /** Where the finished trajectory goes; known once start() has resolved. */
    get path() {
        return this.outputFile;
    }
    /** The journal of this run; exists between start() and a successful finish(). */
    get journalPath() {
        return this.journalFile;
    }
    start(header) {
        return this.enqueue('journal', async () => {
            if (this.header) {
                this.report(new Error('start() called twice; one writer records one trajectory'), 'usage');
                return;
            }
            const clean = this.redactor.redactDeep(header);
            this.header = clean;
            // Opened once: later writes go through these descriptors, whatever happens to the paths meanwhile.
            this.logDirectory = await _host_fs_safe_directory_js__WEBPACK_IMPORTED_MODULE_2__/* .SafeDirectory */ .n2.openAnchored(this.logDir, this.untrustedRoot, { create: true });
            this.outputFile = await this.chooseOutputFile(this.logDirectory, clean.trajectory_id);
            this.journalFile = (0,_journal_js__WEBPACK_IMPORTED_MODULE_3__/* .journalPathFor */ .S7)(this.logDir, clean.trajectory_id);
            this.journalDirectory = await this.logDirectory.subdirectory(_journal_js__WEBPACK_IMPORTED_MODULE_3__/* .JOURNAL_DIR */ .Ci, { create: true });
            this.journal = await this.journalDirectory.createFile(node_path__WEBPACK_IMPORTED_MODULE_1__.basename(this.journalFile));
            await this.journalWrite({
                type: 'header',
                at: this.stamp(),
                pid: process.pid,
                host: (0,node_os__WEBPACK_IMPORTED_MODULE_0__.hostname)(),
                data: clean,
            });
        });
    }
    recordCall(call) {
        // Redact and collect synchronously: the in-memory copy must survive a journal that cannot be written.
        const clean = this.redactor.redactDeep(call);
        if (this.finishing)
            return this.lateRecord('recordCall');
        this.collector.addCall(clean);
        const at = this.stamp();
        return this.enqueue('journal', () => this.journalWrite({ type: 'call', at, data: clean }));
    }
    addExecution(callId, execution) {
        const clean = this.redactor.redactDeep(execution);
        const cleanId = this.redactor.redact(callId);
        if (this.finishing)
            return this.lateRecord('addExecution');
        this.collector.addExecution(cleanId, clean);
        const at = this.stamp();
        return this.enqueue('journal', () => this.journalWrite({ type: 'execution', at, call_id: cleanId, data: clean }));
    }
    /**
     * Saves the run's collected outputs into `<logDir>/<trajectory_id>/outputs/` (never through a symlink;
     * see output-files.ts). Resolves with what goes into the outcome, even when the disk fails.
     */
    async saveOutputs(collected) {
        let saved = {
            outcome: { outputs: [], outputs_skipped: [...collected.skipped], outputs_dir: null },
            directory: null,
        };
        await this.enqueue('outputs', async () => {
            if (!this.logDirectory || !this.header)
                throw new Error('no log directory open; outputs not saved');
            saved = await (0,_output_files_js__WEBPACK_IMPORTED_MODULE_4__/* .saveOutputFiles */ .ID)(this.logDirectory, this.logDir, this.header.trajectory_id, collected);
        });
        return saved;
    }
    /** Idempotent: a second call (even a concurrent one) gets the first call's result. */
    finish(outcome) {
        this.finishing ??= this.writeOutcome(this.redactor.redactDeep(outcome));
        return this.finishing;
    }
    async writeOutcome(outcome) {
        await this.enqueue('journal', () => this.journalWrite({ type: 'outcome', at: this.stamp(), data: outcome }));
        const orphans = this.collector.orphanCallIds();
        if (orphans.length > 0) {
            this.report(new Error(`executions for unrecorded calls were dropped: ${orphans.join(', ')}`), 'usage');
        }
        let written = false;
        await this.enqueue('final', async () => {
            if (!this.header || !this.outputFile) {
                throw new Error('finish() before a successful start(); nothing to write');
            }
            await this.writeFinal(this.outputFile, (0,_assemble_js__WEBPACK_IMPORTED_MODULE_6__/* .assembleTrajectory */ .w)(this.header, this.collector.calls(), outcome));
            written = true;
        });
        await this.enqueue('journal', async () => {
            try {
                await this.closeJournal();
                // Only now is the journal redundant. A crash before this line leaves both files, and the reader
                // prefers the finished copy; a failed final write keeps the journal as the only copy.
                if (written && this.journalFile)
                    await this.journalDirectory?.unlink(node_path__WEBPACK_IMPORTED_MODULE_1__.basename(this.journalFile));
            }
            finally {
                await this.closeDirectories();
            }
        });
        return {
            path: this.outputFile ?? node_path__WEBPACK_IMPORTED_MODULE_1__.join(this.logDir, this.defaultFileName('unknown')),
            written,
        };
    }
    enqueue(phase, task) {
        const next = this.chain.then(task).catch((error) => this.report((0,_error_message_js__WEBPACK_IMPORTED_MODULE_7__/* .asError */ .z)(error), phase));
        this.chain = next;
        return next;
    }
    report(error, phase) {
        if (this.reportedPhases.has(phase))
            return;
        this.reportedPhases.add(phase);
        try {
            this.onError(error, phase);
        }
        catch {
            // A failing error callback must not turn a lost record into a crashed run.
        }
    }
    lateRecord(method) {
        this.report(new Error(`${method}() after finish(); record ignored`), 'usage');
        return Promise.resolve();
    }
    stamp() {
        return this.now().toISOString();
    }
    async journalWrite(entry) {
        if (!this.journal) {
            if (entry.type === 'header')
                throw new Error('journal not open');
            // start() failed or was not called; that was reported already, and the record is kept in memory.
            return;
        }
        // One write per record: a kill between records never leaves half of one behind, except the last.
        await this.journal.appendFile(`${JSON.stringify(entry)}\n`);
        if (this.fsync)
            await this.journal.datasync();
    }
    async closeJournal() {
        const handle = this.journal;
        this.journal = undefined;
        if (handle)
            await handle.close();
    }
    async closeDirectories() {
        await this.journalDirectory?.close();
        await this.logDirectory?.close();
        this.journalDirectory = undefined;
        this.logDirectory = undefined;
    }
    defaultFileName(trajectoryId, withId = false) {
        const stamp = (0,_journal_js__WEBPACK_IMPORTED_MODULE_3__/* .fileTimestamp */ .NQ)(this.now());
        const suffix = withId ? `_${(0,_journal_js__WEBPACK_IMPORTED_MODULE_3__/* .safeFileStem */ .Pe)(trajectoryId).slice(0, 12)}` : '';
        return `trajectories_${stamp}${suffix}.${this.format}`;
    }
    async chooseOutputFile(directory, trajectoryId) {
        if (this.fileName)
            return node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(this.logDir, this.fileName);
        const plain = this.defaultFileName(trajectoryId);
        // JSONL appends, so two runs sharing a millisecond share a file harmlessly; a JSON file would be replaced.
        if (this.format === 'jsonl' || !(await directory.exists(plain)))
            return node_path__WEBPACK_IMPORTED_MODULE_1__.join(this.logDir, plain);
        return node_path__WEBPACK_IMPORTED_MODULE_1__.join(this.logDir, this.defaultFileName(trajectoryId, true));
    }
    /** The directory that holds `file`, reached without following a symlink the sandbox could have made. */
    async parentOf(file) {
        const parent = node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(file);
        if (this.logDirectory && (0,_host_fs_safe_directory_js__WEBPACK_IMPORTED_MODULE_2__/* .isInside */ .FK)(this.logDir, parent)) {
            const relative = node_path__WEBPACK_IMPORTED_MODULE_1__.relative(this.logDir, parent);
            if (relative === '')
                return this.logDirectory;
            let directory = this.logDirectory;
            try {
                for (const part of relative.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep)) {
                    const next = await directory.subdirectory(part, { create: true });
                    if (directory !== this.logDirectory)
                        await directory.close();
                    directory = next;
                }
            }
            catch (error) {
                if (directory !== this.logDirectory)
                    await directory.close();
                throw error;
            }
            return directory;
        }
        return _host_fs_safe_directory_js__WEBPACK_IMPORTED_MODULE_2__/* .SafeDirectory */ .n2.openAnchored(parent, this.untrustedRoot, { create: true });
    }
    async writeFinal(file, trajectory) {
        const directory = await this.parentOf(file);
        const name = node_path__WEBPACK_IMPORTED_MODULE_1__.basename(file);
        try {
            if (this.format === 'json') {
                const temporary = `${name}.${process.pid}.tmp`;
                const handle = await directory.createFile(temporary);
                try {
                    await handle.writeFile(`${JSON.stringify(trajectory, null, 2)}\n`);
                }
                finally {
                    await handle.close();
                }
                await directory.rename(temporary, name);
                return;
            }
            const handle = await directory.openAppend(name);
            try {
                // A previous writer killed mid-line would glue its fragment to our line; start on a fresh line instead.
                const separator = (await endsWithNewline(handle)) ? '' : '\n';
                await handle.appendFile(`${separator}${JSON.stringify(trajectory)}\n`);
            }
            finally {
                await handle.close();
            }
        }
        finally {
            if (directory !== this.logDirectory)
                await directory.close();
        }
    }
}
async function endsWithNewline(handle) {
    const size = (await handle.stat()).size;
    if (size === 0)
        return true;
    const buffer = Buffer.alloc(1);
    await handle.read(buffer, 0, 1, size - 1);
    return buffer[0] === 0x0a;
}


/***/ })

};
