import { appendFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';

import { assembleTrajectory } from '../../src/trajectory/assemble.js';
import type { JournalEntry } from '../../src/trajectory/journal.js';
import {
  readTrajectories,
  readTrajectory,
  readTrajectoryFile,
  RUN_IN_PROGRESS_ERROR,
  UNFINISHED_RUN_ERROR,
} from '../../src/trajectory/reader.js';
import { validateTrajectory } from '../../src/trajectory/validate.js';
import { makeCall, makeExecution, makeHeader, makeOutcome } from './support/records.js';

async function tempLogDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'rlm-reader-'));
}

function finished(id: string, startTime: string): string {
  return JSON.stringify(
    assembleTrajectory(makeHeader({ trajectory_id: id, start_time: startTime }), [makeCall()], makeOutcome()),
  );
}

/** A pid that no process has: far above the kernel's default pid_max. */
const DEAD_PID = 2 ** 30;

async function writeJournal(logDir: string, id: string, entries: JournalEntry[]): Promise<void> {
  await mkdir(path.join(logDir, '.journal'), { recursive: true });
  const text = entries.map((entry) => JSON.stringify(entry)).join('\n');
  await writeFile(path.join(logDir, '.journal', `${id}.jsonl`), `${text}\n`);
}

function headerEntry(id: string, pid = DEAD_PID): Extract<JournalEntry, { type: 'header' }> {
  return {
    type: 'header',
    at: '2026-11-24T03:30:00.000Z',
    pid,
    host: (process.env.HOSTNAME ?? '') + 'elsewhere',
    data: makeHeader({ trajectory_id: id }),
  };
}

describe('readTrajectoryFile', () => {
  it('skips a last line cut short by a kill, without a warning, and keeps the rest', async () => {
    const logDir = await tempLogDir();
    const file = path.join(logDir, 'trajectories_x.jsonl');
    const whole = finished('kept', '2026-11-24T03:30:00.000Z');
    await writeFile(file, `${whole}\n${finished('cut', '2026-11-24T03:31:00.000Z').slice(0, 150)}`);
    const warnings: string[] = [];

    const trajectories = await readTrajectoryFile(file, { onWarning: (message) => warnings.push(message) });

    expect(trajectories.map((trajectory) => trajectory.trajectory_id)).toEqual(['kept']);
    expect(warnings).toEqual([]);
  });

  it('skips corrupt lines in the middle with a warning naming the line', async () => {
    const logDir = await tempLogDir();
    const file = path.join(logDir, 'trajectories_x.jsonl');
    await writeFile(
      file,
      [
        finished('one', '2026-11-24T03:30:00.000Z'),
        '{not json',
        '{"other":"record"}',
        finished('two', '2026-11-24T03:31:00.000Z'),
      ]
        .map((line) => `${line}\n`)
        .join(''),
    );
    const warnings: string[] = [];

    const trajectories = await readTrajectoryFile(file, { onWarning: (message) => warnings.push(message) });

    expect(trajectories.map((trajectory) => trajectory.trajectory_id)).toEqual(['one', 'two']);
    expect(warnings).toEqual([
      `${file}:2: skipped a line that is not valid JSON`,
      `${file}: skipped a record that is not a trajectory`,
    ]);
  });

  it('reads a pretty-printed JSON file', async () => {
    const logDir = await tempLogDir();
    const file = path.join(logDir, 'trajectories_x.json');
    await writeFile(
      file,
      JSON.stringify(JSON.parse(finished('pretty', '2026-11-24T03:30:00.000Z')), null, 2),
    );

    const [trajectory] = await readTrajectoryFile(file);

    expect(trajectory?.trajectory_id).toBe('pretty');
    expect(validateTrajectory(trajectory).valid).toBe(true);
  });

  it('warns instead of throwing when the file cannot be read', async () => {
    const warnings: string[] = [];

    const trajectories = await readTrajectoryFile('/nonexistent/trajectories.jsonl', {
      onWarning: (message) => warnings.push(message),
    });

    expect(trajectories).toEqual([]);
    expect(warnings[0]).toMatch(/^\/nonexistent\/trajectories\.jsonl: cannot read \(ENOENT/);
  });
});

describe('readTrajectories', () => {
  it('returns an empty list for a log directory that does not exist', async () => {
    expect(await readTrajectories('/nonexistent/logs')).toEqual([]);
  });

  it('lists finished and unfinished runs newest first, honouring the limit', async () => {
    const logDir = await tempLogDir();
    await writeFile(path.join(logDir, 'a.jsonl'), `${finished('oldest', '2026-11-24T01:00:00.000Z')}\n`);
    await writeFile(path.join(logDir, 'b.jsonl'), `${finished('newest', '2026-11-24T05:00:00.000Z')}\n`);
    await writeJournal(logDir, 'middle', [
      {
        ...headerEntry('middle'),
        data: makeHeader({ trajectory_id: 'middle', start_time: '2026-11-24T03:00:00.000Z' }),
      },
    ]);

    const all = await readTrajectories(logDir);
    const two = await readTrajectories(logDir, { limit: 2 });

    expect(all.map((trajectory) => trajectory.trajectory_id)).toEqual(['newest', 'middle', 'oldest']);
    expect(two.map((trajectory) => trajectory.trajectory_id)).toEqual(['newest', 'middle']);
  });

  it('rebuilds an unfinished run from its journal, ending at the last record', async () => {
    const logDir = await tempLogDir();
    await writeJournal(logDir, 'died', [
      headerEntry('died'),
      { type: 'call', at: '2026-11-24T03:30:02.000Z', data: makeCall({ call_id: 'a', iteration: 1 }) },
      {
        type: 'call',
        at: '2026-11-24T03:30:04.000Z',
        data: makeCall({ call_id: 'b', parent_id: 'a', depth: 2, kind: 'llm_query', iteration: 0 }),
      },
      { type: 'execution', at: '2026-11-24T03:30:07.500Z', call_id: 'a', data: makeExecution() },
    ]);

    const [trajectory] = await readTrajectories(logDir);

    expect(trajectory).toMatchObject({
      trajectory_id: 'died',
      incomplete: true,
      success: false,
      error: UNFINISHED_RUN_ERROR,
      final_answer: null,
      end_time: '2026-11-24T03:30:07.500Z',
      duration_ms: 7500,
      iterations: 1,
      max_depth_reached: 2,
      total_tokens: 240,
    });
    expect(trajectory?.calls.map((call) => call.executions.length)).toEqual([1, 0]);
    expect(validateTrajectory(trajectory)).toEqual({ valid: true, errors: [] });
  });

  it('says a run is still in progress while the process that writes it is alive', async () => {
    const logDir = await tempLogDir();
    await writeJournal(logDir, 'live', [{ ...headerEntry('live', process.pid), host: hostname() }]);

    const [trajectory] = await readTrajectories(logDir);

    expect(trajectory?.error).toBe(RUN_IN_PROGRESS_ERROR);
    expect(trajectory?.incomplete).toBe(true);
  });

  it('treats a journal that reached its outcome as a finished run', async () => {
    const logDir = await tempLogDir();
    await writeJournal(logDir, 'almost', [
      headerEntry('almost'),
      { type: 'call', at: '2026-11-24T03:30:02.000Z', data: makeCall() },
      { type: 'outcome', at: '2026-11-24T03:30:05.000Z', data: makeOutcome() },
    ]);

    const [trajectory] = await readTrajectories(logDir);

    expect(trajectory?.success).toBe(true);
    expect(trajectory?.incomplete).toBeUndefined();
    expect(trajectory?.final_answer).toBe(makeOutcome().final_answer);
  });

  it('prefers the finished copy when a kill left its journal behind too', async () => {
    const logDir = await tempLogDir();
    await writeFile(
      path.join(logDir, 'trajectories_x.jsonl'),
      `${finished('both', '2026-11-24T03:30:00.000Z')}\n`,
    );
    await writeJournal(logDir, 'both', [headerEntry('both')]);

    const trajectories = await readTrajectories(logDir);

    expect(trajectories).toHaveLength(1);
    expect(trajectories[0]?.incomplete).toBeUndefined();
    expect(trajectories[0]?.success).toBe(true);
  });

  it('skips a journal with no header and says so', async () => {
    const logDir = await tempLogDir();
    await writeJournal(logDir, 'headless', [
      { type: 'call', at: '2026-11-24T03:30:02.000Z', data: makeCall() },
    ]);
    const warnings: string[] = [];

    const trajectories = await readTrajectories(logDir, { onWarning: (message) => warnings.push(message) });

    expect(trajectories).toEqual([]);
    expect(warnings).toEqual([
      `${path.join(logDir, '.journal', 'headless.jsonl')}: journal has no header; cannot rebuild the run`,
    ]);
  });

  it('tolerates a journal whose last record was cut short', async () => {
    const logDir = await tempLogDir();
    await writeJournal(logDir, 'cut', [
      headerEntry('cut'),
      { type: 'call', at: '2026-11-24T03:30:02.000Z', data: makeCall() },
    ]);
    await appendFile(path.join(logDir, '.journal', 'cut.jsonl'), '{"type":"call","at":"2026-11-24T03:3');

    const [trajectory] = await readTrajectories(logDir);

    expect(trajectory?.calls).toHaveLength(1);
  });
});

describe('readTrajectory', () => {
  it('finds a run by exact id or by an unambiguous prefix', async () => {
    const logDir = await tempLogDir();
    await writeFile(
      path.join(logDir, 'runs.jsonl'),
      ['abc-111', 'abc-222', 'xyz-333'].map((id) => `${finished(id, '2026-11-24T03:30:00.000Z')}\n`).join(''),
    );

    expect((await readTrajectory(logDir, 'abc-222'))?.trajectory_id).toBe('abc-222');
    expect((await readTrajectory(logDir, 'xyz'))?.trajectory_id).toBe('xyz-333');
    expect(await readTrajectory(logDir, 'abc')).toBeUndefined();
    expect(await readTrajectory(logDir, 'nope')).toBeUndefined();
  });
});
