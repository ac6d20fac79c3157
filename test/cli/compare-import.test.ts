/** `rlm logs import FILE` and `rlm compare A B` as processes, on a log dir of real files. */
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Comparison } from '../../src/viz/data/compare.js';
import { syntheticRun } from '../support/synthetic-runs.js';
import { ensureBuilt, makeTempDir, runRlm } from './support/cli-process.js';

beforeAll(() => ensureBuilt());

const OFFICIAL_LOG = [
  {
    type: 'metadata',
    timestamp: '2026-11-22T09:00:00.000000',
    root_model: 'gpt-5-mini',
    max_depth: 1,
    max_iterations: 10,
    backend: 'openai',
    backend_kwargs: { api_key: 'sk-proj-abcdefghijklmnop123456' },
    environment_type: 'local',
    environment_kwargs: {},
    other_backends: null,
  },
  {
    type: 'iteration',
    iteration: 1,
    timestamp: '2026-11-22T09:00:03.000000',
    prompt: 'Count',
    response: 'FINAL(3)',
    code_blocks: [],
    final_answer: '3',
    iteration_time: 3.0,
  },
];

function setUp(): { cwd: string; logDir: string } {
  const cwd = makeTempDir('import');
  const logDir = join(cwd, 'logs');
  mkdirSync(logDir);
  return { cwd, logDir };
}

it('imports our trajectories and official RLM logs, refuses links, invalid files and duplicates', async () => {
  const { cwd, logDir } = setUp();
  const ours = syntheticRun({
    id: 'imported-run-1',
    calls: 4,
    payload: 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  });
  writeFileSync(join(cwd, 'ours.jsonl'), `${JSON.stringify(ours)}\n`);
  const first = await runRlm(['logs', 'import', 'ours.jsonl', '--log-dir', 'logs'], { cwd });
  expect(first.stderr).toBe(`rlm: imported 1 run(s) into ${join(logDir, 'imported_ours.jsonl')}\n`);
  expect([first.code, first.stdout]).toEqual([0, 'imported-run-1\n']);
  const copied = readFileSync(join(logDir, 'imported_ours.jsonl'), 'utf8');
  expect(copied).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
  expect(copied).toContain('[REDACTED]');

  writeFileSync(
    join(cwd, 'rlm_2026-11-22_09-00-00_ab12cd34.jsonl'),
    OFFICIAL_LOG.map((r) => JSON.stringify(r)).join('\n') + '\n',
  );
  const official = await runRlm(
    ['logs', 'import', 'rlm_2026-11-22_09-00-00_ab12cd34.jsonl', '--log-dir', 'logs'],
    { cwd },
  );
  expect([official.code, official.stdout]).toEqual([0, 'rlmpy-rlm_2026-11-22_09-00-00_ab12cd34\n']);
  expect(readFileSync(join(logDir, 'rlm_2026-11-22_09-00-00_ab12cd34.jsonl'), 'utf8')).not.toContain(
    'sk-proj',
  );
  const listed = await runRlm(['logs', '--log-dir', 'logs', '--format', 'json'], { cwd });
  // `rlm logs --format json` lists JSONL: one trajectory per line.
  const listedIds = listed.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { trajectory_id: string }).trajectory_id);
  expect(listedIds).toEqual(['rlmpy-rlm_2026-11-22_09-00-00_ab12cd34', 'imported-run-1']);

  const again = await runRlm(['logs', 'import', 'ours.jsonl', '--log-dir', 'logs'], { cwd });
  expect([again.code, again.stderr]).toEqual([
    5,
    `rlm: error: already in ${logDir}: imported-run-1\nrlm: fix: Nothing to do; \`rlm logs\` lists it.\n`,
  ]);

  symlinkSync(join(cwd, 'ours.jsonl'), join(cwd, 'link.jsonl'));
  const link = await runRlm(['logs', 'import', 'link.jsonl', '--log-dir', 'logs'], { cwd });
  expect(link.code).toBe(5);
  expect(link.stderr).toContain('is not a regular file (symlinks are not followed)');

  writeFileSync(
    join(cwd, 'bad.jsonl'),
    `${JSON.stringify({ ...ours, trajectory_id: 'bad', tokens: 'many' })}\n`,
  );
  const bad = await runRlm(['logs', 'import', 'bad.jsonl', '--log-dir', 'logs'], { cwd });
  expect(bad.code).toBe(5);
  expect(bad.stderr).toContain(
    'is not a valid trajectory file ((root) must NOT have additional properties (tokens))',
  );
  expect(readdirSync(logDir).sort()).toEqual([
    'imported_ours.jsonl',
    'rlm_2026-11-22_09-00-00_ab12cd34.jsonl',
  ]);
});

it('rlm compare prints runs side by side with the Winner line, or one JSON object', async () => {
  const { cwd, logDir } = setUp();
  const a = syntheticRun({ id: 'cmp-aaaa', calls: 10, model: 'claude-sonnet-4-5' });
  const b = syntheticRun({
    id: 'cmp-bbbb',
    calls: 4,
    model: 'gpt-5',
    seed: 5,
    start: '2026-11-21T10:00:00.000Z',
  });
  writeFileSync(join(logDir, 'trajectories_x.jsonl'), `${JSON.stringify(a)}\n${JSON.stringify(b)}\n`);
  const text = await runRlm(['compare', 'cmp-a', 'cmp-b', '--log-dir', 'logs'], { cwd });
  expect(text.code).toBe(0);
  const lines = text.stdout.split('\n');
  expect(lines[0]).toMatch(/^ +cmp-aaaa +cmp-bbbb$/);
  expect(lines[1]).toMatch(/^status +ok +ok$/);
  expect(lines[2]).toMatch(/^model +claude-sonnet-4-5 +gpt-5$/);
  expect(text.stdout).toContain('\nModel Comparison:\n- claude-sonnet-4-5: ');
  expect(text.stdout.trimEnd().endsWith('Winner: gpt-5 (fastest, cheapest, fewest tokens)')).toBe(true);

  const json = await runRlm(['compare', 'cmp-aaaa', 'cmp-bbbb', '--format', 'json', '--log-dir', 'logs'], {
    cwd,
  });
  const comparison = JSON.parse(json.stdout) as Comparison;
  expect(comparison.runs.map((run) => [run.id, run.tokens, run.calls])).toEqual([
    ['cmp-aaaa', a.total_tokens, 10],
    ['cmp-bbbb', b.total_tokens, 4],
  ]);
  expect(comparison.winner).toEqual({ model: 'gpt-5', reasons: ['fastest', 'cheapest', 'fewest tokens'] });

  const missing = await runRlm(['compare', 'cmp-aaaa', 'nope', '--log-dir', 'logs'], { cwd });
  expect(missing.code).toBe(5);
  expect(missing.stderr).toContain("no trajectory with id (or unique id prefix) 'nope'");
});
