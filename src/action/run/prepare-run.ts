/**
 * Everything a run needs before the engine starts: the pull request's diff (read-only, through the API),
 * the settings (inputs + allowed comment flags + `.github/rlm.yml` from the default branch) and the
 * REPL context.
 */
import type { CommandOverrides } from '../triggers/command.js';
import { buildContext } from './context.js';
import { isForkPullRequest, type WorkflowEvent } from '../triggers/event.js';
import type { GitHubPort } from '../github/github-port.js';
import type { ActionInputs } from './inputs.js';
import { loadOutputSchema } from './output-schema-input.js';
import type { ActionLog } from '../reporting/progress.js';
import { buildRunSettings, readRepoConfig, type RunEnvironment, type RunSettings } from './run-settings.js';
import type { ContextInput } from '../../sandbox/types.js';

export interface PreparedRun {
  runSettings: RunSettings;
  context: ContextInput | undefined;
  /** Lines for the report (fork PR, lowered flags). */
  notes: string[];
}

export interface PrepareInput {
  inputs: ActionInputs;
  event: WorkflowEvent;
  overrides: CommandOverrides;
  /** The pull request the run is about, if any. */
  pullRequestNumber: number | null;
  github: GitHubPort;
  environment: RunEnvironment;
  secrets: string[];
  log: ActionLog;
  /** What a budget across runs leaves for this run (USD), or null. */
  costCapUsd?: number | null;
}

function statusOf(error: unknown): number | undefined {
  const status: unknown =
    error !== null && typeof error === 'object' && 'status' in error ? error.status : undefined;
  return typeof status === 'number' ? status : undefined;
}

export async function prepareRun(input: PrepareInput): Promise<PreparedRun> {
  const { inputs, event, github, log } = input;
  const notes: string[] = [];
  let diff: string | null = null;
  const prNumber = input.pullRequestNumber;
  if (prNumber !== null && inputs.contextPrDiff) {
    const pr =
      event.pullRequest?.number === prNumber ? event.pullRequest : await github.getPullRequest(prNumber);
    if (isForkPullRequest(pr)) {
      notes.push(
        `Pull request from a fork (${pr.headRepo ?? 'deleted repository'}): its diff was read-only context; none of its code was checked out or run.`,
      );
    }
    try {
      diff = await github.getPullRequestDiff(prNumber);
      log.info(`Pull request #${prNumber}: diff of ${diff.length} characters as context.`);
    } catch (error) {
      // The API refuses diffs over its size limits with 406: run without it rather than not at all.
      if (statusOf(error) !== 406) throw error;
      notes.push(
        `The pull request's diff is too large for the GitHub API (406), so it is not in the context.`,
      );
      log.warning(notes[notes.length - 1] ?? '');
    }
  }
  const repoConfig = await readRepoConfig(github, event.defaultBranch);
  const outputSchema = await loadOutputSchema(inputs.outputSchema, input.environment.workspace);
  const runSettings = buildRunSettings(
    inputs,
    input.overrides,
    repoConfig,
    input.environment,
    input.secrets,
    input.costCapUsd ?? null,
    outputSchema,
  );
  notes.push(...runSettings.notes);
  const s = runSettings.settings;
  log.info(
    `Settings: backend ${s.backend}, model ${s.model ?? '(default)'}, environment ${s.environment}, max depth ${s.maxDepth}, max iterations ${s.maxIterations}, timeout ${s.timeoutSeconds} s, max cost ${s.maxCostUsd ?? 'none'} USD; repository defaults: ${runSettings.repoConfig ?? 'none'}.`,
  );
  const context = await buildContext(inputs.context, input.environment.workspace, diff);
  return { runSettings, context, notes };
}
