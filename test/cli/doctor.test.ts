/**
 * `rlm doctor` as a process against the real Docker Engine: every check passes (exit 0), and each
 * failing condition (Docker not installed or not running, image missing, no API key, log dir not
 * writable, bad config) is reported with its fix and exit 1. Permission denied on the socket cannot
 * happen to root, so that classification is checked on the error Node raises for it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDockerEngine } from '../../src/cli/doctor-checks.js';
import { TEST_IMAGE } from '../support/docker-image.js';
import { ensureBuilt, makeTempDir, runRlm } from './support/cli-process.js';

beforeAll(() => ensureBuilt());

const HEALTHY = { RLM_DOCKER_IMAGE: TEST_IMAGE, ANTHROPIC_API_KEY: 'sk-ant-doctor-test-123456' };

function line(stdout: string, name: string): string {
  return stdout.split('\n').find((row) => new RegExp(`^(ok  |FAIL)  ${name}\\s`).test(row)) ?? '';
}

it('passes every check on a working set-up, and exits 0', async () => {
  const run = await runRlm(['doctor'], { env: HEALTHY });
  expect(run.stdout).not.toContain('FAIL');
  for (const name of [
    'config',
    'docker installed',
    'docker running',
    'docker permission',
    'sandbox image',
    'api key',
    'log dir',
  ]) {
    expect(line(run.stdout, name)).toMatch(/^ok /);
  }
  expect(line(run.stdout, 'sandbox image')).toContain(`${TEST_IMAGE} present`);
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('rlm: doctor: all checks passed\n');
});

it('Docker not installed and not running: both fail with their fixes', async () => {
  const cwd = makeTempDir('doctor');
  const run = await runRlm(['doctor'], {
    cwd,
    // No docker command on PATH, and DOCKER_HOST on a socket that does not exist.
    env: { ...HEALTHY, PATH: makeTempDir('empty-path'), DOCKER_HOST: `unix://${join(cwd, 'none.sock')}` },
  });
  expect(run.code).toBe(1);
  expect(line(run.stdout, 'docker installed')).toMatch(/^FAIL/);
  expect(line(run.stdout, 'docker running')).toMatch(/^FAIL.*not reachable/);
  expect(run.stdout).toContain('fix: Install Docker');
  expect(run.stdout).toContain('fix: Start Docker');
  // No engine: the image cannot be checked, so it is not claimed either way.
  expect(line(run.stdout, 'sandbox image')).toBe('');
});

it('a missing image, a missing API key and an unwritable log dir each fail with their fix', async () => {
  const cwd = makeTempDir('doctor');
  writeFileSync(join(cwd, 'not-a-dir'), 'x');
  const run = await runRlm(['doctor'], {
    cwd,
    env: { RLM_DOCKER_IMAGE: 'rlm-test-no-such-image:never', RLM_LOG_DIR: 'not-a-dir/logs' },
  });
  expect(run.code).toBe(1);
  expect(line(run.stdout, 'sandbox image')).toMatch(/^FAIL.*rlm-test-no-such-image:never is not present/);
  expect(run.stdout).toContain('fix: `docker pull rlm-test-no-such-image:never`');
  expect(line(run.stdout, 'api key')).toMatch(/^FAIL.*ANTHROPIC_API_KEY is not set/);
  expect(run.stdout).toContain('fix: export ANTHROPIC_API_KEY=...');
  expect(line(run.stdout, 'log dir')).toMatch(/^FAIL.*not-a-dir is not a directory/);
  expect(line(run.stdout, 'docker running')).toMatch(/^ok /);
  expect(run.stderr).toBe('rlm: doctor: 3 check(s) failed\n');
});

it('an invalid config fails the config check with the key and its fix', async () => {
  const cwd = makeTempDir('doctor');
  writeFileSync(join(cwd, 'config.yaml'), 'viz:\n  prot: 8501\n');
  const run = await runRlm(['doctor'], { cwd, env: { ...HEALTHY, RLM_CONFIG: 'config.yaml' } });
  expect(run.code).toBe(1);
  expect(line(run.stdout, 'config')).toMatch(/^FAIL.*`viz.prot` is unknown.*did you mean `viz.port`/);
  expect(run.stdout).toContain('fix: Known keys:');
});

it('the scripted backend needs no key; environment repl does not check Docker', async () => {
  const run = await runRlm(['doctor'], {
    env: { RLM_BACKEND: 'scripted', RLM_ENVIRONMENT: 'repl', DOCKER_HOST: 'unix:///nonexistent.sock' },
  });
  expect(run.code).toBe(0);
  expect(line(run.stdout, 'api key')).toContain('needs none');
  expect(line(run.stdout, 'docker')).toContain('not used (environment: repl)');
});

describe('permission denied on the Docker socket', () => {
  it('reads as running but not usable by this user, with the docker-group fix', async () => {
    // The error Node raises when connect() on the socket is refused by its file mode.
    const denied = Object.assign(new Error('connect EACCES /var/run/docker.sock'), {
      code: 'EACCES',
      errno: -13,
      syscall: 'connect',
      address: '/var/run/docker.sock',
    });
    const checks = await checkDockerEngine({ ping: () => Promise.reject(denied) }, {});
    expect(checks.map((check) => [check.name, check.ok])).toEqual([
      ['docker running', true],
      ['docker permission', false],
    ]);
    expect(checks[1]?.fix).toContain('sudo usermod -aG docker $USER');
  });
});
