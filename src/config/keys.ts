/**
 * Every config key, once: its type, allowed values, default and meaning. The
 * file parser, the environment reader, the validator, `rlm init`'s template and
 * docs/cli.md all follow this table, so a key cannot exist in one and not the others.
 *
 * Keys are the file's snake_case paths ("docker.memory_limit"); the part
 * before the dot is a section (NESTED_SECTIONS below). `prices` is a
 * map and is handled on its own (src/config/prices.ts).
 */

export type ValueSpec =
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | {
      readonly kind: 'string';
      readonly nullable?: true;
      readonly pattern?: RegExp;
      readonly patternHint?: string;
    }
  | { readonly kind: 'url'; readonly nullable: true }
  | { readonly kind: 'integer'; readonly min: number; readonly max?: number; readonly nullable?: true }
  | {
      readonly kind: 'number';
      readonly min: number;
      readonly minExclusive?: true;
      readonly max?: number;
      readonly nullable?: true;
    }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'size'; readonly min: number };

export interface KeySpec {
  readonly spec: ValueSpec;
  /** The value used when no layer sets the key; sizes in bytes. */
  readonly default: string | number | boolean | null;
  /** One line for the config template and the docs, units included. */
  readonly doc: string;
}

import { DEFAULT_IMAGE } from '../sandbox/default-image.js';

const MB = 1024 ** 2;

export const SETTING_KEYS = {
  backend: {
    spec: { kind: 'enum', values: ['anthropic', 'openai', 'litellm', 'scripted'] },
    default: 'anthropic',
    doc: 'Model provider. scripted replays a YAML script offline (needs `script`).',
  },
  model: {
    spec: { kind: 'string', nullable: true },
    default: null,
    doc: "Root model name; null uses the backend's default model.",
  },
  sub_model: {
    spec: { kind: 'string', nullable: true },
    default: null,
    doc: 'Model for llm_query / rlm_query sub-calls; null uses `model`.',
  },
  allowed_models: {
    spec: { kind: 'string', nullable: true },
    default: null,
    doc: 'More models code may name in llm_query(prompt, model=...), comma-separated; model and sub_model are always allowed, others get an error string. Under max_cost_usd a model without a known price stays refused.',
  },
  base_url: {
    spec: { kind: 'url', nullable: true },
    default: null,
    doc: 'API endpoint for OpenAI-compatible servers (LiteLLM proxy, vLLM, Ollama); null uses the provider default.',
  },
  api_key_env: {
    spec: {
      kind: 'string',
      nullable: true,
      pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
      patternHint: 'an environment variable name',
    },
    default: null,
    doc: 'Name of the environment variable holding the API key; null uses ANTHROPIC_API_KEY / OPENAI_API_KEY / LITELLM_API_KEY. Keys never live in this file.',
  },
  script: {
    spec: { kind: 'string', nullable: true },
    default: null,
    doc: 'Script for the scripted backend: a YAML file of replies, or a recorded trajectory to replay (path, relative to the current directory).',
  },
  environment: {
    spec: { kind: 'enum', values: ['docker', 'repl'] },
    default: 'docker',
    doc: 'Where model code runs: docker (hardened container) or repl (local python3; UNSAFE for untrusted code).',
  },
  max_depth: {
    spec: { kind: 'integer', min: 0, max: 10 },
    default: 4,
    doc: 'Deepest recursion level for rlm_query; at this depth a sub-call becomes a plain completion.',
  },
  max_iterations: {
    spec: { kind: 'integer', min: 1, max: 1000 },
    default: 30,
    doc: 'Model turns per RLM node before the run stops with its best partial answer.',
  },
  timeout: {
    spec: { kind: 'number', min: 0, minExclusive: true, max: 86_400 },
    default: 300,
    doc: 'Wall-clock limit for the whole run, in seconds.',
  },
  exec_timeout: {
    spec: { kind: 'number', min: 0, minExclusive: true, max: 86_400 },
    default: 60,
    doc: 'Limit for one code block, in seconds; on expiry the REPL is restarted and state is lost.',
  },
  model_timeout: {
    spec: { kind: 'number', min: 0, minExclusive: true, max: 3_600 },
    default: 120,
    doc: 'Per-attempt limit of one model request, in seconds (when streaming: the longest silence between events); a timed-out attempt is retried.',
  },
  max_retries: {
    spec: { kind: 'integer', min: 0, max: 20 },
    default: 4,
    doc: 'Retries of a model request after 429, 5xx, overloaded and connection errors, with backoff honouring retry-after.',
  },
  max_tokens: {
    spec: { kind: 'integer', min: 1, nullable: true },
    default: null,
    doc: 'Total token budget (input + output, all calls at every depth); null for no cap.',
  },
  max_cost_usd: {
    spec: { kind: 'number', min: 0, minExclusive: true, nullable: true },
    default: 2,
    doc: 'Cost budget in US dollars for all calls at every depth; null for no cap.',
  },
  max_sub_calls: {
    spec: { kind: 'integer', min: 0, nullable: true },
    default: 500,
    doc: 'Total llm_query / rlm_query sub-calls allowed in one run; null for no cap.',
  },
  max_consecutive_errors: {
    spec: { kind: 'integer', min: 1, max: 100 },
    default: 3,
    doc: 'Failed turns in a row (code errors, replies without code or answer) before the run stops.',
  },
  max_output_tokens: {
    spec: { kind: 'integer', min: 1, max: 1_000_000 },
    default: 4096,
    doc: 'max_tokens sent with every model call.',
  },
  context_window: {
    spec: { kind: 'integer', min: 1024, nullable: true },
    default: null,
    doc: "Context window in tokens that sizes each node's history budget; null uses the model's from the built-in table (128000 for models it does not know).",
  },
  max_sub_call_prompt_chars: {
    spec: { kind: 'integer', min: 1 },
    default: 100_000,
    doc: 'Largest sub-call prompt, in characters; larger ones return an error string to the code.',
  },
  max_concurrency: {
    spec: { kind: 'integer', min: 1, max: 256 },
    default: 8,
    doc: 'Model calls in flight at once over the whole run.',
  },
  batch_concurrency: {
    spec: { kind: 'integer', min: 1, max: 256 },
    default: 8,
    doc: 'Items of one llm_query_batched / rlm_query_batched call in flight at once.',
  },
  log_dir: {
    spec: { kind: 'string' },
    default: './logs',
    doc: 'Directory for trajectory files (relative to the current directory).',
  },
  trajectory_format: {
    spec: { kind: 'enum', values: ['jsonl', 'json'] },
    default: 'jsonl',
    doc: 'jsonl (one object per line, crash-safe) or json (pretty-printed).',
  },
  verbose: {
    spec: { kind: 'boolean' },
    default: false,
    doc: 'Show model text and code with its output while running, and stack traces on errors.',
  },
  'docker.image': {
    spec: { kind: 'string' },
    default: DEFAULT_IMAGE,
    doc: 'Sandbox image; needs python3. The default has pytest, numpy, pandas and matplotlib (`rlm image build` builds it offline).',
  },
  'docker.runtime': {
    spec: { kind: 'enum', values: ['runc', 'runsc'] },
    default: 'runc',
    doc: 'Container runtime. runsc runs the sandbox under gVisor (a user-space kernel); it must be registered with Docker.',
  },
  'docker.network_mode': {
    spec: { kind: 'enum', values: ['none', 'bridge', 'host'] },
    default: 'none',
    doc: 'Container network. none keeps model code offline; model calls are made by the host either way.',
  },
  'docker.cpu_limit': {
    spec: { kind: 'number', min: 0.01, max: 1024 },
    default: 2,
    doc: 'CPUs for the container (fractions allowed, e.g. 0.5).',
  },
  'docker.memory_limit': {
    spec: { kind: 'size', min: 64 * MB },
    default: 2048 * MB,
    doc: 'Container memory, swap included (bytes or with unit: 512m, 1g).',
  },
  'docker.read_only': {
    spec: { kind: 'boolean' },
    default: true,
    doc: 'Read-only root filesystem (scratch space is the /tmp tmpfs).',
  },
  'docker.pids_limit': {
    spec: { kind: 'integer', min: 16, max: 65_536 },
    default: 128,
    doc: 'Processes and threads the container may run.',
  },
  'docker.tmpfs_size': {
    spec: { kind: 'size', min: 1 * MB },
    default: 256 * MB,
    doc: 'Size of the noexec /tmp tmpfs; counts against memory (bytes or with unit).',
  },
  'docker.writable_workspace': {
    spec: { kind: 'boolean' },
    default: false,
    doc: 'Mount the current directory at docker.workspace_mount read-write (default read-only).',
  },
  'docker.workspace_mount': {
    spec: {
      kind: 'string',
      pattern: /^(\/[\w.-]+)+\/?$/,
      patternHint: 'an absolute path in the container, e.g. /workspace',
    },
    default: '/workspace',
    doc: 'Where the current directory is mounted in the container (read-only unless writable_workspace).',
  },
  'docker.pull': {
    spec: { kind: 'boolean' },
    default: true,
    doc: 'Pull the image when it is not present locally.',
  },
  'viz.host': {
    spec: {
      kind: 'string',
      pattern: /^[A-Za-z0-9.:[\]-]+$/,
      patternHint: 'a host name or IP address, e.g. localhost',
    },
    default: 'localhost',
    doc: 'Address `rlm visualize` listens on; anything but localhost / 127.0.0.1 exposes your trajectories to the network.',
  },
  'viz.port': {
    spec: { kind: 'integer', min: 0, max: 65_535 },
    default: 8501,
    doc: 'Port of `rlm visualize` (0: any free port).',
  },
} as const satisfies Record<string, KeySpec>;

export type SettingKey = keyof typeof SETTING_KEYS;

/** The file's nested maps: `docker: { image: x }` is the key `docker.image`. */
export const NESTED_SECTIONS = ['docker', 'viz'] as const;
export type Section = (typeof NESTED_SECTIONS)[number];

export const SETTING_KEY_NAMES = Object.keys(SETTING_KEYS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_KEYS, key);
}

/** RLM_ + the key path in capitals: docker.memory_limit → RLM_DOCKER_MEMORY_LIMIT. */
export function envVarName(key: SettingKey): string {
  return `RLM_${key.replace(/\./g, '_').toUpperCase()}`;
}

type SpecValue<S> = S extends { kind: 'enum'; values: readonly (infer V)[] }
  ? V
  : S extends { kind: 'integer' | 'number' | 'size' }
    ? number
    : S extends { kind: 'boolean' }
      ? boolean
      : string;

type WithNull<S, T> = S extends { nullable: true } ? T | null : T;

/** The validated value of every key, flat and typed (sizes in bytes). */
export type FlatSettings = {
  [K in SettingKey]: WithNull<(typeof SETTING_KEYS)[K]['spec'], SpecValue<(typeof SETTING_KEYS)[K]['spec']>>;
};
