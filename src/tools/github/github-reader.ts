/**
 * Read-only GitHub REST access for the context tools: GET requests only,
 * always on the event's repository, with the step's token, through Octokit
 * (base URL from GITHUB_API_URL, so GHES and the tests' stand-in work). Every
 * answer is cached for the run: model code asking twice costs one request.
 */
import { getOctokit } from '@actions/github';

type Octokit = ReturnType<typeof getOctokit>;

/** Limit of one request (redirects included): a hung API must not hold model code until the run's timeout. */
export const GITHUB_REQUEST_TIMEOUT_MS = 30_000;

export interface RepoScope {
  owner: string;
  repo: string;
}

/** Routes the tools use; all GET, all under /repos/{owner}/{repo}. */
export type ReadRoute =
  | 'GET /repos/{owner}/{repo}/pulls/{pull_number}'
  | 'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments'
  | 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews'
  | 'GET /repos/{owner}/{repo}/issues/{issue_number}'
  | 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments'
  | 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs'
  | 'GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs'
  | 'GET /repos/{owner}/{repo}/contents/{path}';

export class GitHubReader {
  private readonly octokit: Octokit;
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(
    token: string,
    readonly scope: RepoScope,
    baseUrl?: string,
    private readonly timeoutMs = GITHUB_REQUEST_TIMEOUT_MS,
  ) {
    this.octokit = getOctokit(token, baseUrl ? { baseUrl } : {});
  }

  /** The response body of a GET on the event's repository; the same request is made once per run. */
  async get(
    route: ReadRoute,
    params: Record<string, string | number> = {},
    accept?: string,
  ): Promise<unknown> {
    const key = JSON.stringify([route, params, accept ?? null]);
    let pending = this.cache.get(key);
    if (pending === undefined) {
      // The route union is checked above; Octokit's per-route parameter types cannot follow a union.
      const request = this.octokit.request as (
        route: string,
        parameters: Record<string, unknown>,
      ) => Promise<{ data: unknown }>;
      pending = request(route, {
        ...params,
        ...this.scope,
        ...(accept === undefined ? {} : { headers: { accept } }),
        request: { signal: AbortSignal.timeout(this.timeoutMs) },
      }).then((response) => response.data);
      // A failure is not cached: a retry of the same call may succeed.
      pending.catch(() => this.cache.delete(key));
      this.cache.set(key, pending);
    }
    return pending;
  }
}
