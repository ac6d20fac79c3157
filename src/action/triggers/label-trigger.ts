/**
 * The label trigger: adding the `label-trigger` label to an issue or pull request runs its title and body
 * as the task. Who added the label is authorized exactly like a comment's author (bots ignored unless
 * allowlisted, humans need write access and, when set, a place on `allowed-users`). Nothing in the title or
 * body is parsed as flags: the text is the task, settings come from inputs and `.github/rlm.yml` only.
 */
import { authorizeCommenter, type AuthorizationPolicy } from './authorize.js';
import type { LabeledItem } from './event.js';
import type { GitHubPort } from '../github/github-port.js';
import { isOwnBody } from '../github/markers.js';
import type { TriggerDecision } from './trigger.js';

export function labelTask(item: LabeledItem): string {
  return [item.title.trim(), item.body.trim()].filter(Boolean).join('\n\n');
}

export async function resolveLabel(
  item: LabeledItem,
  trigger: string,
  policy: AuthorizationPolicy,
  github: Pick<GitHubPort, 'getCollaboratorPermission'>,
): Promise<TriggerDecision> {
  // Label names are case-insensitive on GitHub.
  if (item.label.toLowerCase() !== trigger.toLowerCase()) {
    return { kind: 'ignore', reason: `label "${item.label}" is not the trigger label "${trigger}"` };
  }
  const what = `${item.isPullRequest ? 'pull request' : 'issue'} #${item.number}`;
  if (isOwnBody(item.body)) return { kind: 'ignore', reason: `${what} was written by this action` };
  const authorization = await authorizeCommenter({ user: item.sender, viaApp: false }, github, policy);
  if (authorization.kind === 'ignored') return { kind: 'ignore', reason: authorization.reason };
  const reply = {
    thread: { kind: 'issue', number: item.number, isPullRequest: item.isPullRequest } as const,
    key: `label-${item.number}`,
    what: `the \`${trigger}\` label`,
  };
  if (authorization.kind === 'denied') return { kind: 'refuse', reason: authorization.reason, reply };
  const task = labelTask(item);
  if (!task) return { kind: 'refuse', reason: `${what} has no title or body to run as the task.`, reply };
  return {
    kind: 'run',
    task,
    overrides: {},
    origin: { kind: 'label', item, permission: authorization.permission },
  };
}
