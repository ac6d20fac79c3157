/**
 * Where a run's result goes, by trigger: the command's one comment, one comment on the pull request, the
 * scheduled audit's one issue, or nowhere on GitHub (job summary and outputs only).
 */
import { upsertAuditIssue } from '../github/audit-issue.js';
import { CommentSession, type Clock } from '../github/comment-session.js';
import type { CommentThread } from '../triggers/event.js';
import type { GitHubPort } from '../github/github-port.js';

export interface ResultChannel {
  readonly kind: 'command-comment' | 'label-comment' | 'pr-comment' | 'audit-issue' | 'none';
  /** Announces the run (the progress comment). Throws when GitHub refuses the write. */
  start(body: string): Promise<void>;
  /** A throttled progress update; never throws. */
  progress(body: string): void;
  /** Writes the result; returns its URL. Throws when GitHub refuses the write. */
  finish(body: string): Promise<string | null>;
  /** Progress writes that failed along the way. */
  readonly failures: readonly string[];
}

export const noChannel: ResultChannel = {
  kind: 'none',
  start: async () => undefined,
  progress: () => undefined,
  finish: async () => null,
  failures: [],
};

export function commentChannel(
  kind: 'command-comment' | 'label-comment' | 'pr-comment',
  github: GitHubPort,
  thread: CommentThread,
  marker: string,
  options: { replyTo?: number; minIntervalMs: number; clock?: Clock; sanitize: (body: string) => string },
): ResultChannel {
  const session = new CommentSession(github, { thread, marker, ...options });
  return {
    kind,
    start: async (body) => {
      await session.open(body);
    },
    progress: (body) => {
      session.progress(body);
    },
    finish: async (body) => (await session.finish(body)).url,
    get failures() {
      return session.failures;
    },
  };
}

export function auditChannel(
  github: GitHubPort,
  marker: string,
  title: string,
  sanitize: (body: string) => string,
): ResultChannel {
  return {
    kind: 'audit-issue',
    start: async () => undefined,
    progress: () => undefined,
    finish: async (body) => (await upsertAuditIssue(github, marker, title, sanitize(body))).issue.url,
    failures: [],
  };
}
