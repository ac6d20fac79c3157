/**
 * "/rlm run why did CI fail?" end to end: scripted model code in the Docker
 * sandbox reads the check runs and the failed job's log through the GitHub
 * context tools (on the host, with the token), and answers from the log. The
 * token never reaches the sandbox or the trajectory.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { GitHubContextTools } from '../../src/tools/github/github-context-tools.js';
import { GitHubReader } from '../../src/tools/github/github-reader.js';
import { GitHubContextStandIn } from '../support/github-api/context-server.js';
import { createHarness, repl } from './harness.js';

const TOKEN = 'ghs_e2etoken00000000000000000000000000';
const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('GitHub context tools from model code', () => {
  it('answers "why did CI fail?" from the failed job log', async () => {
    const stand = new GitHubContextStandIn({
      owner: 'octo-org',
      repo: 'uploader',
      pullNumber: 7,
      headSha: SHA,
      prBody: 'Fixes #12',
      issues: { 12: 'Uploads fail on flaky networks' },
      failedJobId: 4242,
      failedJobLog:
        'setup\nnpm test\nFAIL test/upload.test.ts\n  Expected: 3\n  Received: 11\nError: Process completed with exit code 1.',
      files: {},
    });
    const url = await stand.start();
    const harness = await createHarness({
      responses: [
        repl(
          [
            'checks = github_check_runs()',
            'failed = [run for run in checks["check_runs"] if run["conclusion"] == "failure"]',
            'log = failed[0]["log_tail"]',
            'line = next(l for l in log.splitlines() if l.startswith("FAIL"))',
            'issues = github_linked_issues()',
            'print(checks["failed"], [i["number"] for i in issues], github_job_log(job_id=1)[:6])',
            'FINAL(f"{failed[0][\'name\']} failed: {line.strip()} (expected 3 retries, got 11)")',
          ].join('\n'),
        ),
      ],
    });
    try {
      const tools = new GitHubContextTools(
        new GitHubReader(TOKEN, { owner: 'octo-org', repo: 'uploader' }, url),
        {
          number: 7,
          sha: null,
        },
      );
      const result = await harness
        .rlm({ toolProviders: [tools], secrets: [TOKEN] })
        .completion('why did CI fail?');
      expect(result.error).toBeNull();
      expect(result.response).toBe('test failed: FAIL test/upload.test.ts (expected 3 retries, got 11)');
      const trajectory = await harness.trajectory();
      const execution = trajectory.calls[0]?.executions[0];
      expect(execution?.stdout).toBe("['test'] [12] Error:\n");
      expect(execution?.tool_calls?.map((call) => [call.server, call.name, call.status])).toEqual([
        ['github', 'github_check_runs', 'ok'],
        ['github', 'github_linked_issues', 'ok'],
        ['github', 'github_job_log', 'error'],
      ]);
      expect(stand.requests.every((request) => request.method === 'GET')).toBe(true);
      expect(stand.requests.some((request) => request.authorization === `token ${TOKEN}`)).toBe(true);
      const files = (await readdir(harness.logDir, { recursive: true, withFileTypes: true })).filter(
        (entry) => entry.isFile(),
      );
      expect(files.length).toBeGreaterThan(0);
      const written = await Promise.all(
        files.map((entry) => readFile(path.join(entry.parentPath, entry.name), 'utf8')),
      );
      expect(written.join('')).not.toContain(TOKEN);
    } finally {
      await harness.cleanup();
      await stand.stop();
    }
  });
});
