/**
 * One validated, typed Settings object from four layers, highest first:
 * flags (or action inputs) > environment (RLM_*) > config file > defaults.
 *
 * Environment-agnostic on purpose: the CLI feeds it argv and ~/.rlm/config.yaml,
 * the Action feeds it its inputs and .github/rlm.yml. The only side effect is
 * reading the file, through an injectable reader.
 */
import type { Backend } from '../models/types.js';
import { ConfigError } from '../errors.js';
import { coerceSetting, type SettingValue } from './coerce.js';
import { parseConfigFile, readConfigFileFromDisk, type ConfigFileReader } from './config-file.js';
import { SETTING_KEYS, SETTING_KEY_NAMES, type FlatSettings, type Section, type SettingKey } from './keys.js';
import { layerFromEnv, layerFromObject, type Layer } from './layer.js';
import type { ModelPriceOverride } from '../rlm-options.js';
import { parsePrices } from './prices.js';
import { parseMcpServers, type McpServerSpec } from '../tools/mcp-spec.js';
import { COST_CAP_KEYS, parseCostCaps, type CostCapKey } from './cost-caps.js';
import { describeSource, type SettingSource } from './source.js';

export interface DockerSettings {
  image: string;
  runtime: 'runc' | 'runsc';
  networkMode: 'none' | 'bridge' | 'host';
  cpuLimit: number;
  memoryBytes: number;
  /** Read-only root filesystem. */
  readOnly: boolean;
  pidsLimit: number;
  tmpfsBytes: number;
  writableWorkspace: boolean;
  /** Where the project directory is mounted in the container. */
  workspaceMount: string;
  pull: boolean;
}

/** `rlm visualize`'s listening address. */
export interface VizSettings {
  host: string;
  port: number;
}

export interface Settings {
  backend: Backend;
  /** null: the backend's default model. */
  model: string | null;
  /** null: same as `model`. */
  subModel: string | null;
  /** Models code may name with model= besides model and sub_model (from the comma-separated key). */
  allowedModels: string[];
  baseUrl: string | null;
  /** Name of the variable holding the API key; null: the backend's standard variable. */
  apiKeyEnv: string | null;
  /** Script for the scripted backend. */
  script: string | null;
  environment: 'docker' | 'repl';
  maxDepth: number;
  maxIterations: number;
  timeoutSeconds: number;
  execTimeoutSeconds: number;
  modelTimeoutSeconds: number;
  maxRetries: number;
  /** null = no cap. */
  maxTokens: number | null;
  maxCostUsd: number | null;
  /** USD per depth (keys "0", "1", ...); empty: no such cap. */
  maxCostUsdByDepth: Record<string, number>;
  /** USD per model name; empty: no such cap. */
  maxCostUsdByModel: Record<string, number>;
  maxSubCalls: number | null;
  maxConsecutiveErrors: number;
  maxOutputTokens: number;
  /** null: the model's window from the built-in table. */
  contextWindow: number | null;
  maxSubCallPromptChars: number;
  maxConcurrency: number;
  batchConcurrency: number;
  logDir: string;
  trajectoryFormat: 'jsonl' | 'json';
  verbose: boolean;
  docker: DockerSettings;
  viz: VizSettings;
  /** Overrides of the built-in price table, USD per million tokens. */
  prices: Record<string, ModelPriceOverride>;
  /** MCP servers whose tools model code may call; secrets still as `${NAME}` references. */
  mcpServers: Record<string, McpServerSpec>;
  /** Where each key's value came from (for `--verbose` and error messages). */
  sources: Record<SettingKey, SettingSource>;
  /** The config file that was read, if one existed. */
  configFile: string | null;
}

type RawScalar = string | number | boolean | null;
type TopLevelKey = Exclude<SettingKey, `${Section}.${string}`>;
type SectionKey<S extends Section> = SettingKey extends infer K
  ? K extends `${S}.${infer Child}`
    ? Child
    : never
  : never;

/** Settings as a file, flags or action inputs spell them: snake_case, strings allowed everywhere. */
export type RawSettings = { [K in TopLevelKey]?: RawScalar } & {
  [S in Section]?: { [K in SectionKey<S>]?: RawScalar };
} & {
  prices?: Record<string, Record<string, number | string>>;
  /** `{name: {command, args, env} | {url, headers}}`, validated like the file's `mcp_servers:`. */
  mcp_servers?: Record<string, unknown>;
} & { [K in CostCapKey]?: Record<string, number | string> | string };

export interface ResolveSettingsOptions {
  /** Config file path; null or undefined reads no file. */
  file?: string | null;
  /** Fail when `file` does not exist (it was named explicitly); otherwise a missing file is skipped. */
  fileRequired?: boolean;
  env: Record<string, string | undefined>;
  flags: RawSettings;
  /** How the user spelt a flag key ("--max-depth", "input max-depth"), for error messages. */
  flagName?: (key: string) => string;
  readFile?: ConfigFileReader;
}

export function resolveSettings(options: ResolveSettingsOptions): Settings {
  const readFile = options.readFile ?? readConfigFileFromDisk;
  let fileLayer: Layer | undefined;
  let configFile: string | null = null;
  if (options.file) {
    const text = readFile(options.file);
    if (text === undefined && options.fileRequired) {
      throw new ConfigError(`config file ${options.file} does not exist`, {
        fix: 'Create it with `rlm init`, or unset RLM_CONFIG to use ~/.rlm/config.yaml.',
      });
    }
    if (text !== undefined) {
      fileLayer = parseConfigFile(text, options.file);
      configFile = options.file;
    }
  }
  const flagName = options.flagName ?? ((key: string) => `--${key}`);
  const flagLayer = layerFromObject(options.flags, (key) => ({ kind: 'flag', name: flagName(key) }));
  const layers = [flagLayer, layerFromEnv(options.env), ...(fileLayer ? [fileLayer] : [])];

  const values: Partial<Record<SettingKey, SettingValue>> = {};
  const sources: Partial<Record<SettingKey, SettingSource>> = {};
  for (const key of SETTING_KEY_NAMES) {
    const layer = layers.find((candidate) => candidate.values[key] !== undefined);
    const source: SettingSource = layer ? layer.sourceOf(key) : { kind: 'default' };
    values[key] = layer
      ? coerceSetting(key, SETTING_KEYS[key].spec, layer.values[key], source)
      : SETTING_KEYS[key].default;
    sources[key] = source;
  }
  // Prices merge per model: a flag layer's entry for a model beats the file's.
  const prices = {
    ...parseFileLayerPrices(fileLayer),
    ...parsePrices(flagLayer.prices, flagLayer.sourceOf('prices')),
  };
  // Cost caps merge per entry the same way.
  const costCaps = Object.fromEntries(
    COST_CAP_KEYS.map((key) => [
      key,
      {
        ...(fileLayer ? parseCostCaps(key, fileLayer.costCaps[key], fileLayer.sourceOf(key)) : {}),
        ...parseCostCaps(key, flagLayer.costCaps[key], flagLayer.sourceOf(key)),
      },
    ]),
  ) as Record<CostCapKey, Record<string, number>>;
  // MCP servers merge per server name the same way.
  const mcpServers = {
    ...parseLayerMcpServers(fileLayer),
    ...parseLayerMcpServers(flagLayer),
  };
  // Built once, never changed after: everything downstream reads the same values.
  return deepFreeze({
    ...toSettings(values as FlatSettings, sources as Record<SettingKey, SettingSource>, prices, configFile),
    maxCostUsdByDepth: costCaps.max_cost_usd_by_depth,
    maxCostUsdByModel: costCaps.max_cost_usd_by_model,
    mcpServers,
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function parseLayerMcpServers(layer: Layer | undefined): Record<string, McpServerSpec> {
  return layer ? parseMcpServers(layer.mcpServers, describeSource(layer.sourceOf('mcp_servers'))) : {};
}

function parseFileLayerPrices(layer: Layer | undefined): Record<string, ModelPriceOverride> {
  return layer ? parsePrices(layer.prices, layer.sourceOf('prices')) : {};
}

function toSettings(
  flat: FlatSettings,
  sources: Record<SettingKey, SettingSource>,
  prices: Record<string, ModelPriceOverride>,
  configFile: string | null,
): Omit<Settings, 'mcpServers'> {
  return {
    backend: flat.backend,
    model: flat.model,
    subModel: flat.sub_model,
    allowedModels: (flat.allowed_models ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
    baseUrl: flat.base_url,
    apiKeyEnv: flat.api_key_env,
    script: flat.script,
    environment: flat.environment,
    maxDepth: flat.max_depth,
    maxIterations: flat.max_iterations,
    timeoutSeconds: flat.timeout,
    execTimeoutSeconds: flat.exec_timeout,
    modelTimeoutSeconds: flat.model_timeout,
    maxRetries: flat.max_retries,
    maxTokens: flat.max_tokens,
    maxCostUsd: flat.max_cost_usd,
    maxCostUsdByDepth: {},
    maxCostUsdByModel: {},
    maxSubCalls: flat.max_sub_calls,
    maxConsecutiveErrors: flat.max_consecutive_errors,
    maxOutputTokens: flat.max_output_tokens,
    contextWindow: flat.context_window,
    maxSubCallPromptChars: flat.max_sub_call_prompt_chars,
    maxConcurrency: flat.max_concurrency,
    batchConcurrency: flat.batch_concurrency,
    logDir: flat.log_dir,
    trajectoryFormat: flat.trajectory_format,
    verbose: flat.verbose,
    docker: {
      image: flat['docker.image'],
      runtime: flat['docker.runtime'],
      networkMode: flat['docker.network_mode'],
      cpuLimit: flat['docker.cpu_limit'],
      memoryBytes: flat['docker.memory_limit'],
      readOnly: flat['docker.read_only'],
      pidsLimit: flat['docker.pids_limit'],
      tmpfsBytes: flat['docker.tmpfs_size'],
      writableWorkspace: flat['docker.writable_workspace'],
      workspaceMount: flat['docker.workspace_mount'],
      pull: flat['docker.pull'],
    },
    viz: { host: flat['viz.host'], port: flat['viz.port'] },
    prices,
    sources,
    configFile,
  };
}
