/**
 * `rlm run` flags that are settings, and the config key each one sets. Values
 * stay strings here: the config layer validates them like any other source,
 * so a bad flag gets the same message (and exit code 5) as a bad config value.
 */
import type { RawSettings } from '../config/settings.js';
import type { SettingKey } from '../config/keys.js';

export interface SettingFlag {
  /** Commander spelling, e.g. '--max-depth <n>'. */
  flag: string;
  /** Commander's camelCase property name for it. */
  property: string;
  key: SettingKey;
  description: string;
}

const flag = (flag: string, property: string, key: SettingKey, description: string): SettingFlag => ({
  flag,
  property,
  key,
  description,
});

export const SETTING_FLAGS: readonly SettingFlag[] = [
  flag('--backend <name>', 'backend', 'backend', 'anthropic | openai | litellm | scripted'),
  flag('--model <name>', 'model', 'model', 'root model'),
  flag('--sub-model <name>', 'subModel', 'sub_model', 'model for sub-calls (default: --model)'),
  flag('--base-url <url>', 'baseUrl', 'base_url', 'OpenAI-compatible endpoint (LiteLLM, vLLM, Ollama)'),
  flag(
    '--script <file>',
    'script',
    'script',
    'YAML script (or a recorded trajectory to replay) for the scripted backend',
  ),
  flag('--env <environment>', 'env', 'environment', 'docker | repl (repl runs code locally: unsafe)'),
  flag('--timeout <seconds>', 'timeout', 'timeout', 'wall-clock limit of the run'),
  flag('--exec-timeout <seconds>', 'execTimeout', 'exec_timeout', 'limit of one code block'),
  flag('--model-timeout <seconds>', 'modelTimeout', 'model_timeout', 'limit of one model request attempt'),
  flag('--max-retries <n>', 'maxRetries', 'max_retries', 'retries of a failed model request'),
  flag('--max-depth <n>', 'maxDepth', 'max_depth', 'deepest rlm_query recursion level'),
  flag('--max-iterations <n>', 'maxIterations', 'max_iterations', 'model turns per RLM node'),
  flag('--max-tokens <n>', 'maxTokens', 'max_tokens', 'total token budget ("none" for no cap)'),
  flag('--max-cost <usd>', 'maxCost', 'max_cost_usd', 'cost budget in USD ("none" for no cap)'),
  flag('--max-sub-calls <n>', 'maxSubCalls', 'max_sub_calls', 'total sub-calls allowed ("none" for no cap)'),
  flag('--image <image>', 'image', 'docker.image', 'sandbox image'),
  flag(
    '--runtime <runtime>',
    'runtime',
    'docker.runtime',
    'runc | runsc (gVisor, must be registered with Docker)',
  ),
  flag('--memory <size>', 'memory', 'docker.memory_limit', 'container memory, e.g. 512m, 1g'),
  flag('--cpus <n>', 'cpus', 'docker.cpu_limit', 'container CPUs, e.g. 0.5'),
  flag('--log-dir <dir>', 'logDir', 'log_dir', 'where trajectories are written'),
  flag('--trajectory-format <format>', 'trajectoryFormat', 'trajectory_format', 'jsonl | json'),
];

/** Boolean switches: present means true; absent leaves the key to the lower layers. */
export const SETTING_SWITCHES: readonly SettingFlag[] = [
  flag('--verbose', 'verbose', 'verbose', 'show model text, code and output; stack traces on errors'),
  flag('--writable', 'writable', 'docker.writable_workspace', 'mount the current directory read-write'),
];

const ALL_FLAGS = [...SETTING_FLAGS, ...SETTING_SWITCHES];

/** Parsed commander options → the flag layer of resolveSettings. */
export function flagsToRawSettings(options: Record<string, unknown>): RawSettings {
  const top: Record<string, string | boolean> = {};
  const docker: Record<string, string | boolean> = {};
  for (const { property, key } of ALL_FLAGS) {
    const value = options[property];
    if (typeof value !== 'string' && value !== true) continue;
    if (key.startsWith('docker.')) docker[key.slice('docker.'.length)] = value;
    else top[key] = value;
  }
  return { ...top, ...(Object.keys(docker).length > 0 ? { docker } : {}) };
}

/** The flag a config key came from, for error messages ("from flag --max-depth"). */
export function flagNameOf(key: string): string {
  if (key === 'mcp_servers') return '--mcp-config';
  const match = ALL_FLAGS.find((candidate) => candidate.key === key);
  return match ? (match.flag.split(' ')[0] ?? key) : `--${key}`;
}
