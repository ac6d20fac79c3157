/**
 * How `new RLM(options)` gets its settings: exactly as the CLI does, through the
 * one resolver of the config layer (src/config/settings.ts). The options are the
 * highest layer (like flags), then RLM_* variables, then RLM_CONFIG or
 * ~/.rlm/config.yaml, then the defaults; validated once, then frozen. The API key
 * is the explicit `apiKey`, else the backend's variable; the current directory
 * is mounted at the workspace path, as the CLI mounts it.
 *
 * The CLI and the Action resolve their own settings (flags, action inputs) and
 * pass them as `options.settings`: then nothing is read or resolved again here.
 */
import { homedir } from 'node:os';
import { readApiKey } from './config/api-key.js';
import { configFilePath } from './config/config-file.js';
import { resolveSettings, type RawSettings, type Settings } from './config/settings.js';
import { settingsToOptions } from './config/to-rlm-options.js';
import { ConfigError } from './errors.js';
import type { Backend } from './models/types.js';
import type { RLMOptions } from './rlm-options.js';

/** Options after resolution: every setting present, the settings they came from attached. */
export type ResolvedRLMOptions = Readonly<RLMOptions & { backend: Backend; settings: Readonly<Settings> }>;

export interface LibraryHost {
  /** For ~/.rlm/config.yaml. */
  home: string;
  /** Mounted at the workspace path unless `workspaceDir` says otherwise. */
  cwd: string;
}

export function resolveRLMOptions(
  options: RLMOptions,
  host: LibraryHost = { home: homedir(), cwd: process.cwd() },
): ResolvedRLMOptions {
  if (options.settings !== undefined) {
    return freeze({ ...options, backend: options.settings.backend, settings: options.settings });
  }
  const env = options.env ?? process.env;
  const named = options.configFile ?? (env.RLM_CONFIG ? env.RLM_CONFIG : undefined);
  const settings = resolveSettings({
    file: options.configFile === null ? null : (named ?? configFilePath(env, host.home)),
    fileRequired: options.configFile !== null && named !== undefined,
    env,
    flags: rawSettingsOf(options),
    flagName: (key) => `option ${OPTION_NAMES[key] ?? key}`,
  });
  const apiKey = options.apiKey ?? readApiKey(settings, env);
  const workspaceDir =
    options.workspaceDir !== undefined
      ? options.workspaceDir
      : options.sandbox?.docker?.workspaceDir !== undefined
        ? options.sandbox.docker.workspaceDir
        : host.cwd;
  const base = settingsToOptions(
    settings,
    { ...(apiKey === undefined ? {} : { apiKey }), ...(options.secrets ? { secrets: options.secrets } : {}) },
    { workspaceDir },
  );
  // Options that are not settings (hooks, a model client, an inline script, sandbox hardening
  // beyond the config keys) pass through; settings come from `base`, which already holds the options' values.
  const { docker: dockerExtras, ...sandboxExtras } = options.sandbox ?? {};
  return freeze({
    ...options,
    ...base,
    backend: settings.backend,
    ...(typeof options.script === 'object' ? { script: options.script } : {}),
    prices: { ...settings.prices, ...options.prices },
    sandbox: { ...sandboxExtras, docker: { ...dockerExtras, ...base.sandbox?.docker } },
    settings,
  });
}

/** The options that are config keys, as the config layer spells them (the highest layer, like flags). */
function rawSettingsOf(options: RLMOptions): RawSettings {
  const docker = options.sandbox?.docker ?? {};
  return {
    backend: options.backend,
    model: options.model,
    sub_model: options.subModel,
    allowed_models: options.allowedModels?.join(','),
    base_url: options.baseUrl,
    script: typeof options.script === 'string' ? options.script : undefined,
    environment: options.environment,
    max_depth: options.maxDepth,
    max_iterations: options.maxIterations,
    timeout: options.timeout,
    exec_timeout: seconds('execTimeoutMs', options.execTimeoutMs),
    model_timeout: seconds('modelTimeoutMs', options.modelTimeoutMs),
    max_retries: options.maxRetries,
    max_tokens: options.maxTokens,
    max_cost_usd: options.maxCostUsd,
    max_sub_calls: options.maxSubCalls,
    max_consecutive_errors: options.maxConsecutiveErrors,
    max_output_tokens: options.maxOutputTokens,
    context_window: options.contextWindow,
    max_sub_call_prompt_chars: options.maxSubCallPromptChars,
    max_concurrency: options.maxConcurrency,
    batch_concurrency: options.batchConcurrency,
    log_dir: options.logDir,
    trajectory_format: options.trajectoryFormat,
    verbose: options.verbose,
    ...(options.maxCostUsdByDepth === undefined
      ? {}
      : { max_cost_usd_by_depth: stringKeys(options.maxCostUsdByDepth) }),
    ...(options.maxCostUsdByModel === undefined ? {} : { max_cost_usd_by_model: options.maxCostUsdByModel }),
    docker: {
      image: docker.image,
      network_mode: docker.networkMode,
      cpu_limit: docker.cpus,
      memory_limit: docker.memoryBytes,
      read_only: docker.readOnlyRootFs,
      pids_limit: docker.pidsLimit,
      tmpfs_size: docker.tmpfsBytes,
      writable_workspace: docker.workspaceWritable,
      workspace_mount: docker.workspaceMount,
      pull: docker.pull,
    },
  };
}

/** The config keys are in seconds; these options are whole milliseconds, so they are checked as such first. */
function seconds(option: string, ms: number | undefined): number | undefined {
  if (ms === undefined) return undefined;
  if (!Number.isInteger(ms) || ms < 1) {
    throw new ConfigError(`${option} must be a whole number of milliseconds >= 1, got ${String(ms)}`, {
      key: option,
      fix: `Set ${option} to an integer, e.g. 60000 for a minute.`,
    });
  }
  return ms / 1000;
}

function stringKeys(record: Record<number, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record));
}

/** Config key → the option that sets it, for error messages ("from option maxDepth"). */
const OPTION_NAMES: Record<string, string> = {
  sub_model: 'subModel',
  allowed_models: 'allowedModels',
  context_window: 'contextWindow',
  max_cost_usd_by_depth: 'maxCostUsdByDepth',
  max_cost_usd_by_model: 'maxCostUsdByModel',
  base_url: 'baseUrl',
  max_depth: 'maxDepth',
  max_iterations: 'maxIterations',
  exec_timeout: 'execTimeoutMs (/1000)',
  model_timeout: 'modelTimeoutMs (/1000)',
  max_retries: 'maxRetries',
  max_tokens: 'maxTokens',
  max_cost_usd: 'maxCostUsd',
  max_sub_calls: 'maxSubCalls',
  max_consecutive_errors: 'maxConsecutiveErrors',
  max_output_tokens: 'maxOutputTokens',
  max_sub_call_prompt_chars: 'maxSubCallPromptChars',
  max_concurrency: 'maxConcurrency',
  batch_concurrency: 'batchConcurrency',
  log_dir: 'logDir',
  trajectory_format: 'trajectoryFormat',
  'docker.network_mode': 'sandbox.docker.networkMode',
  'docker.cpu_limit': 'sandbox.docker.cpus',
  'docker.memory_limit': 'sandbox.docker.memoryBytes',
  'docker.read_only': 'sandbox.docker.readOnlyRootFs',
  'docker.pids_limit': 'sandbox.docker.pidsLimit',
  'docker.tmpfs_size': 'sandbox.docker.tmpfsBytes',
  'docker.writable_workspace': 'sandbox.docker.workspaceWritable',
  'docker.workspace_mount': 'sandbox.docker.workspaceMount',
  'docker.image': 'sandbox.docker.image',
  'docker.pull': 'sandbox.docker.pull',
};

function freeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null && !Object.isFrozen(child) && isPlain(child))
      freeze(child);
  }
  return Object.freeze(value);
}

/** Only plain data is frozen: a model client or an AbortSignal stays as it is. */
function isPlain(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null || Array.isArray(value);
}
