/**
 * GitHub Enterprise Server: @actions/artifact refuses it, so the action skips the upload with one warning
 * and says in the comment and the summary where the trajectory is, instead of failing every run.
 */
import { isEnterpriseServer } from '../../src/action/github/ghes.js';
import { useDirectories, runScenario } from './support/harness.js';
import { commentPayload } from './support/payloads.js';

const dirs = useDirectories();

describe('isEnterpriseServer', () => {
  it.each([
    [{ GITHUB_SERVER_URL: 'https://github.com', GITHUB_API_URL: 'https://api.github.com' }, false],
    [{}, false],
    [{ GITHUB_SERVER_URL: 'https://octo.ghe.com', GITHUB_API_URL: 'https://api.octo.ghe.com' }, false],
    [{ GITHUB_SERVER_URL: 'https://ghes.example.com' }, true],
    [{ GITHUB_SERVER_URL: 'https://github.com', GITHUB_API_URL: 'https://git.corp.example/api/v3' }, true],
    [
      { GITHUB_SERVER_URL: 'https://git.corp.example', GITHUB_API_URL: 'https://git.corp.example/api/v3/' },
      true,
    ],
  ])('%j → %s', (env, expected) => {
    expect(isEnterpriseServer(env)).toBe(expected);
  });
});

describe('a run on GitHub Enterprise Server', () => {
  it('skips the upload with one warning, succeeds, and the comment and summary say where the trajectory is', async () => {
    const payload = commentPayload('issue_comment', 'created', { body: '/rlm run go' });
    const { outcome, fake, sink, log, uploader } = await runScenario(dirs, {
      eventName: 'issue_comment',
      payload,
      run: { enterpriseServer: true, serverUrl: 'https://ghes.example.com' },
    });
    expect(outcome).toBe('succeeded');
    expect(uploader.uploads).toEqual([]);
    const warnings = log.lines.filter((line) => line.startsWith('warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('GitHub Enterprise Server: the trajectory artifact is not uploaded');
    expect(warnings[0]).toContain(dirs.runnerTemp);
    const body = fake.issueComments.get(1)?.[0]?.body ?? '';
    expect(body).toContain('Trajectory not uploaded (GitHub Enterprise Server');
    expect(body).toContain(`${dirs.runnerTemp}/rlm-artifact-traj-0001`);
    expect(body).not.toContain('[trajectory artifact]');
    expect(sink.summary).toContain(`${dirs.runnerTemp}/rlm-artifact-traj-0001`);
    expect(sink.outputs['artifact-url']).toBe('');
    expect(sink.failures).toEqual([]);
  });

  it('with upload-artifact: false there is nothing to warn about', async () => {
    const { outcome, log } = await runScenario(dirs, {
      eventName: 'workflow_dispatch',
      payload: {},
      inputs: { task: 'go', 'upload-artifact': 'false' },
      run: { enterpriseServer: true },
    });
    expect(outcome).toBe('succeeded');
    expect(log.lines.filter((line) => line.startsWith('warning:'))).toEqual([]);
  });
});
