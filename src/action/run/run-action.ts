/**
 * One action run, start to end, against ports only (GitHub, engine, artifact uploader, output sink), so
 * the whole flow is testable without a runner. `main.ts` builds the real ports and calls this.
 *
 *   event → trigger decision → (👀 + one progress comment) → settings and context → engine
 *         → artifact → result comment / audit issue → job summary → outputs → pass/fail
 *
 * The log is grouped per phase; during the run itself every code block is its own folded group.
 */
import type { RLMResult } from '../../rlm-options.js';
import type { Redactor } from '../../trajectory/redactor.js';
import type { Trajectory } from '../../trajectory/types.js';
import type { ArtifactUploader, TrajectoryRenderers } from '../reporting/artifact.js';
import { auditChannel, commentChannel, noChannel, type ResultChannel } from '../reporting/channels.js';
import type { BudgetCheck } from './budget.js';
import { systemClock, type Clock } from '../github/comment-session.js';
import type { Engine } from '../../engine-port.js';
import { isForkPullRequest, type WorkflowEvent } from '../triggers/event.js';
import type { GitHubPort } from '../github/github-port.js';
import type { ActionInputs } from './inputs.js';
import {
  auditMarker,
  commandMarker,
  isMarkedByBot,
  labelMarker,
  refusalMarker,
  resultMarker,
} from '../github/markers.js';
import type { PreparedRun } from './prepare-run.js';
import { initialProgress, ProgressTracker, type ActionLog } from '../reporting/progress.js';
import { messageOf, publish, type ActionSink } from '../reporting/publish.js';
import { renderProgress, renderRefusal } from '../reporting/report.js';
import { checkRunBudget, replyBudgetRefusal } from './run-budget.js';
import type { RunEnvironment } from './run-settings.js';
import { resolveTrigger, type RunOrigin, type TriggerDecision } from '../triggers/trigger.js';

export type { ActionSink } from '../reporting/publish.js';

export interface RunContext extends RunEnvironment {
  serverUrl: string;
  /** GitHub Enterprise Server (no artifact upload: the trajectory stays on the runner). */
  enterpriseServer?: boolean;
  runId: string;
  /** Identifies this workflow job (keys the PR result comment and the audit issue). */
  jobKey: string;
}

export interface TrajectoryAccess extends TrajectoryRenderers {
  load(logDir: string, trajectoryId: string): Promise<Trajectory | undefined>;
  callTreeText?(trajectory: Trajectory): string;
  callTreeMermaid?(trajectory: Trajectory): string;
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

function pullRequestNumber(origin: RunOrigin): number | null {
  if (origin.kind === 'pull-request') return origin.number;
  if (origin.kind === 'label') return origin.item.isPullRequest ? origin.item.number : null;
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
    case 'pull-request': {
      // GitHub gives pull_request runs from forks a read-only token: a comment would only fail the step.
      const pr = deps.event.pullRequest;
      if (deps.event.name === 'pull_request' && pr && isForkPullRequest(pr)) return noChannel;
      const thread = { kind: 'issue', number: origin.number, isPullRequest: true } as const;
      return commentChannel('pr-comment', github, thread, resultMarker(deps.run.jobKey), {
        minIntervalMs,
        sanitize,
        ...clockOption,
      });
    }
    case 'label': {
      const { item } = origin;
      // pull_request runs from forks get a read-only token (see the pull-request case).
      const pr = deps.event.pullRequest;
      if (deps.event.name === 'pull_request' && pr && isForkPullRequest(pr)) return noChannel;
      const thread = { kind: 'issue', number: item.number, isPullRequest: item.isPullRequest } as const;
      return commentChannel('label-comment', github, thread, labelMarker(item.number), {
        minIntervalMs,
        sanitize,
        ...clockOption,
      });
    }
    case 'schedule':
      return auditChannel(github, auditMarker(deps.run.jobKey), inputs.auditIssueTitle, sanitize);
    case 'direct':
      return noChannel;
  }
}

/** One short reply to a refused command; never a second one for the same comment (re-runs included). */
async function replyRefusal(decision: Extract<TriggerDecision, { kind: 'refuse' }>, deps: ActionDeps) {
  const { reply } = decision;
  const marker = refusalMarker(reply.key);
  const existing = await deps.github.listComments(reply.thread);
  if (existing.some((c) => isMarkedByBot(c, marker))) return;
  const body = deps.redactor.redact(`${marker}\n${renderRefusal(decision.reason, reply.what)}`);
  await deps.github.createComment(reply.thread, body, reply.replyTo);
}

function decide(deps: ActionDeps): Promise<TriggerDecision> {
  const { inputs } = deps;
  return resolveTrigger(
    deps.event,
    {
      trigger: inputs.trigger,
      task: inputs.task,
      allowEdited: inputs.allowEdited,
      allowedUsers: inputs.allowedUsers,
      allowedBots: inputs.allowedBots,
      allowedModels: inputs.allowedModels,
      maxDepthCap: inputs.maxDepthCap,
      labelTrigger: inputs.labelTrigger,
      // A comment can only lower the configured iteration limit; checked once the settings are known.
      maxIterationsCap: 1000,
    },
    deps.github,
  );
}

/** 👀 on the command, then the one progress comment. Failed writes are collected, not thrown. */
async function acknowledge(
  origin: RunOrigin,
  task: string,
  channel: ResultChannel,
  runUrl: string,
  deps: ActionDeps,
) {
  const failures: string[] = [];
  if (origin.kind === 'command') {
    deps.log.info(
      `Command by @${origin.comment.user.login} (${origin.permission}): ${deps.redactor.redact(task)}`,
    );
    try {
      await deps.github.addReaction(origin.comment.thread, origin.comment.id, 'eyes');
    } catch (error) {
      failures.push(`adding the 👀 reaction: ${messageOf(error)}`);
    }
  }
  if (origin.kind === 'label') {
    const { item } = origin;
    deps.log.info(
      `Label "${item.label}" on #${item.number} by @${item.sender.login} (${origin.permission}): ${deps.redactor.redact(task)}`,
    );
  }
  const starting = initialProgress(task, 'Starting…');
  try {
    await channel.start(renderProgress(starting, runUrl));
  } catch (error) {
    failures.push(`creating the progress comment: ${messageOf(error)}`);
  }
  return failures;
}

export async function runAction(deps: ActionDeps): Promise<ActionOutcome> {
  const { inputs, log, sink, redactor } = deps;
  const runUrl = `${deps.run.serverUrl}/${deps.event.repo.owner}/${deps.event.repo.repo}/actions/runs/${deps.run.runId}`;

  const decision = await log.group('Trigger and authorization', async () => {
    const decided = await decide(deps);
    if (decided.kind === 'ignore') log.info(`Nothing to do: ${decided.reason}.`);
    if (decided.kind === 'refuse') log.info(`Command refused: ${decided.reason}`);
    return decided;
  });
  switch (decision.kind) {
    case 'ignore':
      return 'ignored';
    case 'invalid':
      sink.setFailed(decision.reason);
      return 'invalid';
    case 'refuse':
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
  const channel = channelFor(origin, deps);
  let budget: BudgetCheck | null;
  try {
    budget = await checkRunBudget(origin, pullRequestNumber(origin), {
      inputs,
      github: deps.github,
      jobKey: deps.run.jobKey,
      now: (deps.clock ?? systemClock).now(),
    });
  } catch (error) {
    sink.setFailed(redactor.redact(`Could not check the budget across runs: ${messageOf(error)}`));
    return 'failed';
  }
  if (budget?.kind === 'refuse') {
    // Before any model call, the 👀 or a progress comment: one reply where the result would have gone.
    log.warning(budget.reason);
    try {
      sink.setOutput('comment-url', (await replyBudgetRefusal(budget, task, runUrl, channel)) ?? '');
    } catch (error) {
      sink.setFailed(`Could not reply to the run refused for its budget: ${messageOf(error)}`);
      return 'failed';
    }
    sink.setOutput('success', 'false');
    return 'refused';
  }
  const setup = await log.group('Settings and context', async () => {
    const writeFailures = await acknowledge(origin, task, channel, runUrl, deps);
    try {
      // Settings, config layer and context readers load only for a run (an ignored event never needs them).
      const { prepareRun } = await import('./prepare-run.js');
      const prepared: PreparedRun = await prepareRun({
        inputs,
        event: deps.event,
        overrides: decision.overrides,
        pullRequestNumber: pullRequestNumber(origin),
        github: deps.github,
        environment: deps.run,
        secrets: deps.secrets,
        log,
        costCapUsd: budget?.leftUsd ?? null,
      });
      return { writeFailures, prepared, failure: null };
    } catch (error) {
      const failure = messageOf(error);
      log.warning(redactor.redact(failure));
      return { writeFailures, prepared: null, failure };
    }
  });
  const { writeFailures } = setup;
  // A key read from the variable `api_key_env` names (.github/rlm.yml) is known only now: mask and redact it
  // like the keys given as inputs.
  const apiKey = setup.prepared?.runSettings.options.apiKey;
  if (apiKey !== undefined && !deps.secrets.includes(apiKey)) {
    sink.registerSecret(apiKey);
    redactor.add(apiKey);
  }
  let failure: string | null = setup.failure;

  let result: RLMResult | null = null;
  let trajectory: Trajectory | undefined;
  const ready = setup.prepared;
  if (ready !== null) {
    const { runSettings, context } = ready;
    const tracker = new ProgressTracker(task, log, (text) => redactor.redact(text));
    try {
      result = await deps.engine.run({
        task,
        options: runSettings.options,
        ...(context ? { context } : {}),
        signal: deps.signal,
        onEvent: (event) => {
          if (tracker.onEvent(event)) channel.progress(renderProgress(tracker.state, runUrl));
        },
      });
      if (result.trajectoryId) {
        trajectory = await deps.trajectories.load(runSettings.settings.logDir, result.trajectoryId);
      }
    } catch (error) {
      failure = messageOf(error);
    }
  }

  const succeeded = await log.group('Report', () =>
    publish(
      {
        task,
        result,
        failure,
        trajectory,
        logDir: ready?.runSettings.settings.logDir ?? null,
        cancelled: deps.signal.aborted || (result?.limitsHit.includes('cancelled') ?? false),
        notes: [...(budget?.note ? [budget.note] : []), ...(ready?.notes ?? [])],
        runUrl,
        spent: budget?.carried ?? null,
      },
      {
        inputs,
        channel,
        uploader: deps.uploader,
        renderers: deps.trajectories,
        redactor,
        runnerTemp: deps.run.runnerTemp,
        log,
        sink,
        writeFailures,
        enterpriseServer: deps.run.enterpriseServer ?? false,
      },
    ),
  );
  return succeeded ? 'succeeded' : 'failed';
}
