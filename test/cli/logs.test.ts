/**
 * `rlm logs` as the guide prints it: --tail N, --id ID, --failed, --format json|table, and
 * `rlm logs --format json | jq '.total_tokens'` through a real shell pipe.
 */
import { spawnSync } from 'node:child_process';
import { ensureBuilt, makeTempDir, RLM_BIN, runRlm } from './support/cli-process.js';
import { repl, scriptedReplRun, writeScript } from './support/scripts.js';

beforeAll(() => ensureBuilt());

interface Listed {
  trajectory_id: string;
  success: boolean;
  total_tokens: number;
  task: string;
}

/** A log dir with three runs, oldest first: ok, failed, ok. Returns their ids in that order. */
async function threeRuns(cwd: string): Promise<string[]> {
  const ids: string[] = [];
  for (const [task, reply] of [
    ['first ok task', repl('FINAL("one")')],
    ['the failing task', repl('raise ValueError("boom")')],
    ['last ok task', repl('FINAL("three")')],
  ] as const) {
    writeScript(cwd, [reply]);
    const run = await runRlm(scriptedReplRun(task), { cwd });
    ids.push((JSON.parse(run.stdout) as { trajectory_id: string }).trajectory_id);
  }
  return ids;
}

function jsonLines(stdout: string): Listed[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Listed);
}

let cwd: string;
let ids: string[];

beforeAll(async () => {
  cwd = makeTempDir('logs');
  ids = await threeRuns(cwd);
});

it('the default table has a header row and a duration column, newest first', async () => {
  const run = await runRlm(['logs'], { cwd });
  expect(run.code).toBe(0);
  const lines = run.stdout.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^ID\s+STARTED\s+STATUS\s+MODEL\s+TOKENS\s+COST\s+DURATION\s+TASK$/);
  expect(lines).toHaveLength(4);
  expect(lines[1]).toContain(ids[2]);
  expect(lines[2]).toContain('failed');
  expect(lines[3]).toContain(ids[0]);
  // The duration column sits under its header and holds a duration.
  const column = lines[0]?.indexOf('DURATION') ?? -1;
  expect(lines[1]?.slice(column)).toMatch(/^\d+(\.\d)? m?s /);
  expect((await runRlm(['logs', '--format', 'table'], { cwd })).stdout).toBe(run.stdout);
});

it('--format json prints one object per line (JSONL)', async () => {
  const run = await runRlm(['logs', '--format', 'json'], { cwd });
  expect(run.code).toBe(0);
  const listed = jsonLines(run.stdout);
  expect(listed.map((trajectory) => trajectory.trajectory_id)).toEqual([...ids].reverse());
  expect(listed.every((trajectory) => trajectory.total_tokens > 0)).toBe(true);
});

it("`rlm logs --format json | jq '.total_tokens'` prints one number per run", () => {
  const piped = spawnSync(
    'sh',
    ['-c', `"${process.execPath}" "${RLM_BIN}" logs --format json | jq '.total_tokens'`],
    { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: makeTempDir('home') } },
  );
  expect(piped.status).toBe(0);
  const numbers = piped.stdout.trim().split('\n');
  expect(numbers).toHaveLength(3);
  expect(numbers.every((line) => /^\d+$/.test(line) && Number(line) > 0)).toBe(true);
});

it('--tail N (and the older --limit N) list the N most recent', async () => {
  const tail = jsonLines((await runRlm(['logs', '--tail', '2', '--format', 'json'], { cwd })).stdout);
  expect(tail.map((trajectory) => trajectory.trajectory_id)).toEqual([ids[2], ids[1]]);
  const limit = await runRlm(['logs', '--limit', '1'], { cwd });
  expect(limit.stdout.trimEnd().split('\n')).toHaveLength(2);
  expect(limit.stdout).toContain(ids[2]);
  const bad = await runRlm(['logs', '--tail', '0'], { cwd });
  expect(bad.code).toBe(5);
  expect(bad.stderr).toContain("--tail: '0' is not a positive integer");
});

it('--failed lists only the failed runs', async () => {
  const run = await runRlm(['logs', '--failed', '--format', 'json'], { cwd });
  expect(run.code).toBe(0);
  const listed = jsonLines(run.stdout);
  expect(listed.map((trajectory) => [trajectory.trajectory_id, trajectory.success])).toEqual([
    [ids[1], false],
  ]);
  expect(listed[0]?.task).toBe('the failing task');
});

it('--id ID (or the positional id, or a unique prefix) shows one run; --format json is that one object', async () => {
  const id = ids[0] ?? '';
  const byFlag = await runRlm(['logs', '--id', id], { cwd });
  expect(byFlag.code).toBe(0);
  expect(byFlag.stdout).toContain(`Run ${id}`);
  expect((await runRlm(['logs', id.slice(0, 8)], { cwd })).stdout).toBe(byFlag.stdout);

  const json = await runRlm(['logs', '--id', id, '--format', 'json'], { cwd });
  expect((JSON.parse(json.stdout) as Listed).trajectory_id).toBe(id);

  const missing = await runRlm(['logs', '--id', 'traj_abc123'], { cwd });
  expect(missing.code).toBe(5);
  expect(missing.stderr).toContain("no trajectory with id (or unique id prefix) 'traj_abc123'");
});
