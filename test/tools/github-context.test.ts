/**
 * The GitHub context tools over real Octokit HTTP against the local stand-in:
 * what they return, that they only GET the event's repository with its token,
 * that every request and every response body fits GitHub's published OpenAPI
 * description, that answers are cached for the run and results are capped.
 */
import type { RegisteredTool } from '../../src/core/tool-registry.js';
import { GitHubContextTools, MAX_GITHUB_RESULT_CHARS } from '../../src/tools/github/github-context-tools.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GitHubReader } from '../../src/tools/github/github-reader.js';
import {
  GitHubContextStandIn,
  isLogBlob,
  type ContextScenario,
} from '../support/github-api/context-server.js';
import { queryParameters, responseErrors, routeOf } from '../support/github-api/openapi.js';

const TOKEN = 'ghs_contexttoken000000000000000000000';
const LOG = Array.from(
  { length: 500 },
  (_, i) => `2026-11-30T10:00:${String(i % 60).padStart(2, '0')}Z step ${i}`,
)
  .concat(['FAIL test/upload.test.ts', '  ● retries at most 3 times', '    Expected: 3', '    Received: 11'])
  .join('\n');
const scenario: ContextScenario = {
  owner: 'octo-org',
  repo: 'uploader',
  pullNumber: 7,
  headSha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  prBody:
    'Retries failed uploads.\n\nFixes #12, see also #99 and https://github.com/octo-org/uploader/issues/12.',
  issues: { 12: 'Uploads fail on flaky networks' },
  failedJobId: 4242,
  failedJobLog: LOG,
  files: { 'src/upload.ts@a1b2c3d4e5f60718293a4b5c6d7e8f9012345678': 'export const MAX_RETRIES = 11;\n' },
};

describe('GitHub context tools', () => {
  let stand: GitHubContextStandIn;
  let tools: Map<string, RegisteredTool>;
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const tool = tools.get(name);
    if (tool === undefined) throw new Error(`no tool ${name}`);
    return tool.fn(args, new AbortController().signal);
  };

  beforeAll(async () => {
    stand = new GitHubContextStandIn(scenario);
    const url = await stand.start();
    const provider = new GitHubContextTools(
      new GitHubReader(TOKEN, { owner: scenario.owner, repo: scenario.repo }, url),
      { number: scenario.pullNumber, sha: null },
    );
    tools = new Map((await provider.start([])).map((tool) => [tool.schema.name, tool]));
  });
  afterAll(() => stand.stop());

  it('are read-only MCP-style tools: "Error:" text on failure, recorded under the server "github"', () => {
    expect([...tools.keys()]).toEqual([
      'github_pull_request',
      'github_linked_issues',
      'github_check_runs',
      'github_job_log',
      'github_file',
    ]);
    for (const tool of tools.values()) {
      expect(tool.failure).toBe('text');
      expect(tool.origin?.server).toBe('github');
    }
  });

  it('github_pull_request: conversation, reviews and review threads', async () => {
    const pr = (await call('github_pull_request')) as Record<string, unknown>;
    expect(pr).toMatchObject({
      number: 7,
      title: 'Retry uploads',
      head: 'retry-uploads',
      base: 'main',
      head_sha: scenario.headSha,
      conversation: [
        { author: 'alice', body: 'CI is red on the upload test.' },
        { author: 'bob', body: '/rlm run why did CI fail?' },
      ],
      reviews: [{ author: 'carol', state: 'CHANGES_REQUESTED', body: 'Please cap the retries.' }],
      review_threads: [
        {
          path: 'src/upload.ts',
          line: 42,
          comments: [
            { author: 'carol', body: 'Unbounded loop here.' },
            { author: 'alice', body: 'Will cap at 3.' },
          ],
        },
        { path: 'README.md', line: 3, comments: [{ author: 'carol', body: 'Typo.' }] },
      ],
    });
  });

  it('github_linked_issues: issues the PR refers to, once each, skipping numbers that are not issues', async () => {
    expect(await call('github_linked_issues')).toEqual([
      expect.objectContaining({ number: 12, title: 'Uploads fail on flaky networks', state: 'open' }),
    ]);
  });

  it("github_check_runs: the head's runs, and the end of the failed Actions job's log", async () => {
    const checks = (await call('github_check_runs', { log_lines: 5 })) as {
      ref: string;
      failed: string[];
      check_runs: Array<Record<string, unknown>>;
    };
    expect(checks.ref).toBe(scenario.headSha);
    expect(checks.failed).toEqual(['test']);
    expect(checks.check_runs.map((run) => [run.name, run.conclusion])).toEqual([
      ['lint', 'success'],
      ['test', 'failure'],
    ]);
    expect(checks.check_runs[0]).not.toHaveProperty('log_tail');
    const tail = String(checks.check_runs[1]?.log_tail);
    expect(tail.split('\n')).toEqual([
      '[... 499 earlier lines cut]',
      '2026-11-30T10:00:19Z step 499',
      'FAIL test/upload.test.ts',
      '  ● retries at most 3 times',
      '    Expected: 3',
      '    Received: 11',
    ]);
  });

  it('github_file: a file at the PR head by default', async () => {
    expect(await call('github_file', { path: 'src/upload.ts' })).toBe('export const MAX_RETRIES = 11;\n');
    await expect(call('github_file', { path: 'missing.ts', ref: 'main' })).rejects.toThrow(/Not Found/);
  });

  it('caches answers for the run: asking again makes no request', async () => {
    const before = stand.requests.length;
    await call('github_pull_request');
    await call('github_check_runs', { log_lines: 5 });
    expect(stand.requests.length).toBe(before);
  });

  it('caps a result: a huge log comes back cut', async () => {
    const text = String(await call('github_job_log', { job_id: 4242, log_lines: 5000 }));
    expect(text.length).toBeLessThanOrEqual(MAX_GITHUB_RESULT_CHARS + 200);
    expect(text.endsWith('    Received: 11')).toBe(true);
  });

  it('only ever GETs documented routes of the event repository, with the token, and gets published shapes', () => {
    const api = stand.requests.filter((request) => !isLogBlob(request.path));
    expect(api.length).toBeGreaterThan(8);
    for (const request of api) {
      expect(request.method).toBe('GET');
      expect(request.path.startsWith(`/repos/${scenario.owner}/${scenario.repo}/`)).toBe(true);
      expect(request.authorization).toBe(`token ${TOKEN}`);
      const route = routeOf(request.method, request.path);
      expect(route).not.toBeNull();
      const allowed = queryParameters(route?.operation ?? { responses: {} });
      for (const name of Object.keys(request.query)) expect(allowed).toContain(name);
    }
    expect(stand.served.length).toBeGreaterThan(5);
    for (const { path, body } of stand.served) {
      const route = routeOf('GET', path);
      expect({ path, errors: responseErrors(route?.template ?? '', body) }).toEqual({ path, errors: [] });
    }
  });
});

describe('GitHubReader', () => {
  it('gives up on a request the API never answers, and does not cache the failure', async () => {
    let requests = 0;
    const silent = createServer(() => {
      requests += 1; // never answers
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const reader = new GitHubReader(TOKEN, { owner: 'o', repo: 'r' }, url, 200);
      const route = 'GET /repos/{owner}/{repo}/pulls/{pull_number}' as const;
      await expect(reader.get(route, { pull_number: 1 })).rejects.toThrow();
      await expect(reader.get(route, { pull_number: 1 })).rejects.toThrow();
      expect(requests).toBe(2);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
