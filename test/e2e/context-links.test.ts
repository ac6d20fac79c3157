/**
 * Hole 3 of issue 8, through the library: a `files` context naming a symlink to /proc/self/environ ends
 * the run with a usage error (exit code 5), and the environment never reaches the sandbox or the
 * trajectory.
 */
import { mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHarness, repl, type Harness } from './harness.js';

const SECRET = 'sk-ant-FAKE-library-context-secret-51c2';
let harness: Harness;

beforeAll(async () => {
  process.env.RLM_TEST_FAKE_SECRET = SECRET;
  harness = await createHarness({ responses: [repl('FINAL(repr(context))')] });
});

afterAll(async () => {
  delete process.env.RLM_TEST_FAKE_SECRET;
  await harness.cleanup();
});

it('refuses a symlinked context file with exit code 5 and leaks nothing', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'rlm-ctx-lib-'));
  await symlink('/proc/self/environ', path.join(dir, 'env'));
  const result = await harness
    .rlm({ context: { kind: 'files', paths: ['env'], root: dir } })
    .completion('show it');
  expect(result.success).toBe(false);
  expect(result.exitCode).toBe(5);
  expect(result.error).toContain(`${path.join(dir, 'env')} is a symlink`);
  expect(JSON.stringify(result)).not.toContain(SECRET);
  expect(JSON.stringify(await harness.trajectory())).not.toContain(SECRET);
});
