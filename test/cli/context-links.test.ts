/**
 * Hole 3 of issue 8: a context file or directory entry that is a symlink to /proc/self/environ (or any
 * host file) must not carry the CLI's environment, keys included, into the sandbox. The CLI refuses a
 * named symlink or special file with a usage error (exit 5); a directory walk skips them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_IMAGE } from '../support/docker-image.js';
import { ensureBuilt, makeTempDir, runRlm } from './support/cli-process.js';
import { repl, writeScript } from './support/scripts.js';

beforeAll(() => ensureBuilt());

const SECRET = 'sk-ant-FAKE-context-link-secret-7f3a9';

/** Model code that hands back everything it can see of the context. */
const DUMP_CONTEXT = repl(
  'FINAL(repr(sorted(context.items())) if isinstance(context, dict) else repr(context))',
);

function runWithSecret(cwd: string, ...args: string[]) {
  return runRlm(
    [
      'run',
      'show the context',
      '--json',
      '--backend',
      'scripted',
      '--script',
      'script.yaml',
      '--image',
      TEST_IMAGE,
      ...args,
    ],
    { cwd, env: { ANTHROPIC_API_KEY: SECRET, RLM_FAKE_TOKEN: SECRET } },
  );
}

/** Everything the run left behind that the sandbox could have influenced. */
function everythingWritten(cwd: string, run: { stdout: string; stderr: string }): string {
  const logs = join(cwd, 'logs');
  let trajectories = '';
  try {
    for (const name of readdirSync(logs)) {
      if (name.endsWith('.jsonl')) trajectories += readFileSync(join(logs, name), 'utf8');
    }
  } catch {
    // No log dir: nothing was written.
  }
  return `${run.stdout}${run.stderr}${trajectories}`;
}

describe('context paths that are symlinks or special files', () => {
  it('--context-file naming a link to /proc/self/environ is a usage error, before any sandbox starts', async () => {
    const cwd = makeTempDir('ctx-link');
    symlinkSync('/proc/self/environ', join(cwd, 'env'));
    writeScript(cwd, [DUMP_CONTEXT]);
    const run = await runWithSecret(cwd, '--context-file', 'env');
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(`--context-file env: ${join(cwd, 'env')} is a symlink`);
    expect(run.stderr).toMatch(/rlm: fix: Pass the real file or directory instead of the link/);
    expect(everythingWritten(cwd, run)).not.toContain(SECRET);
  });

  it('--context-dir through a symlinked directory is refused the same way', async () => {
    const cwd = makeTempDir('ctx-link');
    symlinkSync('/proc/self', join(cwd, 'proc'));
    writeScript(cwd, [DUMP_CONTEXT]);
    const run = await runWithSecret(cwd, '--context-file', 'proc/environ');
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(`${join(cwd, 'proc')} is a symlink`);
    expect(everythingWritten(cwd, run)).not.toContain(SECRET);
  });

  it('a FIFO named as a context file is refused without blocking', async () => {
    const cwd = makeTempDir('ctx-fifo');
    execFileSync('mkfifo', [join(cwd, 'pipe')]);
    writeScript(cwd, [DUMP_CONTEXT]);
    const run = await runWithSecret(cwd, '--context-file', 'pipe');
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('is a special file');
  });

  it('in a --context-dir, links and FIFOs are skipped and only real files reach the sandbox', async () => {
    const cwd = makeTempDir('ctx-dir');
    const dir = join(cwd, 'ctx');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'real.txt'), 'real text');
    writeFileSync(join(dir, 'sub', 'inner.txt'), 'inner text');
    symlinkSync('/proc/self/environ', join(dir, 'env'));
    symlinkSync('/proc/self', join(dir, 'proc'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    writeScript(cwd, [DUMP_CONTEXT]);
    const run = await runWithSecret(cwd, '--context-dir', 'ctx');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { response: string };
    expect(json.response).toBe("[('real.txt', 'real text'), ('sub/inner.txt', 'inner text')]");
    expect(everythingWritten(cwd, run)).not.toContain(SECRET);
  });
});
