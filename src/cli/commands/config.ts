/**
 * `rlm config`: the effective settings and where each value came from, to
 * answer "why is it using that?" without guessing. Settings hold no secrets;
 * the API key is only reported as set or not.
 */
import { readApiKey } from '../../config/api-key.js';
import { SETTING_KEY_NAMES, SETTING_KEYS, type SettingKey } from '../../config/keys.js';
import type { RawSettings, Settings } from '../../config/settings.js';
import { describeSource } from '../../config/source.js';
import { formatByteSize } from '../../config/units.js';
import type { CliIo } from '../io.js';
import { loadSettings } from '../load-settings.js';
import { flagsToRawSettings } from '../run-flags.js';

export function configCommand(
  io: CliIo,
  options: Record<string, unknown> & { json?: boolean },
  configFlag: string | undefined,
): number {
  const flags: RawSettings = flagsToRawSettings(options);
  const settings = loadSettings(io, flags, configFlag);
  const apiKeySet = readApiKey(settings, io.env) !== undefined;
  const entries = SETTING_KEY_NAMES.map((key) => ({
    key,
    value: valueOf(settings, key),
    source: describeSource(settings.sources[key]),
  }));
  if (options.json === true) {
    const json = Object.fromEntries(entries.map(({ key, value, source }) => [key, { value, source }]));
    io.stdout.write(
      `${JSON.stringify({ config_file: settings.configFile, settings: json, prices: settings.prices, mcp_servers: settings.mcpServers, api_key_set: apiKeySet })}\n`,
    );
    return 0;
  }
  const width = Math.max(...entries.map(({ key }) => key.length));
  const lines = [`config file: ${settings.configFile ?? '(none)'}`];
  for (const { key, value, source } of entries) {
    const shown =
      SETTING_KEYS[key].spec.kind === 'size' && typeof value === 'number'
        ? formatByteSize(value)
        : String(value);
    lines.push(`${key.padEnd(width)}  ${shown}  (${source})`);
  }
  for (const model of Object.keys(settings.prices)) lines.push(`prices.${model}  (overridden)`);
  for (const [depth, usd] of Object.entries(settings.maxCostUsdByDepth))
    lines.push(`max_cost_usd_by_depth.${depth}  ${usd}`);
  for (const [model, usd] of Object.entries(settings.maxCostUsdByModel))
    lines.push(`max_cost_usd_by_model.${model}  ${usd}`);
  // Specs hold `${NAME}` references, never the secrets themselves: printing them is safe.
  for (const [name, spec] of Object.entries(settings.mcpServers)) {
    const where = spec.transport === 'stdio' ? [spec.command, ...spec.args].join(' ') : spec.url;
    const tools = spec.allowedTools === null ? 'all tools' : `tools: ${spec.allowedTools.join(', ')}`;
    lines.push(`mcp_servers.${name}  ${spec.transport} ${where}  (${tools})`);
  }
  lines.push(`api key: ${apiKeySet ? 'set' : 'not set'}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function valueOf(settings: Settings, key: SettingKey): string | number | boolean | null {
  const flat: Record<SettingKey, string | number | boolean | null> = {
    backend: settings.backend,
    model: settings.model,
    sub_model: settings.subModel,
    allowed_models: settings.allowedModels.length > 0 ? settings.allowedModels.join(',') : null,
    base_url: settings.baseUrl,
    api_key_env: settings.apiKeyEnv,
    script: settings.script,
    environment: settings.environment,
    max_depth: settings.maxDepth,
    max_iterations: settings.maxIterations,
    timeout: settings.timeoutSeconds,
    exec_timeout: settings.execTimeoutSeconds,
    model_timeout: settings.modelTimeoutSeconds,
    max_retries: settings.maxRetries,
    max_tokens: settings.maxTokens,
    max_cost_usd: settings.maxCostUsd,
    max_sub_calls: settings.maxSubCalls,
    max_consecutive_errors: settings.maxConsecutiveErrors,
    max_output_tokens: settings.maxOutputTokens,
    context_window: settings.contextWindow,
    max_sub_call_prompt_chars: settings.maxSubCallPromptChars,
    max_concurrency: settings.maxConcurrency,
    batch_concurrency: settings.batchConcurrency,
    log_dir: settings.logDir,
    trajectory_format: settings.trajectoryFormat,
    verbose: settings.verbose,
    'docker.image': settings.docker.image,
    'docker.runtime': settings.docker.runtime,
    'docker.network_mode': settings.docker.networkMode,
    'docker.cpu_limit': settings.docker.cpuLimit,
    'docker.memory_limit': settings.docker.memoryBytes,
    'docker.read_only': settings.docker.readOnly,
    'docker.pids_limit': settings.docker.pidsLimit,
    'docker.tmpfs_size': settings.docker.tmpfsBytes,
    'docker.writable_workspace': settings.docker.writableWorkspace,
    'docker.workspace_mount': settings.docker.workspaceMount,
    'docker.pull': settings.docker.pull,
    'viz.host': settings.viz.host,
    'viz.port': settings.viz.port,
  };
  return flat[key];
}
