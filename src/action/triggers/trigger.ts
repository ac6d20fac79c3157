/**
 * Decides what this workflow event asks for: run a task, ignore the event, or refuse a command with one
 * short reply. Pure apart from the permission lookup, so every rule is testable against real payloads.
 */
import { authorizeCommenter, type AuthorizationPolicy } from './authorize.js';
import { parseCommand, type CommandOverrides, type CommandPolicy } from './command.js';
import type { CommandComment, CommentThread, LabeledItem, WorkflowEvent } from './event.js';
import type { GitHubPort } from '../github/github-port.js';
import { resolveLabel } from './label-trigger.js';
import { isOwnBody } from '../github/markers.js';

export interface TriggerConfig extends AuthorizationPolicy, CommandPolicy {
  /** The `task` input: the task of direct runs, and the default of a bare `/rlm run`. */
  task: string;
  /** Run commands from edited comments too (default false: an edit never re-runs anything). */
  allowEdited: boolean;
  /** Label whose addition runs an issue's or PR's title and body as the task; '' or absent: off. */
  labelTrigger?: string;
}

/** Where the one reply to a refused run goes, and the key that keeps it to one (re-runs included). */
export interface RefusalReply {
  thread: CommentThread;
  key: string;
  /** What was not run, for the reply: "`/rlm run`" or "the `rlm` label". */
  what: string;
  /** Review comments: the comment to answer in its thread. */
  replyTo?: number;
}

export type RunOrigin =
  /** A `/rlm run` comment by an authorized user. */
  | { kind: 'command'; comment: CommandComment; permission: string }
  /** The trigger label added to an issue or PR by an authorized user: its title and body are the task. */
  | { kind: 'label'; item: LabeledItem; permission: string }
  /** `schedule`: the result goes to one audit issue. */
  | { kind: 'schedule' }
  /** A pull_request(_target) event: the result goes to one comment on the PR. */
  | { kind: 'pull-request'; number: number }
  /** workflow_dispatch, push, and anything else: outputs and job summary only. */
  | { kind: 'direct' };

export type TriggerDecision =
  | { kind: 'run'; task: string; overrides: CommandOverrides; origin: RunOrigin }
  | { kind: 'ignore'; reason: string }
  | { kind: 'refuse'; reason: string; reply: RefusalReply }
  /** A workflow mistake (e.g. no task): fails the step. */
  | { kind: 'invalid'; reason: string };

export const COMMENT_EVENTS = new Set(['issue_comment', 'pull_request_review_comment']);
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

function direct(config: TriggerConfig, origin: RunOrigin, eventName: string): TriggerDecision {
  if (!config.task.trim()) {
    return { kind: 'invalid', reason: `The \`task\` input is required for ${eventName} events.` };
  }
  return { kind: 'run', task: config.task.trim(), overrides: {}, origin };
}

function replyTo(comment: CommandComment, trigger: string): RefusalReply {
  return {
    thread: comment.thread,
    key: String(comment.id),
    what: `\`${trigger}\``,
    ...(comment.thread.kind === 'review' ? { replyTo: comment.id } : {}),
  };
}

export async function resolveTrigger(
  event: WorkflowEvent,
  config: TriggerConfig,
  github: Pick<GitHubPort, 'getCollaboratorPermission'>,
): Promise<TriggerDecision> {
  if (COMMENT_EVENTS.has(event.name)) return resolveComment(event, config, github);
  // A labelled event under a label trigger is the label's business only (never the `task` input's).
  if (config.labelTrigger && event.labeled)
    return resolveLabel(event.labeled, config.labelTrigger, config, github);
  if (event.name === 'schedule') return direct(config, { kind: 'schedule' }, event.name);
  if (PULL_REQUEST_EVENTS.has(event.name) && event.pullRequest) {
    return direct(config, { kind: 'pull-request', number: event.pullRequest.number }, event.name);
  }
  return direct(config, { kind: 'direct' }, event.name);
}

async function resolveComment(
  event: WorkflowEvent,
  config: TriggerConfig,
  github: Pick<GitHubPort, 'getCollaboratorPermission'>,
): Promise<TriggerDecision> {
  const comment = event.comment;
  if (!comment) return { kind: 'ignore', reason: 'the event carries no readable comment' };
  if (comment.action !== 'created' && !(comment.action === 'edited' && config.allowEdited)) {
    return {
      kind: 'ignore',
      reason:
        comment.action === 'edited'
          ? 'edited comments are ignored (set allow-edited: true to run them)'
          : `comment ${comment.action || 'event'} is not a command`,
    };
  }
  // The action's own comments carry a hidden marker: it can never trigger itself.
  if (isOwnBody(comment.body)) return { kind: 'ignore', reason: 'comment written by this action' };
  const parsed = parseCommand(comment.body, config);
  if (parsed.kind === 'not-command') {
    return { kind: 'ignore', reason: `the comment does not start with "${config.trigger}"` };
  }

  const authorization = await authorizeCommenter(comment, github, config);
  if (authorization.kind === 'ignored') return { kind: 'ignore', reason: authorization.reason };
  const reply = replyTo(comment, config.trigger);
  if (authorization.kind === 'denied') return { kind: 'refuse', reason: authorization.reason, reply };

  if (parsed.kind === 'refused') return { kind: 'refuse', reason: parsed.reason, reply };
  const task = parsed.task || config.task.trim();
  if (!task) {
    return { kind: 'refuse', reason: `No task given. Usage: \`${config.trigger} <task>\`.`, reply };
  }
  return {
    kind: 'run',
    task,
    overrides: parsed.overrides,
    origin: { kind: 'command', comment, permission: authorization.permission },
  };
}
