/**
 * The GitHubPort on Octokit (@actions/github). The API base URL comes from GITHUB_API_URL, so GHES and the
 * tests' local stand-in work unchanged.
 *
 * Every call goes through Octokit's retry and throttling plugins, as GitHub recommends: 5xx and plain 429
 * answers are retried with backoff; primary and secondary rate limits wait for `retry-after` (or the reset
 * time) and retry; writes are spaced a second apart. A call that still fails throws a GitHubApiError that
 * says what the action was doing and what to do about it.
 */
import type { ThrottlingOptions } from '@octokit/plugin-throttling';
import type { CommentThread, PullRequestRef } from '../triggers/event.js';
import { describeFailure, GitHubApiError } from './github-error.js';
import type {
  CollaboratorPermission,
  GitHubPort,
  PostedComment,
  PostedIssue,
  Reaction,
} from './github-port.js';

import type { Octokit } from './octokit-client.js';

interface Repo {
  owner: string;
  repo: string;
}

export interface RestGitHubOptions {
  /** GITHUB_API_URL; Octokit's default (api.github.com) when unset. */
  baseUrl?: string;
  /** Where rate-limit waits are reported (core.warning in the action). */
  warn?: (message: string) => void;
  /** Retries of a 5xx / 429 answer (default 3). */
  retries?: number;
  /** Rate-limit retries before giving up (default 2). */
  rateLimitRetries?: number;
  /** Longest rate-limit wait worth taking, in seconds (default 300): a reset an hour away fails instead. */
  maxRateLimitWaitSeconds?: number;
  /**
   * Milliseconds per unit of backoff: the retry plugin waits (n²) units, the throttling plugin waits
   * `retry-after` seconds × this / 1000. Default 1000; tests pass 1 to keep waits tiny.
   */
  backoffUnitMs?: number;
  /** Throttling plugin's write limiter (default: one write per second, GitHub's advice); tests pass their own. */
  writeLimiter?: ThrottlingOptions['write'];
  /** Limiter of writes that notify people, e.g. new comments (default: one per 3 s); tests pass their own. */
  notificationLimiter?: ThrottlingOptions['notifications'];
}

function statusOf(error: unknown): number | undefined {
  if (error !== null && typeof error === 'object' && 'status' in error) {
    const status = (error as { status: unknown }).status;
    return typeof status === 'number' ? status : undefined;
  }
  return undefined;
}

interface Authored {
  user?: { type?: string } | null;
}

function comment(data: { id: number; html_url: string; body?: string | null } & Authored): PostedComment {
  return { id: data.id, url: data.html_url, body: data.body ?? '', authorType: data.user?.type ?? null };
}

function issue(data: { number: number; html_url: string; body?: string | null } & Authored): PostedIssue {
  return {
    number: data.number,
    url: data.html_url,
    body: data.body ?? '',
    authorType: data.user?.type ?? null,
  };
}

function threadName(thread: CommentThread): string {
  return thread.kind === 'issue' ? `#${thread.number}` : `the review comments of #${thread.pullNumber}`;
}

/** The contents API's JSON form of a file (when the raw media type was not honoured). */
function fileFromJson(data: unknown): string | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const entry = data as { type?: unknown; encoding?: unknown; content?: unknown };
  if (entry.type === 'file' && entry.encoding === 'base64' && typeof entry.content === 'string') {
    return Buffer.from(entry.content, 'base64').toString('utf8');
  }
  return null;
}

function describeShape(data: unknown): string {
  if (Array.isArray(data)) return 'a directory listing';
  if (data !== null && typeof data === 'object' && 'type' in data) return `a ${String(data.type)} entry`;
  return `a ${typeof data} body`;
}

export class RestGitHub implements GitHubPort {
  /** Octokit and its plugins load on the first call: an event that needs no GitHub call never loads them. */
  private client: Promise<Octokit> | undefined;

  constructor(
    private readonly token: string,
    private readonly repo: Repo,
    private readonly options: RestGitHubOptions = {},
  ) {}

  private octokit(): Promise<Octokit> {
    this.client ??= import('./octokit-client.js').then(({ createOctokit }) =>
      createOctokit(this.token, this.options),
    );
    return this.client;
  }

  async getCollaboratorPermission(username: string): Promise<CollaboratorPermission | null> {
    return describeFailure(`checking the repository permission of @${username}`, async () => {
      const octokit = await this.octokit();
      try {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
          ...this.repo,
          username,
        });
        const roleName = (data as { role_name?: unknown }).role_name;
        return { permission: data.permission, roleName: typeof roleName === 'string' ? roleName : null };
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw error;
      }
    });
  }

  async addReaction(thread: CommentThread, commentId: number, reaction: Reaction): Promise<void> {
    await describeFailure(`adding the ${reaction} reaction to comment ${commentId}`, async () => {
      const octokit = await this.octokit();
      if (thread.kind === 'issue') {
        await octokit.rest.reactions.createForIssueComment({
          ...this.repo,
          comment_id: commentId,
          content: reaction,
        });
      } else {
        await octokit.rest.reactions.createForPullRequestReviewComment({
          ...this.repo,
          comment_id: commentId,
          content: reaction,
        });
      }
    });
  }

  async listComments(thread: CommentThread): Promise<PostedComment[]> {
    return describeFailure(`listing the comments of ${threadName(thread)}`, async () => {
      const octokit = await this.octokit();
      if (thread.kind === 'issue') {
        const data = await octokit.paginate(octokit.rest.issues.listComments, {
          ...this.repo,
          issue_number: thread.number,
          per_page: 100,
        });
        return data.map(comment);
      }
      const data = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
        ...this.repo,
        pull_number: thread.pullNumber,
        per_page: 100,
      });
      return data.map(comment);
    });
  }

  async createComment(thread: CommentThread, body: string, replyTo?: number): Promise<PostedComment> {
    return describeFailure(`creating a comment on ${threadName(thread)}`, async () => {
      const octokit = await this.octokit();
      if (thread.kind === 'issue' || replyTo === undefined) {
        const number = thread.kind === 'issue' ? thread.number : thread.pullNumber;
        const { data } = await octokit.rest.issues.createComment({
          ...this.repo,
          issue_number: number,
          body,
        });
        return comment(data);
      }
      const { data } = await octokit.rest.pulls.createReplyForReviewComment({
        ...this.repo,
        pull_number: thread.pullNumber,
        comment_id: replyTo,
        body,
      });
      return comment(data);
    });
  }

  async updateComment(thread: CommentThread, commentId: number, body: string): Promise<PostedComment> {
    return describeFailure(`editing comment ${commentId} on ${threadName(thread)}`, async () => {
      const octokit = await this.octokit();
      if (thread.kind === 'issue') {
        const { data } = await octokit.rest.issues.updateComment({
          ...this.repo,
          comment_id: commentId,
          body,
        });
        return comment(data);
      }
      const { data } = await octokit.rest.pulls.updateReviewComment({
        ...this.repo,
        comment_id: commentId,
        body,
      });
      return comment(data);
    });
  }

  async getPullRequest(number: number): Promise<PullRequestRef> {
    return describeFailure(`reading pull request #${number}`, async () => {
      const octokit = await this.octokit();
      const { data } = await octokit.rest.pulls.get({ ...this.repo, pull_number: number });
      return {
        number: data.number,
        headRepo: data.head.repo?.full_name ?? null,
        baseRepo: data.base.repo.full_name,
        headSha: data.head.sha,
      };
    });
  }

  async getPullRequestDiff(number: number): Promise<string> {
    return describeFailure(`reading the diff of pull request #${number}`, async () => {
      const octokit = await this.octokit();
      const response = await octokit.rest.pulls.get({
        ...this.repo,
        pull_number: number,
        mediaType: { format: 'diff' },
      });
      const data: unknown = response.data;
      return typeof data === 'string' ? data : String(data);
    });
  }

  async getDefaultBranch(): Promise<string> {
    return describeFailure('reading the default branch of the repository', async () => {
      const octokit = await this.octokit();
      const { data } = await octokit.rest.repos.get({ ...this.repo });
      return data.default_branch;
    });
  }

  /**
   * The raw media type answers with the file's text. A JSON answer (a proxy that dropped the Accept
   * header) is decoded when it is a base64 file; anything else (a directory, a submodule, an unknown
   * body) throws: taking it for "no file" would silently drop the repository's budget and image.
   */
  async getFileText(path: string, ref: string): Promise<string | null> {
    const doing = `reading ${path} at ${ref}`;
    return describeFailure(doing, async () => {
      const octokit = await this.octokit();
      let data: unknown;
      try {
        data = (
          await octokit.rest.repos.getContent({
            ...this.repo,
            path,
            ref,
            mediaType: { format: 'raw' },
          })
        ).data;
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw error;
      }
      if (typeof data === 'string') return data;
      const decoded = fileFromJson(data);
      if (decoded !== null) return decoded;
      throw new GitHubApiError(
        doing,
        200,
        `the contents API answered with ${describeShape(data)}, not the file's text`,
        null,
        `Make ${path} on ${ref} a regular file (not a directory, symlink or submodule), or remove it; if GITHUB_API_URL goes through a proxy, make it pass the Accept header on.`,
      );
    });
  }

  async listOpenIssues(): Promise<PostedIssue[]> {
    return describeFailure('listing the open issues', async () => {
      const octokit = await this.octokit();
      const data = await octokit.paginate(octokit.rest.issues.listForRepo, {
        ...this.repo,
        state: 'open',
        per_page: 100,
      });
      return data.filter((item) => !item.pull_request).map(issue);
    });
  }

  async createIssue(title: string, body: string): Promise<PostedIssue> {
    return describeFailure(`creating the issue "${title}"`, async () => {
      const octokit = await this.octokit();
      const { data } = await octokit.rest.issues.create({ ...this.repo, title, body });
      return issue(data);
    });
  }

  async updateIssue(number: number, title: string, body: string): Promise<PostedIssue> {
    return describeFailure(`updating issue #${number}`, async () => {
      const octokit = await this.octokit();
      const { data } = await octokit.rest.issues.update({
        ...this.repo,
        issue_number: number,
        title,
        body,
      });
      return issue(data);
    });
  }
}
