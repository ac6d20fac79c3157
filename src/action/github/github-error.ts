/**
 * One error for every failed GitHub REST call: what the action was doing, GitHub's status and message, and
 * what to do about it. RestGitHub wraps each Octokit call once, so no bare "Server Error" reaches a log,
 * a comment or the step's failure.
 */
import { ExitCode, RlmError } from '../../errors.js';

export class GitHubApiError extends RlmError {
  readonly exitCode = ExitCode.Execution;
  /** HTTP status, or undefined when GitHub was not reached at all. */
  readonly status: number | undefined;

  constructor(doing: string, status: number | undefined, detail: string, cause: unknown, fix?: string) {
    super(`GitHub API: ${doing} failed: ${status === undefined ? '' : `${status} `}${detail}`, {
      fix: fix ?? fixFor(status, detail),
      cause,
    });
    this.status = status;
  }
}

function fixFor(status: number | undefined, detail: string): string {
  if (status === undefined) {
    return "GitHub could not be reached: check the runner's network and GITHUB_API_URL (on GitHub Enterprise Server it is https://<host>/api/v3).";
  }
  if (status === 401) {
    return 'The token is invalid or expired: leave `github-token` at its default (${{ github.token }}) or pass a valid token.';
  }
  if ((status === 403 || status === 429) && /rate limit/i.test(detail)) {
    return "GitHub's rate limit held after the retries: re-run the job later, or run the action less often.";
  }
  if (status === 403) {
    return 'The token lacks a permission: give the job `permissions:` with `contents: read`, `issues: write` and `pull-requests: write` (docs/action.md lists what each trigger needs). Pull requests from forks only get a read-only token.';
  }
  if (status === 404) {
    return 'Not found, or not visible to this token: check the repository and that the token can read it (`contents: read`).';
  }
  if (status === 422) return 'GitHub refused the request as invalid; please report it with the log.';
  if (status >= 500) {
    return 'GitHub had a server error and the retries did not help: re-run the job (see https://www.githubstatus.com).';
  }
  return 'Check the token and the workflow permissions (docs/action.md), then re-run the job.';
}

/** GitHub's status; undefined when no answer came back (Octokit reports a failed fetch as 500, no response). */
function statusOf(error: unknown): number | undefined {
  if (error === null || typeof error !== 'object' || !('status' in error)) return undefined;
  if ('response' in error && error.response === undefined) return undefined;
  return typeof error.status === 'number' && error.status > 0 ? error.status : undefined;
}

function detailOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'no message';
}

/** Runs one GitHub call; any failure becomes a GitHubApiError saying what was being done. */
export async function describeFailure<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GitHubApiError) throw error;
    throw new GitHubApiError(doing, statusOf(error), detailOf(error), error);
  }
}
