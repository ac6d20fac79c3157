/** The action's `context` input never follows a symlink out of the workspace (e.g. to the runner's env). */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildContext, DIFF_CONTEXT_KEY } from '../../src/action/run/context.js';

const OUTSIDE_TEXT = 'OUTSIDE-SECRET-abc123';
let base: string;
let workspace: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'rlm-ctx-links-'));
  workspace = join(base, 'ws');
  const outside = join(base, 'outside');
  await mkdir(join(workspace, 'logs'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(outside, 'secret.txt'), OUTSIDE_TEXT);
  await writeFile(join(workspace, 'logs', 'app.log'), 'real log line\n');
  await mkdir(join(workspace, 'logs', 'sub'));
  await writeFile(join(workspace, 'logs', 'sub', 'inner.log'), 'inner\n');
  await symlink(join(outside, 'secret.txt'), join(workspace, 'logs', 'leak.log'));
  await symlink(outside, join(workspace, 'logs', 'linked-dir'));
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('context input and symlinks', () => {
  it('a glob skips symlinked files and paths through symlinked directories', async () => {
    const context = await buildContext(['logs/*', 'logs/*/*'], workspace, null);
    expect(context).toEqual({
      kind: 'files',
      paths: [
        join(workspace, 'logs', 'app.log'),
        join(workspace, 'logs', 'sub'),
        join(workspace, 'logs', 'sub', 'inner.log'),
      ],
      root: workspace,
    });
  });

  it('a directory read with the PR diff leaves symlinked files and directories out', async () => {
    const context = await buildContext(['logs'], workspace, 'diff --git a/x b/x\n');
    expect(context).toEqual({
      kind: 'json',
      value: {
        'logs/app.log': 'real log line\n',
        'logs/sub/inner.log': 'inner\n',
        [DIFF_CONTEXT_KEY]: 'diff --git a/x b/x\n',
      },
    });
  });

  it('naming only a symlink is an error that says symlinks are not followed', async () => {
    await expect(buildContext(['logs/leak.log'], workspace, null)).rejects.toThrow(
      'matches nothing in the workspace (symlinks are not followed)',
    );
  });
});

describe('context input as a plain path', () => {
  it.each(['.', './'])('"%s" is the whole workspace', async (pattern) => {
    expect(await buildContext([pattern], workspace, null)).toEqual({
      kind: 'files',
      paths: [workspace],
      root: workspace,
    });
  });

  it('"./logs/app.log" and "logs/" name the file and the directory without glob matching', async () => {
    expect(await buildContext(['./logs/app.log', 'logs/'], workspace, null)).toEqual({
      kind: 'files',
      paths: [join(workspace, 'logs'), join(workspace, 'logs', 'app.log')],
      root: workspace,
    });
  });

  it('"." with the PR diff reads every plain file, leaves symlinks and .git out', async () => {
    await mkdir(join(workspace, '.git'));
    await writeFile(join(workspace, '.git', 'config'), '[core]\n');
    const context = await buildContext(['.'], workspace, 'diff\n');
    expect(context).toEqual({
      kind: 'json',
      value: {
        'logs/app.log': 'real log line\n',
        'logs/sub/inner.log': 'inner\n',
        [DIFF_CONTEXT_KEY]: 'diff\n',
      },
    });
  });

  it('a plain path that does not exist, or leaves the workspace, is refused', async () => {
    await expect(buildContext(['./missing.log'], workspace, null)).rejects.toThrow(
      '"./missing.log" matches nothing in the workspace',
    );
    await expect(buildContext(['../outside/secret.txt'], workspace, null)).rejects.toThrow(
      'points outside the workspace',
    );
  });
});
