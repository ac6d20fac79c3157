/**
 * A local stand-in for the read-only GitHub REST routes the context tools
 * call. Its bodies start from the published examples of @octokit/openapi, with
 * a scenario's values put in (a PR that fixes #12, a failed Actions job with a
 * log), and every request and JSON response is recorded so tests can check
 * both against the published description. Job logs answer 302 to a second
 * URL, as GitHub does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback-server.js';
import { exampleOf } from './openapi.js';

export interface ContextRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string;
  accept: string;
}

export interface ServedJson {
  path: string;
  body: unknown;
}

export interface ContextScenario {
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  prBody: string;
  /** issue number → title; others answer 404. */
  issues: Record<number, string>;
  failedJobId: number;
  failedJobLog: string;
  /** "path@ref" → text. */
  files: Record<string, string>;
}

type Json = Record<string, unknown>;

export class GitHubContextStandIn extends LoopbackServer {
  readonly requests: ContextRequest[] = [];
  readonly served: ServedJson[] = [];

  constructor(private readonly scenario: ContextScenario) {
    super();
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for await (const chunk of request) void chunk;
    const url = new URL(request.url ?? '/', 'http://localhost');
    const recorded: ContextRequest = {
      method: request.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: Object.fromEntries(url.searchParams),
      authorization: String(request.headers.authorization ?? ''),
      accept: String(request.headers.accept ?? ''),
    };
    this.requests.push(recorded);
    try {
      this.route(recorded, response);
    } catch (error) {
      this.json(response, recorded.path, 500, { message: String(error) });
    }
  }

  private json(response: ServerResponse, path: string, status: number, body: unknown): void {
    if (status === 200) this.served.push({ path, body });
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  }

  private route(request: ContextRequest, response: ServerResponse): void {
    const s = this.scenario;
    const base = `/repos/${s.owner}/${s.repo}`;
    const { path } = request;
    if (path === `/_blob/jobs/${s.failedJobId}.txt`) {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(s.failedJobLog);
      return;
    }
    const rest = path.startsWith(base) ? path.slice(base.length) : null;
    let match: RegExpExecArray | null;
    if (request.method !== 'GET' || rest === null) {
      this.json(response, path, 404, { message: 'Not Found' });
      return;
    }
    if (rest === `/pulls/${s.pullNumber}`) {
      const pull = exampleOf('/repos/{owner}/{repo}/pulls/{pull_number}') as Json;
      // The published example's team lacks `type`, which its own schema requires.
      this.json(response, path, 200, {
        ...pull,
        number: s.pullNumber,
        title: 'Retry uploads',
        body: s.prBody,
        state: 'open',
        requested_teams: [],
        head: { ...(pull.head as Json), ref: 'retry-uploads', sha: s.headSha },
        base: { ...(pull.base as Json), ref: 'main' },
      });
      return;
    }
    if (rest === `/issues/${s.pullNumber}/comments`) {
      const [comment] = exampleOf('/repos/{owner}/{repo}/issues/{issue_number}/comments') as Json[];
      this.json(response, path, 200, [
        {
          ...comment,
          id: 1,
          body: 'CI is red on the upload test.',
          user: { ...(comment?.user as Json), login: 'alice' },
        },
        {
          ...comment,
          id: 2,
          body: '/rlm run why did CI fail?',
          user: { ...(comment?.user as Json), login: 'bob' },
        },
      ]);
      return;
    }
    if (rest === `/pulls/${s.pullNumber}/reviews`) {
      const [review] = exampleOf('/repos/{owner}/{repo}/pulls/{pull_number}/reviews') as Json[];
      this.json(response, path, 200, [
        {
          ...review,
          state: 'CHANGES_REQUESTED',
          body: 'Please cap the retries.',
          user: { ...(review?.user as Json), login: 'carol' },
        },
      ]);
      return;
    }
    if (rest === `/pulls/${s.pullNumber}/comments`) {
      // The example is itself a reply; the scenario decides which comment answers which.
      const [{ in_reply_to_id: _reply, ...comment } = {}] = exampleOf(
        '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
      ) as Json[];
      const user = (login: string) => ({ ...(comment?.user as Json), login });
      this.json(response, path, 200, [
        {
          ...comment,
          id: 10,
          path: 'src/upload.ts',
          line: 42,
          body: 'Unbounded loop here.',
          user: user('carol'),
        },
        {
          ...comment,
          id: 11,
          in_reply_to_id: 10,
          path: 'src/upload.ts',
          line: 42,
          body: 'Will cap at 3.',
          user: user('alice'),
        },
        { ...comment, id: 12, path: 'README.md', line: 3, body: 'Typo.', user: user('carol') },
      ]);
      return;
    }
    if ((match = /^\/issues\/(\d+)$/.exec(rest))) {
      const title = s.issues[Number(match[1])];
      if (title === undefined) {
        this.json(response, path, 404, { message: 'Not Found' });
        return;
      }
      const issue = exampleOf('/repos/{owner}/{repo}/issues/{issue_number}') as Json;
      this.json(response, path, 200, {
        ...issue,
        number: Number(match[1]),
        title,
        state: 'open',
        body: 'Uploads fail on flaky networks.',
      });
      return;
    }
    if (rest === `/commits/${s.headSha}/check-runs`) {
      const example = exampleOf('/repos/{owner}/{repo}/commits/{ref}/check-runs') as Json;
      const [run] = example.check_runs as Json[];
      const actionsApp = { ...(run?.app as Json), slug: 'github-actions' };
      this.json(response, path, 200, {
        total_count: 2,
        check_runs: [
          {
            ...run,
            id: 4241,
            name: 'lint',
            status: 'completed',
            conclusion: 'success',
            head_sha: s.headSha,
            app: actionsApp,
          },
          {
            ...run,
            id: s.failedJobId,
            name: 'test',
            status: 'completed',
            conclusion: 'failure',
            head_sha: s.headSha,
            app: actionsApp,
          },
        ],
      });
      return;
    }
    if (rest === `/actions/jobs/${s.failedJobId}/logs`) {
      response.writeHead(302, { location: `${this.url}/_blob/jobs/${s.failedJobId}.txt` });
      response.end();
      return;
    }
    if (rest.startsWith('/contents/')) {
      const file = rest.slice('/contents/'.length);
      const content = s.files[`${file}@${request.query.ref ?? 'main'}`];
      if (content === undefined) {
        this.json(response, path, 404, { message: 'Not Found' });
        return;
      }
      response.writeHead(200, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
      response.end(content);
      return;
    }
    this.json(response, path, 404, { message: `no route for ${request.method} ${path}` });
  }
}

/** The blob a job-log redirect points at (outside /repos, like GitHub's storage URL). */
export function isLogBlob(path: string): boolean {
  return path.startsWith('/_blob/');
}
