/**
 * Turns inputs, the comment's allowed flags and `.github/rlm.yml` into the engine's options, through the
 * same config layer (and validation) as the CLI: comment flags > inputs > .github/rlm.yml > defaults.
 *
 * `.github/rlm.yml` is read from the DEFAULT BRANCH through the contents API, never from the checked-out
 * tree or a pull request's head: a PR cannot change the image, base URL or budget it runs with.
 */
import { join, resolve } from 'node:path';
import { ConfigError } from '../../errors.js';
import { resolveSettings, toRLMOptions, type RawSettings, type Settings } from '../../config/index.js';
import { API_KEY_ENV } from '../../models/api-key.js';
import type { RLMOptions } from '../../rlm-options.js';
import type { CommandOverrides } from '../triggers/command.js';
import type { GitHubPort } from '../github/github-port.js';
import { inputNameOf, type ActionInputs } from './inputs.js';

export const REPO_CONFIG_PATH = '.github/rlm.yml';

export interface RunEnvironment {
  workspace: string;
  runnerTemp: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Extra labels on the sandbox containers (the post step finds this job's leftovers by them). */
  containerLabels: Record<string, string>;
}

export interface RunSettings {
  settings: Settings;
  options: RLMOptions;
  /** Where the repository defaults came from, e.g. "main:.github/rlm.yml", or null when there are none. */
  repoConfig: string | null;
  /** A comment asked for more iterations than configured; it was lowered to the configured value. */
  notes: string[];
}

export async function readRepoConfig(
  github: Pick<GitHubPort, 'getDefaultBranch' | 'getFileText'>,
  defaultBranch: string | null,
): Promise<{ ref: string; text: string | null }> {
  const ref = defaultBranch ?? (await github.getDefaultBranch());
  return { ref, text: await github.getFileText(REPO_CONFIG_PATH, ref) };
}

function withOverrides(engine: RawSettings, overrides: CommandOverrides): RawSettings {
  const flags: RawSettings = { ...engine };
  if (overrides.maxDepth !== undefined) flags.max_depth = overrides.maxDepth;
  if (overrides.model !== undefined) flags.model = overrides.model;
  if (overrides.subModel !== undefined) flags.sub_model = overrides.subModel;
  return flags;
}

function providerKey(
  inputs: ActionInputs,
  settings: Settings,
  env: RunEnvironment['env'],
): string | undefined {
  const fromInput =
    settings.backend === 'anthropic'
      ? inputs.keys.anthropic
      : settings.backend === 'openai'
        ? inputs.keys.openai
        : settings.backend === 'litellm'
          ? inputs.keys.litellm
          : '';
  if (fromInput) return fromInput;
  const variable = settings.apiKeyEnv ?? API_KEY_ENV[settings.backend];
  const fromEnv = variable ? env[variable]?.trim() : undefined;
  return fromEnv ? fromEnv : undefined;
}

export function buildRunSettings(
  inputs: ActionInputs,
  overrides: CommandOverrides,
  repoConfig: { ref: string; text: string | null },
  environment: RunEnvironment,
  secrets: string[],
  /** What a budget across runs leaves for this run (USD); lowers `max-cost-usd` when lower. */
  costCapUsd: number | null = null,
  /** JSON Schema the final answer must satisfy (the `output-schema` input), or null. */
  outputSchema: Record<string, unknown> | null = null,
): RunSettings {
  const label = `${REPO_CONFIG_PATH} (default branch ${repoConfig.ref})`;
  const resolved = resolveSettings({
    file: repoConfig.text === null ? null : label,
    readFile: () => repoConfig.text ?? undefined,
    env: {},
    flags: withOverrides(inputs.engine, overrides),
    flagName: (key) =>
      key === 'max_depth' || key === 'model' || key === 'sub_model'
        ? `${inputNameOf(key)} or comment flag`
        : inputNameOf(key),
  });
  if (resolved.environment === 'repl') {
    // The local adapter shares the runner's user with this process, whose environment (INPUT_* values)
    // holds the keys and the token: model code could read them from /proc. Keys never reach the sandbox.
    throw new ConfigError('environment repl is not allowed in the GitHub Action: it would expose the keys', {
      key: 'environment',
      fix: 'Use `environment: docker` (the default): the runner has a Docker Engine. repl is for the local CLI with trusted code.',
    });
  }
  const notes: string[] = [];
  let maxIterations = resolved.maxIterations;
  if (overrides.maxIterations !== undefined) {
    if (overrides.maxIterations > resolved.maxIterations) {
      notes.push(
        `--max-iterations ${overrides.maxIterations} lowered to the configured ${resolved.maxIterations}.`,
      );
    } else {
      maxIterations = overrides.maxIterations;
    }
  }
  let maxCostUsd = resolved.maxCostUsd;
  if (costCapUsd !== null && (maxCostUsd === null || maxCostUsd > costCapUsd)) {
    maxCostUsd = Math.round(costCapUsd * 1e6) / 1e6;
  }
  // Trajectories go to the runner's temp directory unless configured: the workspace is the user's tree.
  const logDir =
    resolved.sources.log_dir.kind === 'default'
      ? join(environment.runnerTemp, 'rlm-logs')
      : resolve(environment.workspace, resolved.logDir);
  const script = resolved.script === null ? null : resolve(environment.workspace, resolved.script);
  // A new frozen object, never an edit of the resolved one: the Action's own adjustments, made once.
  const settings: Settings = Object.freeze({ ...resolved, maxIterations, maxCostUsd, logDir, script });
  const apiKey = providerKey(inputs, settings, environment.env);
  if (settings.backend === 'anthropic' && apiKey === undefined) {
    throw new ConfigError('backend anthropic needs an API key, and none was given', {
      key: 'anthropic-api-key',
      fix: 'Set `anthropic-api-key: ${{ secrets.ANTHROPIC_API_KEY }}`, or try the action offline with `backend: scripted` and a `script`.',
    });
  }
  if (settings.backend === 'openai' && apiKey === undefined && settings.baseUrl === null) {
    throw new ConfigError('backend openai needs an API key, and none was given', {
      key: 'openai-api-key',
      fix: 'Set `openai-api-key: ${{ secrets.OPENAI_API_KEY }}`.',
    });
  }
  const options = toRLMOptions(settings, apiKey === undefined ? { secrets } : { apiKey, secrets }, {
    workspaceDir: environment.workspace,
  });
  if (outputSchema !== null) options.outputSchema = outputSchema;
  const docker = options.sandbox?.docker ?? {};
  options.sandbox = {
    ...options.sandbox,
    docker: { ...docker, labels: { ...docker.labels, ...environment.containerLabels } },
  };
  return { settings, options, repoConfig: repoConfig.text === null ? null : label, notes };
}
