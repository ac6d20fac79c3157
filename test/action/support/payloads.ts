/**
 * Real webhook payload shapes from @octokit/webhooks-examples, copied and varied per test.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface WebhookDefinition {
  name: string;
  examples: Array<Record<string, unknown>>;
}

const definitions = require('@octokit/webhooks-examples') as WebhookDefinition[];

export type Payload = Record<string, unknown> & {
  action: string;
  comment: Record<string, unknown> & { id: number; body: string; user: Record<string, unknown> };
  repository: Record<string, unknown> & { full_name: string };
};

/** A deep copy of the first example of `name` with `action`. */
export function example(
  name: 'issue_comment' | 'pull_request_review_comment' | 'issues' | 'pull_request',
  action: string,
): Payload {
  const definition = definitions.find((d) => d.name === name);
  const found = definition?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no ${name}.${action} example in @octokit/webhooks-examples`);
  return structuredClone(found) as Payload;
}

export interface CommentVariant {
  body: string;
  login?: string;
  type?: string;
  viaApp?: boolean;
  /** issue_comment on a pull request (the issue carries a `pull_request` link). */
  onPullRequest?: boolean;
}

/** An example payload with the comment's body and author replaced. */
export function commentPayload(
  name: 'issue_comment' | 'pull_request_review_comment',
  action: string,
  variant: CommentVariant,
): Payload {
  const payload = example(name, action);
  payload.comment.body = variant.body;
  const user = payload.comment.user;
  if (variant.login) user.login = variant.login;
  if (variant.type) user.type = variant.type;
  if (variant.viaApp) {
    payload.comment.performed_via_github_app = { id: 1, slug: 'some-app', name: 'Some App' };
  }
  if (variant.onPullRequest) {
    const issue = payload.issue as Record<string, unknown>;
    const url = `https://api.github.com/repos/${payload.repository.full_name}/pulls/${String(issue.number)}`;
    issue.pull_request = { url, html_url: url, diff_url: `${url}.diff`, patch_url: `${url}.patch` };
  }
  return payload;
}

/** Makes a pull_request_review_comment payload come from a fork. */
export function fromFork(payload: Payload, forkOwner = 'forker'): Payload {
  const pr = payload.pull_request as { head: { repo: Record<string, unknown> } };
  pr.head.repo = { ...pr.head.repo, full_name: `${forkOwner}/Hello-World`, owner: { login: forkOwner } };
  return payload;
}

export interface LabelVariant {
  label: string;
  login?: string;
  type?: string;
  title?: string;
  body?: string | null;
}

/** An issues.labeled or pull_request.labeled example with the label, labeller and text replaced. */
export function labeledPayload(
  name: 'issues' | 'pull_request',
  variant: LabelVariant,
): Record<string, unknown> {
  const payload = example(name, 'labeled') as Record<string, unknown>;
  (payload.label as Record<string, unknown>).name = variant.label;
  const sender = payload.sender as Record<string, unknown>;
  if (variant.login) sender.login = variant.login;
  if (variant.type) sender.type = variant.type;
  const item = payload[name === 'issues' ? 'issue' : 'pull_request'] as Record<string, unknown>;
  if (variant.title !== undefined) item.title = variant.title;
  if (variant.body !== undefined) item.body = variant.body;
  return payload;
}
