/**
 * A narrow, validated view of the workflow event: only the fields the action reads. The payload is JSON
 * written by GitHub, but every field is checked before use so a surprising shape is "not a command",
 * never a crash.
 */

export interface Account {
  login: string;
  /** 'User', 'Bot', 'Organization' as GitHub reports it. The only proof that an account is a bot. */
  type: string;
}

/** Where a comment command was written. */
export type CommentThread =
  { kind: 'issue'; number: number; isPullRequest: boolean } | { kind: 'review'; pullNumber: number };

export interface CommandComment {
  id: number;
  body: string;
  user: Account;
  /** Set when a GitHub App wrote the comment (even through a user token). */
  viaApp: boolean;
  htmlUrl: string | null;
  thread: CommentThread;
  /** created / edited / deleted */
  action: string;
}

export interface PullRequestRef {
  number: number;
  /** owner/name of the head repository; null when the fork was deleted. */
  headRepo: string | null;
  baseRepo: string;
  headSha: string | null;
}

/** An issue or pull request that was just labelled (issues / pull_request(_target) `labeled`). */
export interface LabeledItem {
  label: string;
  number: number;
  title: string;
  body: string;
  isPullRequest: boolean;
  /** Who added the label. */
  sender: Account;
}

export interface WorkflowEvent {
  name: string;
  repo: { owner: string; repo: string };
  defaultBranch: string | null;
  /** Present for issue_comment and pull_request_review_comment. */
  comment: CommandComment | null;
  /** Present when the event carries the pull request itself (review comments, pull_request events). */
  pullRequest: PullRequestRef | null;
  /** Present for a `labeled` issues / pull_request / pull_request_target event. */
  labeled: LabeledItem | null;
}

type Json = Record<string, unknown>;

function obj(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

function account(value: unknown): Account | null {
  const user = obj(value);
  const login = str(user?.login);
  if (!user || !login) return null;
  return { login, type: str(user.type) ?? 'Unknown' };
}

function pullRequestRef(value: unknown): PullRequestRef | null {
  const pr = obj(value);
  const number = num(pr?.number);
  if (!pr || number === null) return null;
  const head = obj(pr.head);
  const base = obj(pr.base);
  return {
    number,
    headRepo: str(obj(head?.repo)?.full_name),
    baseRepo: str(obj(base?.repo)?.full_name) ?? '',
    headSha: str(head?.sha),
  };
}

function commandComment(name: string, payload: Json): CommandComment | null {
  const comment = obj(payload.comment);
  const id = num(comment?.id);
  const user = account(comment?.user);
  if (!comment || id === null || !user) return null;
  let thread: CommentThread;
  if (name === 'issue_comment') {
    const issue = obj(payload.issue);
    const number = num(issue?.number);
    if (!issue || number === null) return null;
    thread = { kind: 'issue', number, isPullRequest: obj(issue.pull_request) !== null };
  } else if (name === 'pull_request_review_comment') {
    const pullNumber = num(obj(payload.pull_request)?.number);
    if (pullNumber === null) return null;
    thread = { kind: 'review', pullNumber };
  } else {
    return null;
  }
  const app = comment.performed_via_github_app;
  return {
    id,
    body: str(comment.body) ?? '',
    user,
    viaApp: app !== null && app !== undefined,
    htmlUrl: str(comment.html_url),
    thread,
    action: str(payload.action) ?? '',
  };
}

const LABELED_EVENTS = new Set(['issues', 'pull_request', 'pull_request_target']);

function labeledItem(name: string, payload: Json): LabeledItem | null {
  if (!LABELED_EVENTS.has(name) || payload.action !== 'labeled') return null;
  const label = str(obj(payload.label)?.name);
  const isPullRequest = name !== 'issues';
  const item = obj(isPullRequest ? payload.pull_request : payload.issue);
  const number = num(item?.number);
  const sender = account(payload.sender);
  if (!label || !item || number === null || !sender) return null;
  return {
    label,
    number,
    title: str(item.title) ?? '',
    body: str(item.body) ?? '',
    // An issues event on a pull request's conversation carries `issue.pull_request`.
    isPullRequest: isPullRequest || obj(item.pull_request) !== null,
    sender,
  };
}

/** `repository` from GITHUB_REPOSITORY ("owner/name"), falling back to the payload. */
export function parseEvent(
  name: string,
  payloadValue: unknown,
  repository: string | undefined,
): WorkflowEvent {
  const payload = obj(payloadValue) ?? {};
  const repoPayload = obj(payload.repository);
  const full = repository && repository.includes('/') ? repository : (str(repoPayload?.full_name) ?? '');
  const [owner = '', repo = ''] = full.split('/');
  if (!owner || !repo) throw new Error('GITHUB_REPOSITORY is not set (expected "owner/name").');
  return {
    name,
    repo: { owner, repo },
    defaultBranch: str(repoPayload?.default_branch),
    comment: commandComment(name, payload),
    pullRequest: pullRequestRef(payload.pull_request),
    labeled: labeledItem(name, payload),
  };
}

/** True when the PR's code comes from another repository (a fork), or its head repository is gone. */
export function isForkPullRequest(pr: PullRequestRef): boolean {
  return pr.headRepo === null || pr.headRepo.toLowerCase() !== pr.baseRepo.toLowerCase();
}
