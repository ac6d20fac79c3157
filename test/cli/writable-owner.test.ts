/**
 * `--writable` in an ordinary project directory: files model code writes land owned by the directory's
 * owner, never by root or nobody, and the sandbox process is never uid 0 (issue 8).
 */
import { chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_IMAGE } from '../support/docker-image.js';
import { ensureBuilt, makeTempDir, runRlm } from './support/cli-process.js';
import { repl, writeScript } from './support/scripts.js';

beforeAll(() => ensureBuilt());

const WRITE_AND_REPORT = repl(
  [
    'import os',
    'os.makedirs("/workspace/build/reports", exist_ok=True)',
    'open("/workspace/build/reports/summary.txt", "w").write("made in the sandbox")',
    'open("/workspace/notes.txt", "a").write("appended\\n")',
    'FINAL("%d:%d" % (os.getuid(), os.getgid()))',
  ].join('\n'),
);

function run(cwd: string, ...extra: string[]) {
  return runRlm(
    [
      'run',
      'write files',
      '--json',
      '--backend',
      'scripted',
      '--script',
      'script.yaml',
      '--image',
      TEST_IMAGE,
      ...extra,
    ],
    { cwd },
  );
}

function ownerOf(path: string): string {
  const info = statSync(path);
  return `${info.uid}:${info.gid}`;
}

describe('--writable', () => {
  it('runs the sandbox as the owner of the project directory, and what it writes is theirs', async () => {
    const cwd = makeTempDir('owned');
    writeFileSync(join(cwd, 'notes.txt'), 'from the user\n');
    chownSync(join(cwd, 'notes.txt'), 1001, 1002);
    chownSync(cwd, 1001, 1002);
    writeScript(cwd, [WRITE_AND_REPORT]);
    const result = await run(cwd, '--writable');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { response: string }).response).toBe('1001:1002');
    expect(ownerOf(join(cwd, 'build'))).toBe('1001:1002');
    expect(ownerOf(join(cwd, 'build', 'reports', 'summary.txt'))).toBe('1001:1002');
    expect(ownerOf(join(cwd, 'notes.txt'))).toBe('1001:1002');
  });

  it('keeps .git read-only: a hook or a git config written by model code would run on the host', async () => {
    const cwd = makeTempDir('git-project');
    mkdirSync(join(cwd, '.git', 'hooks'), { recursive: true });
    writeFileSync(join(cwd, '.git', 'config'), '[core]\n\tbare = false\n');
    for (const path of [join(cwd, '.git', 'hooks'), join(cwd, '.git', 'config'), join(cwd, '.git'), cwd]) {
      chownSync(path, 1001, 1002);
    }
    const attack = [
      'import os',
      'results = []',
      'def attempt(name, action):',
      '    try:',
      '        action()',
      '        results.append(name + ":done")',
      '    except OSError as error:',
      '        results.append(name + ":" + type(error).__name__)',
      'def hook():',
      '    with open("/workspace/.git/hooks/pre-commit", "w") as f:',
      '        f.write("#!/bin/sh\\ntouch /tmp/pwned\\n")',
      'def fsmonitor():',
      '    with open("/workspace/.git/config", "a") as f:',
      '        f.write("\\tfsmonitor = /workspace/evil.sh\\n")',
      'attempt("hook", hook)',
      'attempt("config", fsmonitor)',
      'attempt("rename", lambda: os.rename("/workspace/.git", "/workspace/git-old"))',
      'attempt("rmdir", lambda: os.rmdir("/workspace/.git/hooks"))',
      'attempt("project", lambda: open("/workspace/notes.txt", "w").write("ok"))',
      'FINAL(" ".join(results))',
    ].join('\n');
    writeScript(cwd, [repl(attack)]);
    const result = await run(cwd, '--writable');
    expect(result.code).toBe(0);
    const response = (JSON.parse(result.stdout) as { response: string }).response;
    // Every write into .git fails (read-only file system), the rest of the project stays writable.
    expect(response).toMatch(/^hook:OSError config:OSError rename:OSError rmdir:OSError project:done$/);
    expect(existsSync(join(cwd, '.git', 'hooks', 'pre-commit'))).toBe(false);
    expect(readFileSync(join(cwd, '.git', 'config'), 'utf8')).toBe('[core]\n\tbare = false\n');
    expect(readFileSync(join(cwd, 'notes.txt'), 'utf8')).toBe('ok');
  });

  it('refuses a root-owned directory with a usage error that says what to do', async () => {
    const cwd = makeTempDir('root-owned');
    mkdirSync(join(cwd, 'src'));
    writeScript(cwd, [WRITE_AND_REPORT]);
    const result = await run(cwd, '--writable');
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(`--writable: the workspace ${cwd} is owned by root`);
    expect(result.stderr).toMatch(/fix: Give the directory to a non-root user/);
  });

  it('without --writable the sandbox is nobody (65534) and cannot write', async () => {
    const cwd = makeTempDir('read-only');
    chownSync(cwd, 1001, 1002);
    writeScript(cwd, [repl('import os\nFINAL("%d:%d" % (os.getuid(), os.getgid()))')]);
    const result = await run(cwd);
    expect((JSON.parse(result.stdout) as { response: string }).response).toBe('65534:65534');
  });
});
