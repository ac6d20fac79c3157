/**
 * The action's entry (action.yml `main:`). Only wiring: read inputs and the event, build the real ports
 * (Octokit, the RLM engine, @actions/artifact), hand over to runAction, and turn SIGINT/SIGTERM into a
 * cancelled run.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { Redactor } from '../trajectory/redactor.js';
import { ConfigError, RlmError } from '../errors.js';
import { ActionsArtifactUploader } from './reporting/artifact.js';
import { coreLog } from './reporting/core-log.js';
import { parseEvent } from './triggers/event.js';
import { isEnterpriseServer } from './github/ghes.js';
import { RestGitHub } from './github/github-rest.js';
import { readInputs, secretValues } from './run/inputs.js';
import { CLEANUP_STATE, JOB_LABEL, newCleanupId } from './cleanup/job-label.js';
import { rlmEngine } from '../rlm-engine.js';
import { runAction } from './run/run-action.js';
import { trajectoryAccess } from './reporting/trajectory-access.js';

function readEventPayload(path: string | undefined): unknown {
  if (!path) return {};
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/** First signal: cancel the run (the engine stops and removes its container). A second one: leave now. */
function cancelOnSignals(controller: AbortController): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!controller.signal.aborted) {
      core.warning(`Received ${signal}: cancelling the run (the sandbox is removed, the trajectory kept).`);
      controller.abort(new Error(`cancelled by ${signal}`));
      return;
    }
    core.warning(`Received ${signal} again: exiting now.`);
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
}

async function main(): Promise<void> {
  const controller = new AbortController();
  const stopListening = cancelOnSignals(controller);
  // Saved before anything can start a container: the post step removes exactly this step's leftovers.
  const cleanupId = newCleanupId(process.env);
  core.saveState(CLEANUP_STATE, cleanupId);
  try {
    const inputs = readInputs();
    if (!inputs.githubToken) {
      throw new ConfigError('input `github-token` is empty', {
        key: 'github-token',
        fix: 'Leave it unset (it defaults to ${{ github.token }}) or pass a token with the permissions listed in docs/action.md.',
      });
    }
    const secrets = secretValues(inputs, process.env);
    for (const secret of secrets) core.setSecret(secret);
    const env = process.env;
    const event = parseEvent(
      env.GITHUB_EVENT_NAME ?? '',
      readEventPayload(env.GITHUB_EVENT_PATH),
      env.GITHUB_REPOSITORY,
    );
    const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const runId = env.GITHUB_RUN_ID ?? '0';
    const runPage = `${serverUrl}/${event.repo.owner}/${event.repo.repo}/actions/runs/${runId}`;
    await runAction({
      inputs,
      event,
      run: {
        workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
        runnerTemp: env.RUNNER_TEMP ?? tmpdir(),
        env,
        containerLabels: { [JOB_LABEL]: cleanupId },
        serverUrl,
        enterpriseServer: isEnterpriseServer(env),
        runId,
        jobKey: `${env.GITHUB_WORKFLOW ?? 'workflow'}/${env.GITHUB_JOB ?? 'job'}`,
      },
      github: new RestGitHub(inputs.githubToken, event.repo, {
        ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
        warn: (message) => core.warning(message),
      }),
      engine: rlmEngine,
      uploader: new ActionsArtifactUploader(runPage),
      trajectories: trajectoryAccess,
      log: coreLog,
      sink: {
        setOutput: (name, value) => core.setOutput(name, value),
        setFailed: (message) => core.setFailed(message),
        registerSecret: (value) => core.setSecret(value),
        writeSummary: async (markdown) => {
          await core.summary.addRaw(markdown).write();
        },
      },
      redactor: new Redactor(secrets),
      secrets,
      signal: controller.signal,
    });
  } catch (error) {
    core.setFailed(
      error instanceof RlmError ? error.describe() : error instanceof Error ? error.message : String(error),
    );
  } finally {
    stopListening();
  }
}

await main();
// Open sockets (Docker, keep-alive HTTP agents) must not keep a finished step alive.
process.exit(process.exitCode ?? 0);
