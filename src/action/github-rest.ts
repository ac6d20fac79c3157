/**
 * The GitHubPort on Octokit (@actions/github). The API base URL comes from GITHUB_API_URL, so GHES and the
 * tests' local stand-in work unchanged.
 */
import { getOctokit } from '@actions/github';
import type { CommentThread, PullRequestRef } from './event.js';
import type {
  CollaboratorPermission,
  GitHubPort,
  PostedComment,
  PostedIssue,
  Reaction,
} from './github-port.js';

type Octokit = ReturnType<typeof getOctokit>;

interface Repo {
  owner: string;
  repo: string;
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

export class RestGitHub implements GitHubPort {
  private readonly octokit: Octokit;

  constructor(
    token: string,
    private readonly repo: Repo,
    baseUrl?: string,
  ) {
    this.octokit = getOctokit(token, baseUrl ? { baseUrl } : {});
  }

  async getCollaboratorPermission(username: string): Promise<CollaboratorPermission | null> {
    try {
      const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({
        ...this.repo,
        username,
      });
      const roleName = (data as { role_name?: unknown }).role_name;
      return { permission: data.permission, roleName: typeof roleName === 'string' ? roleName : null };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  async addReaction(thread: CommentThread, commentId: number, reaction: Reaction): Promise<void> {
    if (thread.kind === 'issue') {
      await this.octokit.rest.reactions.createForIssueComment({
        ...this.repo,
        comment_id: commentId,
        content: reaction,
      });
    } else {
      await this.octokit.rest.reactions.createForPullRequestReviewComment({
        ...this.repo,
        comment_id: commentId,
        content: reaction,
      });
    }
  }

  async listComments(thread: CommentThread): Promise<PostedComment[]> {
    if (thread.kind === 'issue') {
      const data = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
        ...this.repo,
        issue_number: thread.number,
        per_page: 100,
      });
      return data.map(comment);
    }
    const data = await this.octokit.paginate(this.octokit.rest.pulls.listReviewComments, {
      ...this.repo,
      pull_number: thread.pullNumber,
      per_page: 100,
    });
    return data.map(comment);
  }

  async createComment(thread: CommentThread, body: string, replyTo?: number): Promise<PostedComment> {
    if (thread.kind === 'issue' || replyTo === undefined) {
      const number = thread.kind === 'issue' ? thread.number : thread.pullNumber;
      const { data } = await this.octokit.rest.issues.createComment({
        ...this.repo,
        issue_number: number,
        body,
      });
      return comment(data);
    }
    const { data } = await this.octokit.rest.pulls.createReplyForReviewComment({
      ...this.repo,
      pull_number: thread.pullNumber,
      comment_id: replyTo,
      body,
    });
    return comment(data);
  }

  async updateComment(thread: CommentThread, commentId: number, body: string): Promise<PostedComment> {
    if (thread.kind === 'issue') {
      const { data } = await this.octokit.rest.issues.updateComment({
        ...this.repo,
        comment_id: commentId,
        body,
      });
      return comment(data);
    }
    const { data } = await this.octokit.rest.pulls.updateReviewComment({
      ...this.repo,
      comment_id: commentId,
      body,
    });
    return comment(data);
  }

  async getPullRequest(number: number): Promise<PullRequestRef> {
    const { data } = await this.octokit.rest.pulls.get({ ...this.repo, pull_number: number });
    return {
      number: data.number,
      headRepo: data.head.repo?.full_name ?? null,
      baseRepo: data.base.repo.full_name,
      headSha: data.head.sha,
    };
  }

  async getPullRequestDiff(number: number): Promise<string> {
    const response = await this.octokit.rest.pulls.get({
      ...this.repo,
      pull_number: number,
      mediaType: { format: 'diff' },
    });
    const data: unknown = response.data;
    return typeof data === 'string' ? data : String(data);
  }

  async getDefaultBranch(): Promise<string> {
    const { data } = await this.octokit.rest.repos.get({ ...this.repo });
    return data.default_branch;
  }

  async getFileText(path: string, ref: string): Promise<string | null> {
    try {
      const response = await this.octokit.rest.repos.getContent({
        ...this.repo,
        path,
        ref,
        mediaType: { format: 'raw' },
      });
      const data: unknown = response.data;
      return typeof data === 'string' ? data : null;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  async listOpenIssues(): Promise<PostedIssue[]> {
    const data = await this.octokit.paginate(this.octokit.rest.issues.listForRepo, {
      ...this.repo,
      state: 'open',
      per_page: 100,
    });
    return data.filter((item) => !item.pull_request).map(issue);
  }

  async createIssue(title: string, body: string): Promise<PostedIssue> {
    const { data } = await this.octokit.rest.issues.create({ ...this.repo, title, body });
    return issue(data);
  }

  async updateIssue(number: number, title: string, body: string): Promise<PostedIssue> {
    const { data } = await this.octokit.rest.issues.update({
      ...this.repo,
      issue_number: number,
      title,
      body,
    });
    return issue(data);
  }
}
