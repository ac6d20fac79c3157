/**
 * Hole 1 of issue 8: with `--writable` and the log dir inside the mounted workspace, model code must not
 * make the host's trajectory writer write anywhere it chooses. Every attack runs as model code in the
 * real Docker sandbox, through the CLI as a user runs it.
 */
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_IMAGE } from '../support/docker-image.js';
import { ensureBuilt, makeTempDir, runRlm } from './support/cli-process.js';
import { repl, writeScript } from './support/scripts.js';

beforeAll(() => ensureBuilt());

/** A project directory the sandbox user can write: owned by a non-root uid and open to all. */
function projectDir(): string {
  const dir = makeTempDir('writable');
  chownSync(dir, 1000, 1000);
  chmodSync(dir, 0o777);
  return dir;
}

/** Stands for the user's home: a start-up file the attack would love to append to. */
function outsideDir(): { dir: string; listing: () => string[]; bashrc: () => string } {
  const dir = makeTempDir('outside');
  mkdirSync(join(dir, 'logs'));
  mkdirSync(join(dir, '.journal'));
  writeFileSync(join(dir, '.bashrc'), 'echo original\n');
  const listing = () => walk(dir);
  return { dir, listing, bashrc: () => readFileSync(join(dir, '.bashrc'), 'utf8') };
}

function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? [`${prefix}${entry.name}/`, ...walk(join(dir, entry.name), `${prefix}${entry.name}/`)]
      : [`${prefix}${entry.name}`],
  );
}

function run(cwd: string, ...extra: string[]) {
  return runRlm(
    [
      'run',
      'attack the log dir',
      '--json',
      '--backend',
      'scripted',
      '--script',
      'script.yaml',
      '--image',
      TEST_IMAGE,
      '--writable',
      ...extra,
    ],
    { cwd },
  );
}

describe('the log dir inside a writable workspace', () => {
  it('is an empty, read-only mount point in the sandbox that cannot be replaced', async () => {
    const cwd = projectDir();
    mkdirSync(join(cwd, 'logs'));
    writeFileSync(join(cwd, 'logs', 'trajectories_earlier.jsonl'), '{"secret":"an earlier run"}\n');
    writeScript(cwd, [
      repl(
        [
          'import os',
          'seen = sorted(os.listdir("/workspace/logs"))',
          'attempts = []',
          'for attack in (',
          '    lambda: open("/workspace/logs/trajectories_x.jsonl", "w"),',
          '    lambda: os.rename("/workspace/logs", "/workspace/moved"),',
          '    lambda: os.rmdir("/workspace/logs"),',
          '):',
          '    try:',
          '        attack()',
          '        attempts.append("done")',
          '    except OSError as error:',
          '        attempts.append(error.__class__.__name__)',
          'FINAL(repr((seen, attempts)))',
        ].join('\n'),
      ),
    ]);
    const result = await run(cwd);
    expect(result.stderr).not.toContain('could not write the trajectory');
    const json = JSON.parse(result.stdout) as { response: string; trajectory_path: string };
    expect(json.response).toBe("([], ['OSError', 'OSError', 'OSError'])");
    // The host side is untouched, and the trajectory landed in the real log dir.
    expect(readFileSync(join(cwd, 'logs', 'trajectories_earlier.jsonl'), 'utf8')).toContain('an earlier run');
    expect(readdirSync(join(cwd, 'logs')).filter((name) => name.startsWith('trajectories_2'))).toHaveLength(
      1,
    );
    expect(readdirSync(cwd).sort()).toEqual(['logs', 'script.yaml']);
  });

  it('a symlink planted by an earlier run is refused: nothing is written outside, the run carries on', async () => {
    const cwd = projectDir();
    const outside = outsideDir();
    const before = outside.listing();
    // First run: its log dir is elsewhere, so ./logs is not masked and model code plants a symlink there.
    writeScript(cwd, [
      repl(`import os\nos.symlink(${JSON.stringify(outside.dir)}, "/workspace/logs")\nFINAL("planted")`),
    ]);
    const plant = await run(cwd, '--log-dir', makeTempDir('first-logs'));
    expect(JSON.parse(plant.stdout)).toMatchObject({ success: true, response: 'planted' });
    // Second run with the default ./logs: the writer must not follow the link.
    writeScript(cwd, [repl('FINAL("second run")')]);
    const second = await run(cwd);
    const json = JSON.parse(second.stdout) as {
      success: boolean;
      response: string;
      trajectory_path: unknown;
    };
    expect(json).toMatchObject({ success: true, response: 'second run', trajectory_path: null });
    expect(second.stderr).toMatch(/could not write the trajectory .*logs: it is a symlink/);
    expect(outside.listing()).toEqual(before);
    expect(outside.bashrc()).toBe('echo original\n');
  });

  it('a nested log dir whose parent the sandbox renames and replaces with a symlink: writes stay inside', async () => {
    const cwd = projectDir();
    mkdirSync(join(cwd, 'a'));
    chmodSync(join(cwd, 'a'), 0o777);
    const outside = outsideDir();
    const before = outside.listing();
    writeScript(cwd, [
      repl(
        [
          'import os',
          // logs itself is a mount point; its parent directory is not.
          'os.rename("/workspace/a", "/workspace/b")',
          `os.symlink(${JSON.stringify(outside.dir)}, "/workspace/a")`,
          'FINAL(repr(sorted(os.listdir("/workspace"))))',
        ].join('\n'),
      ),
    ]);
    const result = await run(cwd, '--log-dir', 'a/logs');
    const json = JSON.parse(result.stdout) as { success: boolean; response: string };
    expect(json).toMatchObject({ success: true, response: "['a', 'b', 'script.yaml']" });
    expect(outside.listing()).toEqual(before);
    expect(outside.bashrc()).toBe('echo original\n');
    // The writer kept its open directory: the trajectory is in the renamed one, inside the workspace.
    expect(
      readdirSync(join(cwd, 'b', 'logs')).filter((name) => name.startsWith('trajectories_')),
    ).toHaveLength(1);
  });
});
