/**
 * A local stand-in for the GitHub REST endpoints the action calls, for tests that run the action (or its
 * Octokit adapter) against it through GITHUB_API_URL. It keeps a tiny in-memory repository (comments,
 * review comments, issues, collaborators, one pull request, files on the default branch) and records every
 * request in order, so tests can assert the exact calls.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback-server.js';

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. /repos/o/r/issues/1/comments. */
  path: string;
  query: Record<string, string>;
  accept: string;
  authorization: string;
  /** Parsed JSON body, or null. */
  body: Record<string, unknown> | null;
}

export interface StoredComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; type: string };
}

export interface StoredIssue {
  number: number;
  title: string;
  body: string;
  html_url: string;
  state: 'open' | 'closed';
  user: { login: string; type: string };
  pull_request?: Record<string, unknown>;
}

export interface PullRequestState {
  number: number;
  headRepo: string;
  baseRepo: string;
  headSha: string;
  diff: string;
}

export interface FakeGitHubOptions {
  owner: string;
  repo: string;
  defaultBranch?: string;
  /** login → permission (admin | write | read | none) and role. Missing logins answer 404. */
  collaborators?: Record<string, { permission: string; role_name: string }>;
  pullRequests?: PullRequestState[];
  /** "path@ref" → text, served by the contents API. */
  files?: Record<string, string>;
  issues?: StoredIssue[];
  /** Existing issue comments per issue/PR number. */
  issueComments?: Record<number, StoredComment[]>;
  /** Existing review comments per pull request number. */
  reviewComments?: Record<number, StoredComment[]>;
}

export interface Failure {
  method: string;
  path: RegExp;
  status: number;
  /** How many matching requests fail (default: all). */
  times?: number;
  /** Response headers, e.g. retry-after or x-ratelimit-remaining. */
  headers?: Record<string, string>;
  /** GitHub's error message (default "injected failure <status>"). */
  message?: string;
}

/** A request answered as given instead of by the in-memory repository (odd media types, odd bodies). */
export interface Override {
  method: string;
  path: RegExp;
  status: number;
  contentType: string;
  body: string;
}

export class FakeGitHub extends LoopbackServer {
  readonly requests: RecordedRequest[] = [];
  readonly issueComments = new Map<number, StoredComment[]>();
  readonly reviewComments = new Map<number, StoredComment[]>();
  readonly issues: StoredIssue[];
  readonly reactions: Array<{ kind: 'issue' | 'review'; commentId: number; content: string }> = [];
  private readonly failures: Failure[] = [];
  private readonly overrides: Override[] = [];
  private nextId = 9_000_001;

  constructor(private readonly options: FakeGitHubOptions) {
    super();
    this.issues = [...(options.issues ?? [])];
    for (const [number, comments] of Object.entries(options.issueComments ?? {})) {
      this.issueComments.set(Number(number), [...comments]);
    }
    for (const [number, comments] of Object.entries(options.reviewComments ?? {})) {
      this.reviewComments.set(Number(number), [...comments]);
    }
  }

  /** Requests to `method` + `path` fail with `status`. */
  fail(failure: Failure): void {
    this.failures.push({ ...failure });
  }

  /** Requests to `method` + `path` get this answer, every time. */
  override(override: Override): void {
    this.overrides.push(override);
  }

  /** "METHOD /path" of every request, in order. */
  calls(): string[] {
    return this.requests.map((request) => `${request.method} ${request.path}`);
  }

  private get base(): string {
    return `/repos/${this.options.owner}/${this.options.repo}`;
  }

  private htmlBase(): string {
    return `https://github.com/${this.options.owner}/${this.options.repo}`;
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://localhost');
    let body: Record<string, unknown> | null = null;
    if (text) {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = null;
      }
    }
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: Object.fromEntries(url.searchParams),
      accept: String(request.headers.accept ?? ''),
      authorization: String(request.headers.authorization ?? ''),
      body,
    };
    this.requests.push(recorded);

    const failure = this.failures.find(
      (f) => f.method === recorded.method && f.path.test(recorded.path) && (f.times ?? 1) > 0,
    );
    if (failure) {
      if (failure.times !== undefined) failure.times -= 1;
      response.writeHead(failure.status, {
        'content-type': 'application/json; charset=utf-8',
        ...failure.headers,
      });
      response.end(JSON.stringify({ message: failure.message ?? `injected failure ${failure.status}` }));
      return;
    }
    const override = this.overrides.find((o) => o.method === recorded.method && o.path.test(recorded.path));
    if (override) {
      this.text(response, override.status, override.body, override.contentType);
      return;
    }
    try {
      this.route(recorded, response);
    } catch (error) {
      this.json(response, 500, { message: String(error) });
    }
  }

  private json(response: ServerResponse, status: number, value: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(value));
  }

  private text(response: ServerResponse, status: number, value: string, type: string): void {
    response.writeHead(status, { 'content-type': type });
    response.end(value);
  }

  private newComment(body: string, htmlPath: string): StoredComment {
    const id = this.nextId++;
    return {
      id,
      body,
      html_url: `${this.htmlBase()}/${htmlPath}#issuecomment-${id}`,
      user: { login: 'github-actions[bot]', type: 'Bot' },
    };
  }

  private findComment(map: Map<number, StoredComment[]>, id: number): StoredComment | undefined {
    for (const comments of map.values()) {
      const found = comments.find((comment) => comment.id === id);
      if (found) return found;
    }
    return undefined;
  }

  private route(request: RecordedRequest, response: ServerResponse): void {
    const { method, path } = request;
    const base = this.base;
    const body = request.body ?? {};
    let match: RegExpExecArray | null;

    if (method === 'GET' && path === base) {
      this.json(response, 200, {
        full_name: `${this.options.owner}/${this.options.repo}`,
        default_branch: this.options.defaultBranch ?? 'main',
      });
      return;
    }
    if (
      method === 'GET' &&
      (match = /^\/collaborators\/([^/]+)\/permission$/.exec(path.slice(base.length)))
    ) {
      const login = match[1] ?? '';
      const entry = this.options.collaborators?.[login];
      if (!entry) {
        this.json(response, 404, { message: 'Not Found' });
        return;
      }
      this.json(response, 200, { ...entry, user: { login } });
      return;
    }
    if (
      method === 'POST' &&
      (match = /^\/(issues|pulls)\/comments\/(\d+)\/reactions$/.exec(path.slice(base.length)))
    ) {
      this.reactions.push({
        kind: match[1] === 'issues' ? 'issue' : 'review',
        commentId: Number(match[2]),
        content: String(body.content),
      });
      this.json(response, 201, { id: this.reactions.length, content: body.content });
      return;
    }
    if ((match = /^\/issues\/(\d+)\/comments$/.exec(path.slice(base.length)))) {
      const number = Number(match[1]);
      const comments = this.issueComments.get(number) ?? [];
      if (method === 'GET') {
        this.json(response, 200, comments);
        return;
      }
      if (method === 'POST') {
        const comment = this.newComment(String(body.body), `issues/${number}`);
        comments.push(comment);
        this.issueComments.set(number, comments);
        this.json(response, 201, comment);
        return;
      }
    }
    if (method === 'PATCH' && (match = /^\/(issues|pulls)\/comments\/(\d+)$/.exec(path.slice(base.length)))) {
      const comment = this.findComment(
        match[1] === 'issues' ? this.issueComments : this.reviewComments,
        Number(match[2]),
      );
      if (!comment) {
        this.json(response, 404, { message: 'Not Found' });
        return;
      }
      comment.body = String(body.body);
      this.json(response, 200, comment);
      return;
    }
    if ((match = /^\/pulls\/(\d+)\/comments$/.exec(path.slice(base.length))) && method === 'GET') {
      this.json(response, 200, this.reviewComments.get(Number(match[1])) ?? []);
      return;
    }
    if (
      method === 'POST' &&
      (match = /^\/pulls\/(\d+)\/comments\/(\d+)\/replies$/.exec(path.slice(base.length)))
    ) {
      const number = Number(match[1]);
      const comments = this.reviewComments.get(number) ?? [];
      const comment = {
        ...this.newComment(String(body.body), `pull/${number}`),
        in_reply_to_id: Number(match[2]),
      };
      comments.push(comment);
      this.reviewComments.set(number, comments);
      this.json(response, 201, comment);
      return;
    }
    if (method === 'GET' && (match = /^\/pulls\/(\d+)$/.exec(path.slice(base.length)))) {
      const pr = this.options.pullRequests?.find((candidate) => candidate.number === Number(match?.[1]));
      if (!pr) {
        this.json(response, 404, { message: 'Not Found' });
        return;
      }
      if (request.accept.includes('diff')) {
        this.text(response, 200, pr.diff, 'text/plain; charset=utf-8');
        return;
      }
      this.json(response, 200, {
        number: pr.number,
        head: { sha: pr.headSha, repo: { full_name: pr.headRepo } },
        base: { repo: { full_name: pr.baseRepo } },
      });
      return;
    }
    if (method === 'GET' && path.startsWith(`${base}/contents/`)) {
      const file = path.slice(`${base}/contents/`.length);
      const ref = request.query.ref ?? this.options.defaultBranch ?? 'main';
      const content = this.options.files?.[`${file}@${ref}`];
      if (content === undefined) {
        this.json(response, 404, { message: 'Not Found' });
        return;
      }
      if (request.accept.includes('raw')) {
        this.text(response, 200, content, 'application/vnd.github.raw; charset=utf-8');
        return;
      }
      this.json(response, 200, {
        type: 'file',
        encoding: 'base64',
        content: Buffer.from(content).toString('base64'),
      });
      return;
    }
    if (path === `${base}/issues`) {
      if (method === 'GET') {
        this.json(
          response,
          200,
          this.issues.filter((issue) => issue.state === (request.query.state ?? 'open')),
        );
        return;
      }
      if (method === 'POST') {
        const number = this.issues.reduce((max, issue) => Math.max(max, issue.number), 0) + 1;
        const issue: StoredIssue = {
          number,
          title: String(body.title),
          body: String(body.body ?? ''),
          html_url: `${this.htmlBase()}/issues/${number}`,
          state: 'open',
          user: { login: 'github-actions[bot]', type: 'Bot' },
        };
        this.issues.push(issue);
        this.json(response, 201, issue);
        return;
      }
    }
    if (method === 'PATCH' && (match = /^\/issues\/(\d+)$/.exec(path.slice(base.length)))) {
      const issue = this.issues.find((candidate) => candidate.number === Number(match?.[1]));
      if (!issue) {
        this.json(response, 404, { message: 'Not Found' });
        return;
      }
      if (typeof body.title === 'string') issue.title = body.title;
      if (typeof body.body === 'string') issue.body = body.body;
      this.json(response, 200, issue);
      return;
    }
    this.json(response, 404, { message: `no route for ${method} ${path}` });
  }
}
