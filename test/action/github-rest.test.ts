/**
 * The GitHub port over real Octokit (retry and throttling plugins included) against the local REST
 * stand-in: transient errors and rate limits are retried the way GitHub asks, and every failure that is
 * left says what the action was doing and how to fix it.
 */
import { GitHubApiError } from '../../src/action/github/github-error.js';
import { FakeGitHub } from '../support/github-api/server.js';
import { testGitHub } from './support/rest.js';

const BASE = '/repos/Codertocat/Hello-World';
let fake: FakeGitHub;

beforeEach(async () => {
  fake = new FakeGitHub({
    owner: 'Codertocat',
    repo: 'Hello-World',
    collaborators: { Codertocat: { permission: 'admin', role_name: 'admin' } },
    files: { '.github/rlm.yml@main': 'max_iterations: 5\n' },
  });
  await fake.start();
});

afterEach(async () => {
  await fake.stop();
});

const permission = `GET ${BASE}/collaborators/Codertocat/permission`;

describe('transient errors and rate limits are retried', () => {
  it('a secondary rate limit (403 with retry-after) waits and retries, and says so', async () => {
    fake.fail({
      method: 'GET',
      path: /\/permission$/,
      status: 403,
      times: 1,
      headers: { 'retry-after': '2' },
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    });
    const warnings: string[] = [];
    const github = testGitHub(fake.url, { warn: (message) => warnings.push(message) });
    expect(await github.getCollaboratorPermission('Codertocat')).toEqual({
      permission: 'admin',
      roleName: 'admin',
    });
    expect(fake.calls()).toEqual([permission, permission]);
    expect(warnings).toEqual([expect.stringContaining('GitHub secondary rate limit on GET')]);
    expect(warnings[0]).toContain('retrying in 2 s');
  });

  it('a primary rate limit (429, x-ratelimit-remaining 0) waits for the reset and retries', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3);
    fake.fail({
      method: 'POST',
      path: /\/issues\/1\/comments$/,
      status: 429,
      times: 1,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      message: 'API rate limit exceeded',
    });
    const warnings: string[] = [];
    const github = testGitHub(fake.url, { warn: (message) => warnings.push(message) });
    const posted = await github.createComment({ kind: 'issue', number: 1, isPullRequest: false }, 'hi');
    expect(posted.body).toBe('hi');
    expect(fake.calls()).toEqual([`POST ${BASE}/issues/1/comments`, `POST ${BASE}/issues/1/comments`]);
    expect(warnings).toEqual([expect.stringContaining('GitHub primary rate limit on POST')]);
  });

  it('a plain 429 and a 502 are retried with backoff', async () => {
    fake.fail({ method: 'GET', path: /\/permission$/, status: 429, times: 1 });
    fake.fail({ method: 'GET', path: /\/permission$/, status: 502, times: 2 });
    const github = testGitHub(fake.url);
    expect((await github.getCollaboratorPermission('Codertocat'))?.permission).toBe('admin');
    expect(fake.calls()).toEqual([permission, permission, permission, permission]);
  });

  it('a rate limit that does not lift gives up after the allowed retries with the fix', async () => {
    fake.fail({
      method: 'GET',
      path: /\/permission$/,
      status: 403,
      headers: { 'retry-after': '1' },
      message: 'You have exceeded a secondary rate limit.',
    });
    const github = testGitHub(fake.url, { rateLimitRetries: 2 });
    const error = await github.getCollaboratorPermission('Codertocat').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).describe()).toBe(
      "GitHub API: checking the repository permission of @Codertocat failed: 403 You have exceeded a secondary rate limit.\nFix: GitHub's rate limit held after the retries: re-run the job later, or run the action less often.",
    );
    expect(fake.calls()).toEqual([permission, permission, permission]);
  });

  it('a rate limit whose reset is too far away fails at once instead of holding the job', async () => {
    fake.fail({
      method: 'GET',
      path: /\/permission$/,
      status: 403,
      headers: { 'retry-after': '3600' },
      message: 'You have exceeded a secondary rate limit.',
    });
    const warnings: string[] = [];
    const github = testGitHub(fake.url, { warn: (message) => warnings.push(message) });
    await expect(github.getCollaboratorPermission('Codertocat')).rejects.toThrow('403');
    expect(fake.calls()).toEqual([permission]);
    expect(warnings[0]).toContain('giving up');
  });
});

describe('every failure says what was being done and the fix', () => {
  it('a 500 from the permission API that outlasts the retries', async () => {
    fake.fail({ method: 'GET', path: /\/permission$/, status: 500, message: 'Server Error' });
    const github = testGitHub(fake.url, { retries: 1 });
    const error = (await github.getCollaboratorPermission('Codertocat').catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).describe()).toBe(
      'GitHub API: checking the repository permission of @Codertocat failed: 500 Server Error\nFix: GitHub had a server error and the retries did not help: re-run the job (see https://www.githubstatus.com).',
    );
    expect((error as GitHubApiError).status).toBe(500);
    expect(fake.calls()).toEqual([permission, permission]);
  });

  it.each([
    [401, 'Bad credentials', 'The token is invalid or expired'],
    [
      403,
      'Resource not accessible by integration',
      'The token lacks a permission: give the job `permissions:`',
    ],
    [404, 'Not Found', 'Not found, or not visible to this token'],
    [422, 'Validation Failed', 'GitHub refused the request as invalid'],
  ])('%i on creating a comment', async (status, message, fix) => {
    fake.fail({ method: 'POST', path: /\/issues\/7\/comments$/, status, message });
    const github = testGitHub(fake.url);
    const error = await github
      .createComment({ kind: 'issue', number: 7, isPullRequest: true }, 'body')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    const text = (error as GitHubApiError).describe();
    expect(text).toContain(`GitHub API: creating a comment on #7 failed: ${status} ${message}`);
    expect(text).toContain(`Fix: ${fix}`);
    // Client errors are not retried: one request.
    expect(fake.calls()).toEqual([`POST ${BASE}/issues/7/comments`]);
  });

  it('GitHub unreachable: the fix names GITHUB_API_URL', async () => {
    const url = fake.url;
    await fake.stop();
    const github = testGitHub(url, { retries: 0 });
    const error = await github.getDefaultBranch().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).describe()).toMatch(
      /^GitHub API: reading the default branch of the repository failed: .+\nFix: GitHub could not be reached: check the runner's network and GITHUB_API_URL/,
    );
  });
});

describe('.github/rlm.yml through the contents API', () => {
  it('the raw text, or null when the file does not exist', async () => {
    const github = testGitHub(fake.url);
    expect(await github.getFileText('.github/rlm.yml', 'main')).toBe('max_iterations: 5\n');
    expect(await github.getFileText('.github/rlm.yml', 'other')).toBeNull();
    expect(fake.requests.map((r) => r.accept)).toEqual([
      'application/vnd.github.v3.raw',
      'application/vnd.github.v3.raw',
    ]);
  });

  it('a JSON answer (the raw media type dropped on the way) is decoded, not taken for "no config"', async () => {
    fake.override({
      method: 'GET',
      path: /\/contents\/\.github\/rlm\.yml$/,
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({
        type: 'file',
        encoding: 'base64',
        content: Buffer.from('max_cost_usd: 0.5\n').toString('base64'),
      }),
    });
    expect(await testGitHub(fake.url).getFileText('.github/rlm.yml', 'main')).toBe('max_cost_usd: 0.5\n');
  });

  it('a directory or an unknown body fails with what to fix, never silently "no config"', async () => {
    fake.override({
      method: 'GET',
      path: /\/contents\/\.github\/rlm\.yml$/,
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify([{ type: 'file', name: 'a.yml' }]),
    });
    const error = await testGitHub(fake.url)
      .getFileText('.github/rlm.yml', 'main')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).describe()).toBe(
      "GitHub API: reading .github/rlm.yml at main failed: 200 the contents API answered with a directory listing, not the file's text\nFix: Make .github/rlm.yml on main a regular file (not a directory, symlink or submodule), or remove it; if GITHUB_API_URL goes through a proxy, make it pass the Accept header on.",
    );
  });

  it('a file that exists but cannot be read (403) fails instead of falling back to defaults', async () => {
    fake.fail({ method: 'GET', path: /\/contents\//, status: 403, message: 'Forbidden' });
    await expect(testGitHub(fake.url).getFileText('.github/rlm.yml', 'main')).rejects.toThrow(
      'GitHub API: reading .github/rlm.yml at main failed: 403 Forbidden',
    );
  });
});
