/**
 * Reads every action input once into one typed object (as actions/checkout does). Nothing else in the
 * action calls core.getInput.
 *
 * Engine inputs (backend, model, limits, docker...) default to empty in action.yml so that "not set" is
 * visible here: unset ones fall through to `.github/rlm.yml` on the default branch, then to the engine's
 * defaults. They stay raw strings here; the shared config layer validates them with the same rules as the
 * CLI (src/config).
 */
import * as core from '@actions/core';
import { ConfigError } from '../../errors.js';
import type { RawSettings } from '../../config/index.js';

export interface ProviderKeys {
  anthropic: string;
  openai: string;
  litellm: string;
}

export interface ActionInputs {
  task: string;
  /** Paths or globs (relative to the workspace) that become the REPL's `context`. */
  context: string[];
  /** Add the pull request's diff (fetched read-only through the API) to the context. */
  contextPrDiff: boolean;
  /** Engine settings given as inputs; only the ones set. */
  engine: RawSettings;
  /** Offer model code the read-only GitHub context tools (PR conversation, linked issues, checks, files). */
  githubContextTools: boolean;
  /** Inline `{"mcpServers": {...}}` JSON (never a path: a file in the checkout could come from a PR's head). */
  mcpConfig: string;
  keys: ProviderKeys;
  githubToken: string;
  trigger: string;
  /** Label that runs an issue's or PR's title and body as the task; '' = off. */
  labelTrigger: string;
  allowedUsers: string[];
  allowedBots: string[];
  allowedModels: string[];
  /** Highest `--max-depth` a comment may ask for. */
  maxDepthCap: number;
  allowEdited: boolean;
  comment: boolean;
  uploadArtifact: boolean;
  artifactName: string;
  auditIssueTitle: string;
  /** A limit hit (budget, iterations, timeout) fails the step. */
  failOnLimit: boolean;
  /** Minimum seconds between two edits of the progress comment. */
  progressIntervalSeconds: number;
  /** JSON Schema of the final answer, inline or a workspace path; '' for free text. */
  outputSchema: string;
  /** Budget over every run on one pull request (USD), or null. */
  maxCostPerPrUsd: number | null;
  /** Budget of scheduled runs per UTC day (USD), or null. */
  maxDailyCostUsd: number | null;
}

type InputReader = (name: string) => string;

const defaultReader: InputReader = (name) => core.getInput(name);

/** Engine inputs and the config key each one sets. */
export const ENGINE_INPUTS = {
  backend: 'backend',
  model: 'model',
  'sub-model': 'sub_model',
  'base-url': 'base_url',
  script: 'script',
  environment: 'environment',
  'max-depth': 'max_depth',
  'max-iterations': 'max_iterations',
  timeout: 'timeout',
  'max-cost-usd': 'max_cost_usd',
  'max-tokens': 'max_tokens',
} as const;

export const DOCKER_INPUTS = {
  image: 'image',
  runtime: 'runtime',
  memory: 'memory_limit',
  cpus: 'cpu_limit',
  'writable-workspace': 'writable_workspace',
} as const;

/** The input that set a config key, for error messages ("input max-depth"). */
export function inputNameOf(key: string): string {
  const all: Record<string, string> = { ...ENGINE_INPUTS };
  for (const [input, dockerKey] of Object.entries(DOCKER_INPUTS)) all[input] = `docker.${dockerKey}`;
  const found = Object.entries(all).find(([, configKey]) => configKey === key);
  return `input \`${found ? found[0] : key}\``;
}

export function parseList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  const normalized = value.trim().toLowerCase();
  if (normalized === '') return fallback;
  if (['true', 'yes', 'on', '1'].includes(normalized)) return true;
  if (['false', 'no', 'off', '0'].includes(normalized)) return false;
  throw new ConfigError(`input \`${name}\` must be true or false, got "${value}"`, { key: name });
}

function parseNumber(name: string, value: string, fallback: number, min: number, max: number): number {
  if (value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(`input \`${name}\` must be a number from ${min} to ${max}, got "${value}"`, {
      key: name,
    });
  }
  return parsed;
}

function parseBudget(name: string, value: string): number | null {
  if (value.trim() === '') return null;
  return parseNumber(name, value, 0, 0, 1_000_000);
}

export function readInputs(read: InputReader = defaultReader): ActionInputs {
  const get = (name: string): string => read(name).trim();
  const engine: RawSettings = {};
  const engineValues = engine as Record<string, string>;
  for (const [input, key] of Object.entries(ENGINE_INPUTS)) {
    const value = get(input);
    if (value !== '') engineValues[key] = value;
  }
  const docker: Record<string, string> = {};
  for (const [input, key] of Object.entries(DOCKER_INPUTS)) {
    const value = get(input);
    if (value !== '') docker[key] = value;
  }
  if (Object.keys(docker).length > 0) engine.docker = docker;

  return {
    task: read('task').trim(),
    context: parseList(get('context')),
    contextPrDiff: parseBoolean('context-pr-diff', get('context-pr-diff'), true),
    engine,
    mcpConfig: get('mcp-config'),
    githubContextTools: parseBoolean('github-tools', get('github-tools'), true),
    keys: {
      anthropic: get('anthropic-api-key'),
      openai: get('openai-api-key'),
      litellm: get('litellm-api-key'),
    },
    githubToken: get('github-token'),
    trigger: get('trigger') || '/rlm run',
    labelTrigger: get('label-trigger'),
    allowedUsers: parseList(get('allowed-users')),
    allowedBots: parseList(get('allowed-bots')),
    allowedModels: parseList(get('allowed-models')),
    maxDepthCap: parseNumber('max-depth-cap', get('max-depth-cap'), 3, 0, 10),
    allowEdited: parseBoolean('allow-edited', get('allow-edited'), false),
    comment: parseBoolean('comment', get('comment'), true),
    uploadArtifact: parseBoolean('upload-artifact', get('upload-artifact'), true),
    artifactName: get('artifact-name') || 'rlm-trajectory',
    auditIssueTitle: get('audit-issue-title') || 'RLM scheduled audit',
    failOnLimit: parseBoolean('fail-on-limit', get('fail-on-limit'), true),
    progressIntervalSeconds: parseNumber('progress-interval', get('progress-interval'), 15, 0, 3600),
    outputSchema: get('output-schema'),
    maxCostPerPrUsd: parseBudget('max-cost-per-pr-usd', get('max-cost-per-pr-usd')),
    maxDailyCostUsd: parseBudget('max-daily-cost-usd', get('max-daily-cost-usd')),
  };
}

/** Variables a workflow may use to hand the action a key or token instead of an input. */
export const SECRET_ENV_VARS = [
  'ANTHROPIC_API_KEY',
  'OPENAI_API_KEY',
  'LITELLM_API_KEY',
  'GITHUB_TOKEN',
] as const;

/** Every key and token (inputs, and the variables above), for core.setSecret and the redactors. */
export function secretValues(
  inputs: ActionInputs,
  env: Readonly<Record<string, string | undefined>> = {},
): string[] {
  const values = [
    inputs.keys.anthropic,
    inputs.keys.openai,
    inputs.keys.litellm,
    inputs.githubToken,
    ...SECRET_ENV_VARS.map((name) => env[name]?.trim() ?? ''),
  ];
  return [...new Set(values.filter((value) => value !== ''))];
}
