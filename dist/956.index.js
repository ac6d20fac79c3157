import { dirname as __rlmDirname } from 'node:path';
import { fileURLToPath as __rlmFileURLToPath } from 'node:url';
const __filename = __rlmFileURLToPath(import.meta.url);
const __dirname = __rlmDirname(__filename);
export const id = 956;
export const ids = [956];
export const modules = {

/***/ 72956:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prepareRun: () => (/* binding */ prepareRun)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/errors.js
var errors = __webpack_require__(39354);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/host-fs/plain-path.js
var plain_path = __webpack_require__(45006);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/host-fs/safe-directory.js
var safe_directory = __webpack_require__(33953);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/sandbox/context-input.js
var context_input = __webpack_require__(58235);
;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/action/run/context.js
/**
 * Builds the REPL's `context` from the `context` input (paths or globs inside the workspace) and, on pull
 * requests, the PR's diff as read-only text. Nothing from a pull request is checked out or executed.
 *
 * Symlinks are never followed: a link in the checkout (say to /proc/self/environ) must not carry the
 * runner's files or this process's environment, keys included, into the sandbox and the prompt.
 */






const DIFF_CONTEXT_KEY = 'pull_request.diff';
/** Characters that make a pattern a glob; anything else is a plain path (`.`, `./logs`, `app.log`). */
const GLOB_SYNTAX = /[*?[\]{}!]/;
/** The one rule of src/host-fs/plain-path.ts: no symlink below the workspace, no special file. */
function isPlain(path, workspace) {
    const plain = (0,plain_path/* inspectPlainPath */.S)(path, workspace);
    return plain.kind === 'file' || plain.kind === 'directory';
}
/**
 * A plain path is looked up directly, not through fs.glob: glob returns nothing for `.` or `./` (Node 24),
 * and a path needs no pattern matching anyway.
 */
async function matchesOf(pattern, workspace) {
    if (!GLOB_SYNTAX.test(pattern)) {
        const path = (0,external_node_path_.resolve)(workspace, pattern);
        return isPlain(path, workspace) ? [path] : [];
    }
    const matches = [];
    for await (const match of (0,promises_.glob)(pattern, { cwd: workspace })) {
        const path = (0,external_node_path_.resolve)(workspace, match);
        if (isPlain(path, workspace))
            matches.push(path);
    }
    return matches;
}
/** Absolute paths matched by the patterns, in a stable order; every path stays inside the workspace. */
async function expandContextPaths(patterns, workspace) {
    const found = new Set();
    for (const pattern of patterns) {
        const matches = await matchesOf(pattern, workspace);
        if (matches.length === 0) {
            throw new errors/* ConfigError */.xL(`input \`context\`: "${pattern}" matches nothing in the workspace (symlinks are not followed)`, {
                key: 'context',
                fix: 'Check the path (relative to the checked-out workspace), or check out the repository first.',
            });
        }
        for (const match of matches) {
            if (!(0,safe_directory/* isInside */.FK)(workspace, match)) {
                throw new errors/* ConfigError */.xL(`input \`context\`: "${pattern}" points outside the workspace`, {
                    key: 'context',
                });
            }
            found.add(match);
        }
    }
    return [...found].sort();
}
async function buildContext(patterns, workspace, diff) {
    const paths = await expandContextPaths(patterns, workspace);
    if (paths.length === 0)
        return diff === null ? undefined : { kind: 'text', text: diff };
    if (diff === null)
        return { kind: 'files', paths, root: workspace };
    // Files and the diff together: one {path: text} map, the diff under its own key.
    const files = {};
    // The same reader as the sandbox's own context encoding: no symlink followed, special files skipped.
    for (const [key, bytes] of await (0,context_input/* readContextFiles */.T)(paths, workspace))
        files[key] = bytes.toString('utf8');
    files[DIFF_CONTEXT_KEY] = diff;
    return { kind: 'json', value: files };
}

// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/action/triggers/event.js
var triggers_event = __webpack_require__(35280);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/core/output-schema.js
var output_schema = __webpack_require__(57094);
;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/action/run/output-schema-input.js
/**
 * The `output-schema` input: a JSON Schema given inline (`{...}`) or as a path to a JSON file in the
 * workspace. Checked here, before anything runs, so a bad schema fails the step naming the input.
 */




const INPUT = 'output-schema';
async function readSchemaFile(path, workspace) {
    const full = (0,external_node_path_.resolve)(workspace, path);
    const rel = (0,external_node_path_.relative)(workspace, full);
    if (rel.startsWith('..') || (0,external_node_path_.isAbsolute)(rel)) {
        throw new errors/* ConfigError */.xL(`input \`${INPUT}\`: "${path}" is outside the workspace`, { key: INPUT });
    }
    const info = await (0,promises_.lstat)(full).catch(() => null);
    // A regular file only: a symlink could point anywhere on the runner.
    if (!info?.isFile()) {
        throw new errors/* ConfigError */.xL(`input \`${INPUT}\`: "${path}" is not a regular file in the workspace`, {
            key: INPUT,
            fix: 'Give the schema inline as JSON ({"type": "object", ...}) or the path of a JSON file in the checked-out repository.',
        });
    }
    return (0,promises_.readFile)(full, 'utf8');
}
/** null when the input is empty. */
async function loadOutputSchema(raw, workspace) {
    const value = raw.trim();
    if (value === '')
        return null;
    const text = value.startsWith('{') ? value : await readSchemaFile(value, workspace);
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (error) {
        throw new errors/* ConfigError */.xL(`input \`${INPUT}\` is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { key: INPUT });
    }
    return (0,output_schema/* compileOutputSchema */.Yz)(parsed, `input \`${INPUT}\``).schema;
}

// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/config/settings.js
var config_settings = __webpack_require__(58575);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/config/config-file.js
var config_file = __webpack_require__(30703);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/config/keys.js
var keys = __webpack_require__(75702);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/config/units.js
var units = __webpack_require__(1539);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/config/to-rlm-options.js
var to_rlm_options = __webpack_require__(27584);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/config/coerce.js
var coerce = __webpack_require__(85087);
;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/config/template.js
/**
 * The commented config file `rlm init` writes, generated from the key table so
 * it always lists every key with its current default.
 */



const SECTION_TITLES = {
    docker: 'Sandbox container limits (environment: docker).',
    viz: 'The `rlm visualize` dashboard.',
};
function defaultConfigText() {
    const lines = [
        '# rlm configuration. Precedence: command-line flags > RLM_* environment variables > this file > defaults.',
        '# API keys never go here: set ANTHROPIC_API_KEY, OPENAI_API_KEY or LITELLM_API_KEY in the environment',
        '# (or name your own variable with api_key_env). Reference: docs/cli.md.',
        '',
    ];
    const topLevel = SETTING_KEY_NAMES.filter((key) => !key.includes('.'));
    for (const key of topLevel)
        lines.push(...entry(key, key, ''));
    for (const section of NESTED_SECTIONS) {
        lines.push(`# ${SECTION_TITLES[section]}`, `${section}:`);
        for (const key of SETTING_KEY_NAMES.filter((name) => name.startsWith(`${section}.`))) {
            lines.push(...entry(key, key.slice(section.length + 1), '  '));
        }
    }
    lines.push('# Price overrides in USD per million tokens, for models missing from the built-in table:', '# prices:', '#   my-model: { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 }', '', '# MCP servers whose tools model code may call (docs/mcp.md); secrets only as ${NAME} references:', '# mcp_servers:', '#   snipara:', '#     url: https://api.snipara.com/mcp/my-project', '#     headers: { Authorization: "Bearer ${SNIPARA_API_KEY}" }', '#     allowed_tools: [rlm_context_query, rlm_recall, rlm_remember]', '');
    return lines.join('\n');
}
function entry(key, name, indent) {
    const { spec, doc } = SETTING_KEYS[key];
    const value = SETTING_KEYS[key].default;
    const shown = spec.kind === 'size' && typeof value === 'number' ? formatByteSize(value) : yamlScalar(value);
    return [
        `${indent}# ${doc}`,
        `${indent}# Allowed: ${allowedValues(spec)}. Environment: ${envVarName(key)}.`,
        `${indent}${name}: ${shown}`,
        '',
    ];
}
function yamlScalar(value) {
    if (value === null)
        return 'null';
    if (typeof value !== 'string')
        return String(value);
    // Quote only what YAML would otherwise read as another type or syntax.
    return /^[\w./-][\w./:-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~|[\d.]+)$/i.test(value)
        ? value
        : JSON.stringify(value);
}

// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/config/api-key.js
var api_key = __webpack_require__(32862);
;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/config/index.js
/** Public face of the config layer: the CLI and the Action import from here. */









// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/models/api-key.js
var models_api_key = __webpack_require__(57158);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/tools/mcp-spec.js
var mcp_spec = __webpack_require__(45189);
// EXTERNAL MODULE: ./node_modules/.cache/rlm-action-bundle/action/run/inputs.js
var run_inputs = __webpack_require__(62633);
;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/action/run/mcp-servers.js
/**
 * MCP servers in the Action, least privilege: they come only from the workflow's `mcp-config` input and
 * `.github/rlm.yml` on the default branch (never from a pull request's head), each must list the tools
 * it exposes in `allowed_tools`, and every value its spec references (`${NAME}`) is a secret to mask.
 */


/** Checks the Action's rules and returns the referenced values, to mask and redact. */
function actionMcpServers(servers, env) {
    const secrets = [];
    for (const [name, spec] of Object.entries(servers)) {
        if (spec.allowedTools === null || spec.allowedTools.length === 0) {
            throw new errors/* ConfigError */.xL(`MCP server "${name}": the Action exposes only tools listed in allowed_tools`, {
                key: `mcp_servers.${name}.allowed_tools`,
                fix: `List the tools model code may call, e.g. "allowed_tools": ["rlm_context_query"].`,
            });
        }
        secrets.push(...(0,mcp_spec/* resolveMcpServer */.eD)(name, spec, env).secrets);
    }
    return [...new Set(secrets)];
}

;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/action/run/run-settings.js
/**
 * Turns inputs, the comment's allowed flags and `.github/rlm.yml` into the engine's options, through the
 * same config layer (and validation) as the CLI: comment flags > inputs > .github/rlm.yml > defaults.
 *
 * `.github/rlm.yml` is read from the DEFAULT BRANCH through the contents API, never from the checked-out
 * tree or a pull request's head: a PR cannot change the image, base URL or budget it runs with.
 */







const REPO_CONFIG_PATH = '.github/rlm.yml';
async function readRepoConfig(github, defaultBranch) {
    const ref = defaultBranch ?? (await github.getDefaultBranch());
    return { ref, text: await github.getFileText(REPO_CONFIG_PATH, ref) };
}
function withOverrides(engine, overrides) {
    const flags = { ...engine };
    if (overrides.maxDepth !== undefined)
        flags.max_depth = overrides.maxDepth;
    if (overrides.model !== undefined)
        flags.model = overrides.model;
    if (overrides.subModel !== undefined)
        flags.sub_model = overrides.subModel;
    return flags;
}
function providerKey(inputs, settings, env) {
    const fromInput = settings.backend === 'anthropic'
        ? inputs.keys.anthropic
        : settings.backend === 'openai'
            ? inputs.keys.openai
            : settings.backend === 'litellm'
                ? inputs.keys.litellm
                : '';
    if (fromInput)
        return fromInput;
    const variable = settings.apiKeyEnv ?? models_api_key/* API_KEY_ENV */.rg[settings.backend];
    const fromEnv = variable ? env[variable]?.trim() : undefined;
    return fromEnv ? fromEnv : undefined;
}
function buildRunSettings(inputs, overrides, repoConfig, environment, secrets, 
/** What a budget across runs leaves for this run (USD); lowers `max-cost-usd` when lower. */
costCapUsd = null, 
/** JSON Schema the final answer must satisfy (the `output-schema` input), or null. */
outputSchema = null) {
    const label = `${REPO_CONFIG_PATH} (default branch ${repoConfig.ref})`;
    const resolved = (0,config_settings/* resolveSettings */.M)({
        file: repoConfig.text === null ? null : label,
        readFile: () => repoConfig.text ?? undefined,
        env: {},
        flags: {
            ...withOverrides(inputs.engine, overrides),
            ...(inputs.mcpConfig === ''
                ? {}
                : { mcp_servers: (0,mcp_spec/* readMcpConfigJson */.jU)(inputs.mcpConfig, 'input `mcp-config`') }),
        },
        flagName: (key) => key === 'max_depth' || key === 'model' || key === 'sub_model'
            ? `${(0,run_inputs/* inputNameOf */.rB)(key)} or comment flag`
            : key === 'mcp_servers'
                ? 'input `mcp-config`'
                : (0,run_inputs/* inputNameOf */.rB)(key),
    });
    const mcpSecrets = actionMcpServers(resolved.mcpServers, environment.env);
    if (resolved.environment === 'repl') {
        // The local adapter shares the runner's user with this process, whose environment (INPUT_* values)
        // holds the keys and the token: model code could read them from /proc. Keys never reach the sandbox.
        throw new errors/* ConfigError */.xL('environment repl is not allowed in the GitHub Action: it would expose the keys', {
            key: 'environment',
            fix: 'Use `environment: docker` (the default): the runner has a Docker Engine. repl is for the local CLI with trusted code.',
        });
    }
    const notes = [];
    let maxIterations = resolved.maxIterations;
    if (overrides.maxIterations !== undefined) {
        if (overrides.maxIterations > resolved.maxIterations) {
            notes.push(`--max-iterations ${overrides.maxIterations} lowered to the configured ${resolved.maxIterations}.`);
        }
        else {
            maxIterations = overrides.maxIterations;
        }
    }
    let maxCostUsd = resolved.maxCostUsd;
    if (costCapUsd !== null && (maxCostUsd === null || maxCostUsd > costCapUsd)) {
        maxCostUsd = Math.round(costCapUsd * 1e6) / 1e6;
    }
    // Trajectories go to the runner's temp directory unless configured: the workspace is the user's tree.
    const logDir = resolved.sources.log_dir.kind === 'default'
        ? (0,external_node_path_.join)(environment.runnerTemp, 'rlm-logs')
        : (0,external_node_path_.resolve)(environment.workspace, resolved.logDir);
    const script = resolved.script === null ? null : (0,external_node_path_.resolve)(environment.workspace, resolved.script);
    // A new frozen object, never an edit of the resolved one: the Action's own adjustments, made once.
    const settings = Object.freeze({ ...resolved, maxIterations, maxCostUsd, logDir, script });
    const apiKey = providerKey(inputs, settings, environment.env);
    if (settings.backend === 'anthropic' && apiKey === undefined) {
        throw new errors/* ConfigError */.xL('backend anthropic needs an API key, and none was given', {
            key: 'anthropic-api-key',
            fix: 'Set `anthropic-api-key: ${{ secrets.ANTHROPIC_API_KEY }}`, or try the action offline with `backend: scripted` and a `script`.',
        });
    }
    if (settings.backend === 'openai' && apiKey === undefined && settings.baseUrl === null) {
        throw new errors/* ConfigError */.xL('backend openai needs an API key, and none was given', {
            key: 'openai-api-key',
            fix: 'Set `openai-api-key: ${{ secrets.OPENAI_API_KEY }}`.',
        });
    }
    const options = (0,to_rlm_options/* toRLMOptions */.l)(settings, apiKey === undefined ? { secrets } : { apiKey, secrets }, {
        workspaceDir: environment.workspace,
    });
    if (outputSchema !== null)
        options.outputSchema = outputSchema;
    const docker = options.sandbox?.docker ?? {};
    options.sandbox = {
        ...options.sandbox,
        docker: { ...docker, labels: { ...docker.labels, ...environment.containerLabels } },
    };
    // `${NAME}` in MCP specs resolves against the step's environment (`env:` in the workflow).
    options.env = environment.env;
    if (mcpSecrets.length > 0)
        options.secrets = [...(options.secrets ?? []), ...mcpSecrets];
    return { settings, options, repoConfig: repoConfig.text === null ? null : label, notes, mcpSecrets };
}

;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/action/run/prepare-run.js




function statusOf(error) {
    const status = error !== null && typeof error === 'object' && 'status' in error ? error.status : undefined;
    return typeof status === 'number' ? status : undefined;
}
async function prepareRun(input) {
    const { inputs, event, github, log } = input;
    const notes = [];
    let diff = null;
    const prNumber = input.pullRequestNumber;
    if (prNumber !== null && inputs.contextPrDiff) {
        const pr = event.pullRequest?.number === prNumber ? event.pullRequest : await github.getPullRequest(prNumber);
        if ((0,triggers_event/* isForkPullRequest */.B)(pr)) {
            notes.push(`Pull request from a fork (${pr.headRepo ?? 'deleted repository'}): its diff was read-only context; none of its code was checked out or run.`);
        }
        try {
            diff = await github.getPullRequestDiff(prNumber);
            log.info(`Pull request #${prNumber}: diff of ${diff.length} characters as context.`);
        }
        catch (error) {
            // The API refuses diffs over its size limits with 406: run without it rather than not at all.
            if (statusOf(error) !== 406)
                throw error;
            notes.push(`The pull request's diff is too large for the GitHub API (406), so it is not in the context.`);
            log.warning(notes[notes.length - 1] ?? '');
        }
    }
    const repoConfig = await readRepoConfig(github, event.defaultBranch);
    const outputSchema = await loadOutputSchema(inputs.outputSchema, input.environment.workspace);
    const runSettings = buildRunSettings(inputs, input.overrides, repoConfig, input.environment, input.secrets, input.costCapUsd ?? null, outputSchema);
    notes.push(...runSettings.notes);
    const s = runSettings.settings;
    log.info(`Settings: backend ${s.backend}, model ${s.model ?? '(default)'}, environment ${s.environment}, max depth ${s.maxDepth}, max iterations ${s.maxIterations}, timeout ${s.timeoutSeconds} s, max cost ${s.maxCostUsd ?? 'none'} USD; repository defaults: ${runSettings.repoConfig ?? 'none'}.`);
    const context = await buildContext(inputs.context, input.environment.workspace, diff);
    return { runSettings, context, notes };
}


/***/ })

};
