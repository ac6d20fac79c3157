/**
 * Who may run a comment command.
 *
 * Bots never trigger a run unless named in `allowed-bots`, and "bot" means the account TYPE GitHub reports
 * ('Bot') or a comment written through a GitHub App: a login ending in `[bot]` proves nothing, anyone can
 * register such a name. Humans need write, maintain or admin permission on the repository (collaborator
 * permission API), and, when `allowed-users` is set, to be on that list too.
 */
import type { CommandComment } from './event.js';
import type { GitHubPort } from '../github/github-port.js';

export interface AuthorizationPolicy {
  /** When non-empty, only these logins (case-insensitive) may run commands, and they still need write access. */
  allowedUsers: readonly string[];
  /** Bot accounts (type 'Bot') allowed to run commands, by login, e.g. "renovate[bot]". */
  allowedBots: readonly string[];
}

export type Authorization =
  /** Run it. */
  | { kind: 'allowed'; via: 'permission' | 'bot-allowlist'; permission: string }
  /** Silently ignored (bots): a reply could start a loop between two bots. */
  | { kind: 'ignored'; reason: string }
  /** One short reply, then the step ends successfully. */
  | { kind: 'denied'; reason: string };

const WRITE_ROLES = new Set(['admin', 'maintain', 'write']);

function includesLogin(list: readonly string[], login: string): boolean {
  const wanted = login.toLowerCase();
  return list.some((entry) => entry.toLowerCase() === wanted);
}

/** Who asked for a run: a comment's author, or whoever added the trigger label (`viaApp` false). */
export type Actor = Pick<CommandComment, 'user' | 'viaApp'>;

export function isBotComment(comment: Actor): boolean {
  return comment.user.type === 'Bot' || comment.viaApp;
}

export async function authorizeCommenter(
  comment: Actor,
  github: Pick<GitHubPort, 'getCollaboratorPermission'>,
  policy: AuthorizationPolicy,
): Promise<Authorization> {
  const { login, type } = comment.user;
  if (isBotComment(comment)) {
    // Only a real Bot account can be allowlisted; an App acting for a user is still not that user's command.
    if (type === 'Bot' && !comment.viaApp && includesLogin(policy.allowedBots, login)) {
      return { kind: 'allowed', via: 'bot-allowlist', permission: 'bot' };
    }
    return { kind: 'ignored', reason: `comment by bot account ${login} (not in allowed-bots)` };
  }
  if (policy.allowedUsers.length > 0 && !includesLogin(policy.allowedUsers, login)) {
    return { kind: 'denied', reason: `@${login} is not in this workflow's allowed-users list.` };
  }
  const permission = await github.getCollaboratorPermission(login);
  const role = permission?.roleName ?? permission?.permission ?? 'none';
  if (permission && (WRITE_ROLES.has(role) || WRITE_ROLES.has(permission.permission))) {
    return { kind: 'allowed', via: 'permission', permission: role };
  }
  return {
    kind: 'denied',
    reason: `@${login} needs write, maintain or admin permission on this repository to run commands (has: ${role}).`,
  };
}
