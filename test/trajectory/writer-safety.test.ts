/**
 * The writer and reader never follow a symlink, never write into a special or hard-linked file, and
 * never leave the log dir, whatever was planted there (issue 8, hole 1). Host-side: the planting is done
 * here with plain fs calls; the attack through the Docker sandbox is in test/cli/sandbox-log-dir.test.ts.
 */
import { execFileSync } from 'node:child_process';
import {
  linkSync,
  renameSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { SafeDirectory, UnsafePathError, anchorPath } from '../../src/host-fs/safe-directory.js';
import { readTrajectories } from '../../src/trajectory/reader.js';
import { Redactor } from '../../src/trajectory/redactor.js';
import { TrajectoryWriter, type TrajectoryFormat } from '../../src/trajectory/writer.js';
import { makeCall, makeHeader, makeOutcome } from './support/records.js';

const STAMP = '2026-11-24T03-30-00-000Z';
const fixedNow = () => new Date('2026-11-24T03:30:00.000Z');

function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `rlm-safety-${prefix}-`));
}

/** A victim file outside the log dir, and a check that it is untouched. */
function victim(): { file: string; untouched: () => void } {
  const dir = tempDir('victim');
  const file = path.join(dir, '.bashrc');
  writeFileSync(file, 'echo original\n');
  return {
    file,
    untouched: () => {
      expect(readFileSync(file, 'utf8')).toBe('echo original\n');
      expect(readdirSync(dir)).toEqual(['.bashrc']);
    },
  };
}

async function runWriter(
  logDir: string,
  format: TrajectoryFormat = 'jsonl',
  untrustedRoot: string | null = null,
) {
  const errors: string[] = [];
  const writer = new TrajectoryWriter({
    logDir,
    format,
    untrustedRoot,
    redactor: new Redactor(),
    now: fixedNow,
    onError: (error, phase) => errors.push(`${phase}: ${error.message}`),
  });
  await writer.start(makeHeader());
  await writer.recordCall(makeCall({ call_id: 'c1' }));
  const result = await writer.finish(makeOutcome());
  return { result, errors };
}

describe.each(['jsonl', 'json'] as const)('TrajectoryWriter (%s) with planted files', (format) => {
  it('refuses a trajectory file that is a symlink, and writes nothing through it', async () => {
    const logDir = tempDir('logs');
    const target = victim();
    symlinkSync(target.file, path.join(logDir, `trajectories_${STAMP}.${format}`));
    const { result, errors } = await runWriter(logDir, format);
    target.untouched();
    if (format === 'jsonl') {
      expect(result.written).toBe(false);
      expect(errors).toEqual([expect.stringMatching(/^final: refusing .*trajectories_.*symlink/)]);
    } else {
      // JSON picks a fresh name when the plain one is taken; the link itself is left alone.
      expect(result.written).toBe(true);
      expect(path.basename(result.path)).toMatch(/_traj-0001\.json$/);
    }
  });
});

describe('TrajectoryWriter with planted files', () => {
  it('refuses a log dir that is a symlink', async () => {
    const parent = tempDir('parent');
    const elsewhere = tempDir('elsewhere');
    symlinkSync(elsewhere, path.join(parent, 'logs'));
    const { result, errors } = await runWriter(path.join(parent, 'logs'));
    expect(result.written).toBe(false);
    expect(errors[0]).toMatch(/^journal: refusing .*logs: it is a symlink/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('under an untrusted root, refuses a symlinked parent of the log dir as well', async () => {
    const workspace = tempDir('workspace');
    const elsewhere = tempDir('elsewhere');
    mkdirSync(path.join(elsewhere, 'logs'));
    symlinkSync(elsewhere, path.join(workspace, 'a'));
    const { result, errors } = await runWriter(path.join(workspace, 'a', 'logs'), 'jsonl', workspace);
    expect(result.written).toBe(false);
    expect(errors[0]).toMatch(/refusing .*\/a: it is a symlink/);
    expect(readdirSync(path.join(elsewhere, 'logs'))).toEqual([]);
  });

  it('refuses a journal directory that is a symlink', async () => {
    const logDir = tempDir('logs');
    const elsewhere = tempDir('elsewhere');
    symlinkSync(elsewhere, path.join(logDir, '.journal'));
    const { errors } = await runWriter(logDir);
    expect(errors[0]).toMatch(/\.journal: it is a symlink/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('refuses a FIFO without blocking, and a hard-linked file', async () => {
    const logDir = tempDir('logs');
    execFileSync('mkfifo', [path.join(logDir, `trajectories_${STAMP}.jsonl`)]);
    const fifo = await runWriter(logDir);
    expect(fifo.errors).toEqual([
      expect.stringMatching(/^final: refusing .*(special file|not a regular file)/),
    ]);

    const other = tempDir('logs');
    const target = victim();
    linkSync(target.file, path.join(other, `trajectories_${STAMP}.jsonl`));
    const linked = await runWriter(other);
    expect(linked.errors).toEqual([expect.stringMatching(/^final: refusing .*other hard links/)]);
    target.untouched();
  });

  it('the reader skips symlinked trajectory files and a symlinked log dir', async () => {
    const real = tempDir('real');
    await runWriter(real);
    const logDir = tempDir('logs');
    symlinkSync(
      path.join(real, `trajectories_${STAMP}.jsonl`),
      path.join(logDir, `trajectories_${STAMP}.jsonl`),
    );
    expect(await readTrajectories(logDir)).toEqual([]);
    const parent = tempDir('parent');
    symlinkSync(real, path.join(parent, 'logs'));
    const warnings: string[] = [];
    expect(await readTrajectories(path.join(parent, 'logs'), { onWarning: (w) => warnings.push(w) })).toEqual(
      [],
    );
    expect(warnings[0]).toMatch(/refusing .*logs: it is a symlink/);
    expect(await readTrajectories(real)).toHaveLength(1);
  });
});

describe('anchorPath and SafeDirectory', () => {
  it('checks every component below an untrusted root, and only the last one elsewhere', () => {
    expect(anchorPath('/srv/repo/a/logs', '/srv/repo')).toEqual({ base: '/srv/repo', parts: ['a', 'logs'] });
    expect(anchorPath('/var/log/rlm', '/srv/repo')).toEqual({ base: '/var/log', parts: ['rlm'] });
    expect(anchorPath('/var/log/rlm', null)).toEqual({ base: '/var/log', parts: ['rlm'] });
  });

  it('keeps working on the directory it opened after the path was renamed and replaced by a symlink', async () => {
    const root = tempDir('root');
    mkdirSync(path.join(root, 'logs'));
    const directory = await SafeDirectory.open(root, ['logs'], { create: false });
    const target = victim();
    renameSync(path.join(root, 'logs'), path.join(root, 'moved'));
    symlinkSync(path.dirname(target.file), path.join(root, 'logs'));
    const handle = await directory.createFile('new.txt');
    await handle.close();
    await directory.close();
    target.untouched();
    expect(readdirSync(path.join(root, 'moved'))).toEqual(['new.txt']);
  });

  it('refuses names that are not a single component', async () => {
    const directory = await SafeDirectory.open(tempDir('names'), [], { create: false });
    try {
      await expect(directory.createFile('../escape')).rejects.toBeInstanceOf(UnsafePathError);
      await expect(directory.subdirectory('..', { create: true })).rejects.toBeInstanceOf(UnsafePathError);
    } finally {
      await directory.close();
    }
  });
});
