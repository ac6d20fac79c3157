/**
 * What a run reports about itself: the iterations that ran (also when it fails), and a Docker
 * failure found before the first model request, so it costs no model call. The model is the real
 * Anthropic SDK talking to the local fake provider, which counts the requests it gets.
 */
import { join } from 'node:path';
import { startFakeProvider, type FakeProvider } from '../support/fake-provider/server.js';
import { ensureBuilt, makeTempDir, runRlm } from './support/cli-process.js';

let fake: FakeProvider;

beforeAll(async () => {
  ensureBuilt();
  fake = await startFakeProvider();
});
afterAll(() => fake.close());

const KEY = { ANTHROPIC_API_KEY: 'sk-ant-test-run-facts-123456' };

function anthropicRun(...extra: string[]): string[] {
  return ['run', 'count things', '--backend', 'anthropic', '--base-url', fake.anthropicBaseUrl, ...extra];
}

describe('iterations', () => {
  it('a run that fails on its third turn reports 3 iterations, in the closing line and in --json', async () => {
    const turn = '```repl\nprint("working")\n```';
    for (const args of [
      anthropicRun('--env', 'repl', '--max-retries', '0'),
      anthropicRun('--env', 'repl', '--max-retries', '0', '--json'),
    ]) {
      fake.enqueue(
        { type: 'reply', text: turn },
        { type: 'reply', text: turn },
        { type: 'error', status: 400, message: 'bad request on turn three' },
      );
      const run = await runRlm(args, { cwd: makeTempDir('facts'), env: KEY });
      expect(run.code).toBe(4);
      expect(run.stderr).toMatch(/rlm: stopped in [\d.]+ m?s · 3 iterations ·/);
      if (args.includes('--json'))
        expect(JSON.parse(run.stdout)).toMatchObject({ iterations: 3, success: false });
    }
  });
});

describe('Docker unreachable', () => {
  it('exits 3 without a single model request', async () => {
    const before = fake.requests.length;
    const cwd = makeTempDir('facts');
    const run = await runRlm(anthropicRun('--json'), {
      cwd,
      env: { ...KEY, DOCKER_HOST: `unix://${join(cwd, 'no-docker.sock')}` },
    });
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({
      success: false,
      exit_code: 3,
      model_calls: 0,
      iterations: 0,
    });
    expect(fake.requests.length).toBe(before);
  });

  it('a missing image that may not be pulled exits 3 without a model request too', async () => {
    const before = fake.requests.length;
    const run = await runRlm(anthropicRun('--json', '--image', 'rlm-test-no-such-image:never'), {
      cwd: makeTempDir('facts'),
      env: { ...KEY, RLM_DOCKER_PULL: 'false' },
    });
    expect(run.code).toBe(3);
    expect((JSON.parse(run.stdout) as { error: string }).error).toContain('rlm-test-no-such-image:never');
    expect(fake.requests.length).toBe(before);
  });
});
