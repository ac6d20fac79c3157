/** Settings → the engine's RLMOptions. Secrets arrive separately so Settings stays printable. */
import { ConfigError } from '../errors.js';
import type { RLMOptions } from '../rlm-options.js';
import type { Settings } from './settings.js';
import { toMcpServerConfig } from '../tools/mcp-spec.js';

export interface RunSecrets {
  /** Provider key, read from the environment by the caller; absent for the scripted backend. */
  apiKey?: string;
  /** Other strings to redact from everything written (e.g. a GitHub token). */
  secrets?: string[];
}

export interface HostMounts {
  /** Host directory mounted at docker.workspace_mount (the CLI's current directory); null mounts nothing. */
  workspaceDir: string | null;
}

/**
 * For the CLI and the Action: checks what only a file-based front end can (a scripted run needs a script
 * file) and carries `settings` along, so the RLM uses them as they are instead of resolving again.
 */
export function toRLMOptions(
  settings: Settings,
  secrets: RunSecrets,
  mounts: HostMounts = { workspaceDir: null },
): RLMOptions {
  if (settings.backend === 'scripted' && settings.script === null) {
    throw new ConfigError('config key `script`: the scripted backend needs a script file', {
      key: 'script',
      fix: 'Pass --script FILE (a YAML file with a `responses:` list), or set `script:` in the config file.',
    });
  }
  return { ...settingsToOptions(settings, secrets, mounts), settings };
}

/** The engine options every setting maps to (the library adds its own extras on top). */
export function settingsToOptions(settings: Settings, secrets: RunSecrets, mounts: HostMounts): RLMOptions {
  const options: RLMOptions = {
    backend: settings.backend,
    environment: settings.environment,
    maxDepth: settings.maxDepth,
    maxIterations: settings.maxIterations,
    timeout: settings.timeoutSeconds,
    execTimeoutMs: Math.round(settings.execTimeoutSeconds * 1000),
    modelTimeoutMs: Math.round(settings.modelTimeoutSeconds * 1000),
    maxRetries: settings.maxRetries,
    maxConsecutiveErrors: settings.maxConsecutiveErrors,
    maxOutputTokens: settings.maxOutputTokens,
    maxSubCallPromptChars: settings.maxSubCallPromptChars,
    maxConcurrency: settings.maxConcurrency,
    batchConcurrency: settings.batchConcurrency,
    logDir: settings.logDir,
    trajectoryFormat: settings.trajectoryFormat,
    verbose: settings.verbose,
    prices: settings.prices,
    sandbox: {
      docker: {
        image: settings.docker.image,
        runtime: settings.docker.runtime,
        networkMode: settings.docker.networkMode,
        cpus: settings.docker.cpuLimit,
        memoryBytes: settings.docker.memoryBytes,
        readOnlyRootFs: settings.docker.readOnly,
        pidsLimit: settings.docker.pidsLimit,
        tmpfsBytes: settings.docker.tmpfsBytes,
        workspaceDir: mounts.workspaceDir,
        workspaceMount: settings.docker.workspaceMount,
        workspaceWritable: settings.docker.writableWorkspace,
        pull: settings.docker.pull,
      },
    },
  };
  // Optional engine options stay absent rather than undefined-valued: "not set" means the engine's default.
  if (settings.model !== null) options.model = settings.model;
  if (settings.subModel !== null) options.subModel = settings.subModel;
  if (settings.allowedModels.length > 0) options.allowedModels = settings.allowedModels;
  if (settings.baseUrl !== null) options.baseUrl = settings.baseUrl;
  if (settings.script !== null) options.script = settings.script;
  if (settings.maxTokens !== null) options.maxTokens = settings.maxTokens;
  if (settings.maxCostUsd !== null) options.maxCostUsd = settings.maxCostUsd;
  if (settings.maxSubCalls !== null) options.maxSubCalls = settings.maxSubCalls;
  if (Object.keys(settings.maxCostUsdByDepth).length > 0)
    options.maxCostUsdByDepth = Object.fromEntries(
      Object.entries(settings.maxCostUsdByDepth).map(([depth, usd]) => [Number(depth), usd]),
    );
  if (Object.keys(settings.maxCostUsdByModel).length > 0)
    options.maxCostUsdByModel = settings.maxCostUsdByModel;
  if (settings.contextWindow !== null) options.contextWindow = settings.contextWindow;
  if (Object.keys(settings.mcpServers).length > 0) {
    options.mcpServers = Object.fromEntries(
      Object.entries(settings.mcpServers).map(([name, spec]) => [name, toMcpServerConfig(spec)]),
    );
  }
  if (secrets.apiKey !== undefined) options.apiKey = secrets.apiKey;
  if (secrets.secrets !== undefined && secrets.secrets.length > 0) options.secrets = secrets.secrets;
  return options;
}
