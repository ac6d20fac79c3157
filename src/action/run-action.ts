/**
 * One action run, start to end, against ports only (GitHub, engine, artifact uploader, output sink), so
 * the whole flow is testable without a runner. `main.ts` builds the real ports and calls this.
 *
 *   event → trigger decision → (👀 + one progress comment) → settings → context → engine
 *         → artifact → result comment / audit issue → job summary → outputs → pass/fail
 */
import { join } from 'node:path';
import { RlmError } from '../errors.js';
import type { RLMResult } from '../rlm-options.js';
import { Redactor } from '../trajectory/redactor.js';
import type { Trajectory } from '../trajectory/types.js';
import { prepareArtifactFiles, type ArtifactUploader, type TrajectoryRenderers } from './artifact.js';
import { auditChannel, commentChannel, noChannel, type ResultChannel } from './channels.js';
import type { Clock } from './comment-session.js';
import { buildContext } from './context.js';
import type { Engine } from './engine.js';
import { isForkPullRequest, type WorkflowEvent } from './event.js';
import type { GitHubPort } from './github-port.js';
import type { ActionInputs } from './inputs.js';
import { auditMarker, commandMarker, refusalMarker, resultMarker } from './markers.js';
import { ProgressTracker, type ActionLog } from './progress.js';
import { renderFailure, renderProgress, renderRefusal, renderResult, type ReportContext } from './report.js';
import { buildRunSettings, readRepoConfig, type RunEnvironment } from './run-settings.js';
import { resolveTrigger, type RunOrigin, type TriggerDecision } from './trigger.js';

export interface RunContext extends RunEnvironment {
  serverUrl: string;
  runId: string;
  /** Identifies this workflow job (keys the PR result comment and the audit issue). */
  jobKey: string;
}

/** Where outputs, the summary and the verdict go (@actions/core in production). */
export interface ActionSink {
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
  writeSummary(markdown: string): Promise<void>;
}

export interface TrajectoryAccess extends TrajectoryRenderers {
  load(logDir: string, trajectoryId: string): Promise<Trajectory | undefined>;
  callTreeText?(trajectory: Trajectory): string;
}

export interface ActionDeps {
  inputs: ActionInputs;
  event: WorkflowEvent;
  run: RunContext;
  github: GitHubPort;
  engine: Engine;
  uploader: ArtifactUploader;
  trajectories: TrajectoryAccess;
  log: ActionLog;
  sink: ActionSink;
  redactor: Redactor;
  secrets: string[];
  signal: AbortSignal;
  clock?: Clock;
}

export type ActionOutcome = 'ignored' | 'refused' | 'invalid' | 'succeeded' | 'failed';

function messageOf(error: unknown): string {
  if (error instanceof RlmError) return error.describe();
  return error instanceof Error ? error.message : String(error);
}

function pullRequestNumber(origin: RunOrigin): number | null {
  if (origin.kind === 'pull-request') return origin.number;
  if (origin.kind !== 'command') return null;
  const thread = origin.comment.thread;
  if (thread.kind === 'review') return thread.pullNumber;
  return thread.isPullRequest ? thread.number : null;
}

function channelFor(origin: RunOrigin, deps: ActionDeps): ResultChannel {
  const { inputs, github, redactor } = deps;
  if (!inputs.comment) return noChannel;
  const sanitize = (body: string) => redactor.redact(body);
  const minIntervalMs = inputs.progressIntervalSeconds * 1000;
  const clockOption = deps.clock ? { clock: deps.clock } : {};
  switch (origin.kind) {
    case 'command': {
      const { comment } = origin;
      return commentChannel('command-comment', github, comment.thread, commandMarker(comment.id), {
        ...(comment.thread.kind === 'review' ? { replyTo: comment.id } : {}),
        minIntervalMs,
        sanitize,
        ...clockOption,
      });
    }
    case 'pull-request':
      // GitHub gives pull_request runs from forks a read-only token: a comment would only fail the step.
      if (
        deps.event.name === 'pull_request' &&
        deps.event.pullRequest &&
        isForkPullRequest(deps.event.pullRequest)
      ) {
        return noChannel;
      }
      return commentChannel(
        'pr-comment',
        github,
        { kind: 'issue', number: origin.number, isPullRequest: true },
        resultMarker(deps.run.jobKey),
        { minIntervalMs, sanitize, ...clockOption },
      );
    case 'schedule':
      return auditChannel(github, auditMarker(deps.run.jobKey), inputs.auditIssueTitle, sanitize);
    case 'direct':
      return noChannel;
  }
}

/** One short reply to a refused command; never a second one for the same comment (re-runs included). */
async function replyRefusal(decision: Extract<TriggerDecision, { kind: 'refuse' }>, deps: ActionDeps) {
  const { comment } = decision;
  const marker = refusalMarker(comment.id);
  const existing = await deps.github.listComments(comment.thread);
  if (existing.some((c) => c.body.includes(marker))) return;
  const body = deps.redactor.redact(`${marker}\n${renderRefusal(decision.reason, deps.inputs.trigger)}`);
  await deps.github.createComment(
    comment.thread,
    body,
    comment.thread.kind === 'review' ? comment.id : undefined,
  );
}

export async function runAction(deps: ActionDeps): Promise<ActionOutcome> {
  const { inputs, log, sink, redactor } = deps;
  const runUrl = `${deps.run.serverUrl}/${deps.event.repo.owner}/${deps.event.repo.repo}/actions/runs/${deps.run.runId}`;
  const redact = (text: string) => redactor.redact(text);

  const decision = await resolveTrigger(
    deps.event,
    {
      trigger: inputs.trigger,
      task: inputs.task,
      allowEdited: inputs.allowEdited,
      allowedUsers: inputs.allowedUsers,
      allowedBots: inputs.allowedBots,
      allowedModels: inputs.allowedModels,
      maxDepthCap: inputs.maxDepthCap,
      // A comment can only lower the configured iteration limit; checked once the settings are known.
      maxIterationsCap: 1000,
    },
    deps.github,
  );
  switch (decision.kind) {
    case 'ignore':
      log.info(`Nothing to do: ${decision.reason}.`);
      return 'ignored';
    case 'invalid':
      sink.setFailed(decision.reason);
      return 'invalid';
    case 'refuse':
      log.info(`Command refused: ${decision.reason}`);
      try {
        if (inputs.comment) await replyRefusal(decision, deps);
      } catch (error) {
        sink.setFailed(`Could not reply to the refused command: ${messageOf(error)}`);
        return 'failed';
      }
      return 'refused';
    case 'run':
      break;
  }

  const { task, origin } = decision;
  const writeFailures: string[] = [];
  const channel = channelFor(origin, deps);
  const notes: string[] = [];

  // Acknowledge: 👀 on the command, then the one progress comment.
  if (origin.kind === 'command') {
    log.info(`Command by @${origin.comment.user.login} (${origin.permission}): ${redact(task)}`);
    try {
      await deps.github.addReaction(origin.comment.thread, origin.comment.id, 'eyes');
    } catch (error) {
      writeFailures.push(`adding the 👀 reaction: ${messageOf(error)}`);
    }
  }
  const progressState = {
    task,
    elapsedMs: 0,
    iterations: 0,
    depth: 0,
    tokens: 0,
    costUsd: 0,
    modelCalls: 0,
    lastStep: 'Starting…',
  };
  try {
    await channel.start(renderProgress(progressState, runUrl));
  } catch (error) {
    writeFailures.push(`creating the progress comment: ${messageOf(error)}`);
  }

  let result: RLMResult | null = null;
  let failure: string | null = null;
  let trajectory: Trajectory | undefined;
  let logDir: string | null = null;
  try {
    // Pull request context: the diff as read-only text from the API. Nothing from the PR is checked out.
    const prNumber = pullRequestNumber(origin);
    let diff: string | null = null;
    if (prNumber !== null && inputs.contextPrDiff) {
      const pr =
        deps.event.pullRequest?.number === prNumber
          ? deps.event.pullRequest
          : await deps.github.getPullRequest(prNumber);
      if (isForkPullRequest(pr)) {
        notes.push(
          `Pull request from a fork (${pr.headRepo ?? 'deleted repository'}): its diff was read-only context; none of its code was checked out or run.`,
        );
      }
      diff = await deps.github.getPullRequestDiff(prNumber);
      log.info(`Pull request #${prNumber}: diff of ${diff.length} characters as context.`);
    }
    const repoConfig = await readRepoConfig(deps.github, deps.event.defaultBranch);
    const runSettings = buildRunSettings(inputs, decision.overrides, repoConfig, deps.run, deps.secrets);
    notes.push(...runSettings.notes);
    logDir = runSettings.settings.logDir;
    log.info(
      `Settings: backend ${runSettings.settings.backend}, model ${runSettings.settings.model ?? '(default)'}, environment ${runSettings.settings.environment}, max depth ${runSettings.settings.maxDepth}, max iterations ${runSettings.settings.maxIterations}, timeout ${runSettings.settings.timeoutSeconds} s, max cost ${runSettings.settings.maxCostUsd ?? 'none'} USD; repository defaults: ${runSettings.repoConfig ?? 'none'}.`,
    );
    const context = await buildContext(inputs.context, deps.run.workspace, diff);

    const tracker = new ProgressTracker(task, log, redact);
    result = await deps.engine.run({
      task,
      options: runSettings.options,
      ...(context ? { context } : {}),
      signal: deps.signal,
      onEvent: (event) => {
        if (tracker.onEvent(event)) channel.progress(renderProgress(tracker.state, runUrl));
      },
    });
    if (result.trajectoryId) trajectory = await deps.trajectories.load(logDir, result.trajectoryId);
  } catch (error) {
    failure = messageOf(error);
  }

  const cancelled = deps.signal.aborted || (result?.limitsHit.includes('cancelled') ?? false);

  // The artifact: on success, failure and cancellation alike.
  let artifactUrl: string | null = null;
  if (trajectory && result) {
    try {
      const prepared = await prepareArtifactFiles(
        trajectory,
        join(deps.run.runnerTemp, `rlm-artifact-${result.trajectoryId}`),
        redactor,
        deps.trajectories,
      );
      if (inputs.uploadArtifact) {
        artifactUrl = (await deps.uploader.upload(inputs.artifactName, prepared.files, prepared.directory))
          .url;
        log.info(`Uploaded artifact ${inputs.artifactName}${artifactUrl ? `: ${artifactUrl}` : ''}.`);
      }
    } catch (error) {
      writeFailures.push(`uploading the trajectory artifact: ${messageOf(error)}`);
    }
  }

  const report: ReportContext = { task, notes, cancelled, runUrl, artifactUrl };
  const body = result
    ? renderResult(result, report)
    : renderFailure(failure ?? 'unknown error', task, report);
  let resultUrl: string | null = null;
  try {
    resultUrl = await channel.finish(body);
  } catch (error) {
    writeFailures.push(`writing the result (${channel.kind}): ${messageOf(error)}`);
  }
  writeFailures.push(...channel.failures.map((message) => `updating the progress comment: ${message}`));

  const tree =
    trajectory && deps.trajectories.callTreeText ? deps.trajectories.callTreeText(trajectory) : null;
  const summary = tree
    ? `${body}\n\n<details><summary>Call tree</summary>\n\n\`\`\`text\n${tree}\n\`\`\`\n\n</details>\n`
    : `${body}\n`;
  try {
    await sink.writeSummary(redact(summary));
  } catch (error) {
    log.warning(`Could not write the job summary: ${messageOf(error)}`);
  }

  sink.setOutput('response', redact(result?.response ?? ''));
  sink.setOutput('success', String(result?.success ?? false));
  sink.setOutput('trajectory-id', result?.trajectoryId ?? '');
  sink.setOutput('trajectory-path', result?.trajectoryPath ?? '');
  sink.setOutput('tokens', String(result?.tokens ?? 0));
  sink.setOutput('cost-usd', result?.costUsd === null || result === null ? '' : String(result.costUsd));
  sink.setOutput('artifact-url', artifactUrl ?? '');
  sink.setOutput('comment-url', resultUrl ?? '');

  const problems: string[] = [];
  if (failure !== null) problems.push(`The run could not complete: ${failure}`);
  if (result && cancelled) problems.push('The run was cancelled.');
  else if (result && !result.success) {
    const limitOnly = result.limitsHit.length > 0 && result.exitCode !== 4 && result.exitCode !== 3;
    if (!limitOnly || inputs.failOnLimit) {
      problems.push(
        limitOnly
          ? `The run stopped at a limit (${result.limitsHit.join(', ')}): ${result.error ?? ''} (set fail-on-limit: false to accept partial answers).`
          : `The run failed: ${result.error ?? 'unknown error'}`,
      );
    } else {
      log.warning(`The run stopped at a limit (${result.limitsHit.join(', ')}); fail-on-limit is off.`);
    }
  }
  for (const write of writeFailures) problems.push(`GitHub write failed: ${write}`);
  if (problems.length > 0) {
    sink.setFailed(redact(problems.join('\n')));
    return 'failed';
  }
  return 'succeeded';
}
