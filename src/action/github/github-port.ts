/**
 * Everything the action asks of the GitHub REST API, as one small port. The real adapter
 * (github-rest.ts) uses Octokit; tests point it at a local stand-in through GITHUB_API_URL.
 */
import type { CommentThread, PullRequestRef } from '../triggers/event.js';

export interface CollaboratorPermission {
  /** Legacy level: admin | write | read | none ("maintain" reports as write). */
  permission: string;
  /** Fine-grained role: admin | maintain | write | triage | read, or a custom role name. */
  roleName: string | null;
}

export interface PostedComment {
  id: number;
  url: string;
  body: string;
  /** Account type of the author ('Bot' for the workflow token); null when unknown. */
  authorType: string | null;
}

export interface PostedIssue {
  number: number;
  url: string;
  body: string;
  authorType: string | null;
}

export type Reaction = 'eyes' | 'rocket' | 'confused';

export interface GitHubPort {
  /** null when the user is not a collaborator (404). */
  getCollaboratorPermission(username: string): Promise<CollaboratorPermission | null>;
  addReaction(thread: CommentThread, commentId: number, reaction: Reaction): Promise<void>;
  /** Comments of the conversation: issue/PR comments, or review comments of the pull request. */
  listComments(thread: CommentThread): Promise<PostedComment[]>;
  /** A new comment in the thread; for review comments, a reply to `replyTo`. */
  createComment(thread: CommentThread, body: string, replyTo?: number): Promise<PostedComment>;
  updateComment(thread: CommentThread, commentId: number, body: string): Promise<PostedComment>;
  getPullRequest(number: number): Promise<PullRequestRef>;
  /** The PR as a unified diff (diff media type): read-only text, nothing is checked out. */
  getPullRequestDiff(number: number): Promise<string>;
  /** The repository's default branch. */
  getDefaultBranch(): Promise<string>;
  /** A file's text at `ref`, or null when it does not exist. */
  getFileText(path: string, ref: string): Promise<string | null>;
  /** Open issues (not pull requests), newest first. */
  listOpenIssues(): Promise<PostedIssue[]>;
  createIssue(title: string, body: string): Promise<PostedIssue>;
  updateIssue(number: number, title: string, body: string): Promise<PostedIssue>;
}
