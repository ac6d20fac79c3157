/**
 * Read-only GitHub context for model code in the Action: the pull request's
 * conversation and review threads, the issues it links, check runs with the
 * log of a failed job, and a file at a ref. So `/rlm run why did CI fail?`
 * can answer from the logs. Scoped to the event's repository and token (see
 * GitHubReader), every result size-capped, every request cached for the run.
 * Failures come back to Python as "Error: ..." strings.
 */
import type { RegisteredTool, ToolProvider } from '../../core/tool-registry.js';
import type { ToolFunction, ToolSchema } from '../../rlm-options.js';
import { capValue } from '../tool-result.js';
import type { GitHubReader } from './github-reader.js';

/** Characters of one tool result handed to the code. */
export const MAX_GITHUB_RESULT_CHARS = 60_000;
/** Characters kept of one body (PR, comment, issue, check summary). */
export const MAX_BODY_CHARS = 4_000;
/** Lines of a failed job's log kept (its end, where the failure is). */
export const DEFAULT_LOG_LINES = 200;
const MAX_LINKED_ISSUES = 10;
const PER_PAGE = 100;
export const GITHUB_TOOL_SERVER = 'github';

export interface EventScope {
  /** The pull request (or issue) the event is about; the default of `number`. */
  number: number | null;
  /** The commit the event is about (GITHUB_SHA); the default ref of check runs when there is no PR. */
  sha: string | null;
}

type Json = Record<string, unknown>;
const FAILED = new Set(['failure', 'timed_out', 'startup_failure', 'action_required']);

function record(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(record) : [];
}

function text(value: unknown, max = MAX_BODY_CHARS): string {
  const body = typeof value === 'string' ? value : '';
  return body.length > max ? `${body.slice(0, max)}\n[... ${body.length - max} characters cut]` : body;
}

function login(value: unknown): string | null {
  const name = record(value).login;
  return typeof name === 'string' ? name : null;
}

function positiveInteger(value: unknown, name: string): number {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
    throw new Error(`${name} must be a positive whole number`);
  }
  return number;
}

export class GitHubContextTools implements ToolProvider {
  constructor(
    private readonly reader: GitHubReader,
    private readonly event: EventScope,
  ) {}

  async start(taken: readonly string[]): Promise<RegisteredTool[]> {
    const tools: Array<[ToolSchema, ToolFunction]> = [
      [
        {
          name: 'github_pull_request',
          description:
            "The pull request's title, body, branches, conversation (comments), reviews and review threads (inline comments with their diff hunk). Default: this event's pull request.",
          parameters: { number: { type: 'integer', description: 'pull request number' } },
          required: [],
        },
        (args) => this.pullRequest(this.numberOf(args)),
      ],
      [
        {
          name: 'github_linked_issues',
          description:
            'Issues the pull request refers to (#123, "fixes #123", issue URLs of this repository): number, title, state, labels, body.',
          parameters: { number: { type: 'integer', description: 'pull request number' } },
          required: [],
        },
        (args) => this.linkedIssues(this.numberOf(args)),
      ],
      [
        {
          name: 'github_check_runs',
          description:
            "Check runs of a commit (default: the pull request's head) with name, status and conclusion; each failed GitHub Actions job comes with the end of its log.",
          parameters: {
            ref: { type: 'string', description: 'commit SHA, branch or tag' },
            log_lines: {
              type: 'integer',
              description: `lines of each failed job's log (default ${DEFAULT_LOG_LINES})`,
            },
          },
          required: [],
        },
        (args) => this.checkRuns(args),
      ],
      [
        {
          name: 'github_job_log',
          description: 'The end of one GitHub Actions job log (a check run id is its job id).',
          parameters: {
            job_id: { type: 'integer' },
            log_lines: { type: 'integer', description: `lines from the end (default ${DEFAULT_LOG_LINES})` },
          },
          required: ['job_id'],
        },
        (args) => this.jobLog(positiveInteger(args.job_id, 'job_id'), this.logLines(args)),
      ],
      [
        {
          name: 'github_file',
          description:
            "A file of this repository as text at a ref (default: the pull request's head, else the default branch).",
          parameters: { path: { type: 'string' }, ref: { type: 'string' } },
          required: ['path'],
        },
        (args) => this.file(args),
      ],
    ];
    return tools
      .filter(([schema]) => !taken.includes(schema.name))
      .map(([schema, fn]) => ({
        schema,
        fn: async (args, signal) => capValue(await fn(args, signal), MAX_GITHUB_RESULT_CHARS),
        failure: 'text' as const,
        origin: { server: GITHUB_TOOL_SERVER, tool: schema.name },
      }));
  }

  async close(): Promise<void> {
    // Nothing to stop: plain HTTP requests.
  }

  private numberOf(args: Record<string, unknown>): number {
    if (args.number !== undefined && args.number !== null) return positiveInteger(args.number, 'number');
    if (this.event.number === null) throw new Error('this event has no pull request: pass number=');
    return this.event.number;
  }

  private logLines(args: Record<string, unknown>): number {
    return args.log_lines === undefined || args.log_lines === null
      ? DEFAULT_LOG_LINES
      : Math.min(positiveInteger(args.log_lines, 'log_lines'), 5_000);
  }

  private async pullRequest(number: number): Promise<Json> {
    const [pull, comments, reviews, reviewComments] = await Promise.all([
      this.reader.get('GET /repos/{owner}/{repo}/pulls/{pull_number}', { pull_number: number }),
      this.reader.get('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        issue_number: number,
        per_page: PER_PAGE,
      }),
      this.reader.get('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        pull_number: number,
        per_page: PER_PAGE,
      }),
      this.reader.get('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', {
        pull_number: number,
        per_page: PER_PAGE,
      }),
    ]);
    const pr = record(pull);
    return {
      number,
      title: pr.title,
      state: pr.state,
      author: login(pr.user),
      body: text(pr.body),
      base: record(pr.base).ref,
      head: record(pr.head).ref,
      head_sha: record(pr.head).sha,
      conversation: list(comments).map((comment) => ({
        author: login(comment.user),
        created_at: comment.created_at,
        body: text(comment.body),
      })),
      reviews: list(reviews).map((review) => ({
        author: login(review.user),
        state: review.state,
        submitted_at: review.submitted_at ?? null,
        body: text(review.body),
      })),
      review_threads: threads(list(reviewComments)),
    };
  }

  private async linkedIssues(number: number): Promise<Json[]> {
    const pr = record(
      await this.reader.get('GET /repos/{owner}/{repo}/pulls/{pull_number}', { pull_number: number }),
    );
    const { owner, repo } = this.reader.scope;
    const source = `${typeof pr.title === 'string' ? pr.title : ''}\n${typeof pr.body === 'string' ? pr.body : ''}`;
    const numbers = new Set<number>();
    const own = new RegExp(`(?:^|[^\\w/])#(\\d+)|/${owner}/${repo}/issues/(\\d+)`, 'gi');
    for (const match of source.matchAll(own)) {
      const found = Number(match[1] ?? match[2]);
      if (found !== number) numbers.add(found);
    }
    const issues = await Promise.all(
      [...numbers].slice(0, MAX_LINKED_ISSUES).map(async (issueNumber) => {
        try {
          return record(
            await this.reader.get('GET /repos/{owner}/{repo}/issues/{issue_number}', {
              issue_number: issueNumber,
            }),
          );
        } catch {
          // "#3" in prose need not be an issue: skip what does not exist.
          return null;
        }
      }),
    );
    return issues
      .filter((issue): issue is Json => issue !== null)
      .map((issue) => ({
        number: issue.number,
        title: issue.title,
        state: issue.state,
        is_pull_request: issue.pull_request !== undefined,
        labels: list(issue.labels).map((label) => label.name),
        author: login(issue.user),
        body: text(issue.body),
      }));
  }

  private async defaultRef(): Promise<string> {
    if (this.event.number !== null) {
      const pr = record(
        await this.reader.get('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
          pull_number: this.event.number,
        }),
      );
      const sha = record(pr.head).sha;
      if (typeof sha === 'string') return sha;
    }
    if (this.event.sha !== null) return this.event.sha;
    throw new Error('this event has no commit: pass ref=');
  }

  private async checkRuns(args: Record<string, unknown>): Promise<Json> {
    const ref = typeof args.ref === 'string' && args.ref !== '' ? args.ref : await this.defaultRef();
    const lines = this.logLines(args);
    const data = record(
      await this.reader.get('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
        ref,
        per_page: PER_PAGE,
      }),
    );
    const runs = await Promise.all(
      list(data.check_runs).map(async (run) => {
        const failed = typeof run.conclusion === 'string' && FAILED.has(run.conclusion);
        const fromActions = record(run.app).slug === 'github-actions';
        const output = record(run.output);
        const summary: Json = {
          id: run.id,
          name: run.name,
          status: run.status,
          conclusion: run.conclusion,
          started_at: run.started_at,
          completed_at: run.completed_at,
          html_url: run.html_url,
          title: output.title ?? null,
          summary: text(output.summary, 1_000),
        };
        if (failed && fromActions && typeof run.id === 'number') {
          try {
            summary.log_tail = await this.jobLog(run.id, lines);
          } catch (error) {
            summary.log_error = error instanceof Error ? error.message : String(error);
          }
        }
        return summary;
      }),
    );
    return {
      ref,
      total_count: data.total_count,
      failed: runs
        .filter((run) => typeof run.conclusion === 'string' && FAILED.has(run.conclusion))
        .map((run) => run.name),
      check_runs: runs,
    };
  }

  private async jobLog(jobId: number, lines: number): Promise<string> {
    const log = await this.reader.get('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
      job_id: jobId,
    });
    const all = (typeof log === 'string' ? log : '').split('\n');
    const tail = all.slice(-lines).join('\n');
    const cut = all.length > lines ? `[... ${all.length - lines} earlier lines cut]\n` : '';
    return cut + text(tail, 20_000);
  }

  private async file(args: Record<string, unknown>): Promise<string> {
    if (typeof args.path !== 'string' || args.path === '') throw new Error('path must be a file path');
    const path = args.path.replace(/^\/+/, '');
    let ref = typeof args.ref === 'string' && args.ref !== '' ? args.ref : null;
    if (ref === null && this.event.number !== null) ref = await this.defaultRef();
    const content = await this.reader.get(
      'GET /repos/{owner}/{repo}/contents/{path}',
      ref === null ? { path } : { path, ref },
      'application/vnd.github.raw+json',
    );
    if (typeof content !== 'string') throw new Error(`${path} is not a file (a directory or a submodule?)`);
    return content;
  }
}

/** Review comments grouped into threads: the first comment and its replies (in_reply_to_id). */
function threads(comments: Json[]): Json[] {
  const byRoot = new Map<unknown, Json>();
  for (const comment of comments) {
    const root = comment.in_reply_to_id ?? comment.id;
    let thread = byRoot.get(root);
    if (thread === undefined) {
      thread = {
        path: comment.path,
        line: comment.line ?? comment.original_line ?? null,
        diff_hunk: text(comment.diff_hunk, 1_500),
        comments: [],
      };
      byRoot.set(root, thread);
    }
    (thread.comments as Json[]).push({
      author: login(comment.user),
      created_at: comment.created_at,
      body: text(comment.body),
    });
  }
  return [...byRoot.values()];
}
