import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { readTrajectories, readTrajectoryFile } from '../../src/trajectory/reader.js';
import { Redactor } from '../../src/trajectory/redactor.js';
import { validateTrajectory } from '../../src/trajectory/validate.js';
import { TrajectoryWriter, type TrajectoryWritePhase } from '../../src/trajectory/writer.js';
import { makeCall, makeExecution, makeHeader, makeOutcome, steppingClock } from './support/records.js';

async function tempLogDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'rlm-writer-'));
}

async function writeSampleRun(writer: TrajectoryWriter): Promise<{ path: string; written: boolean }> {
  await writer.start(makeHeader());
  await writer.recordCall(makeCall({ call_id: 'c1', tools_used: ['llm_query'] }));
  await writer.addExecution('c1', makeExecution({ block_index: 0 }));
  await writer.addExecution('c1', makeExecution({ block_index: 1, status: 'error', error: 'NameError: x' }));
  await writer.recordCall(
    makeCall({
      call_id: 'c2',
      parent_id: 'c1',
      node_id: 'root',
      depth: 1,
      kind: 'llm_query',
      iteration: 0,
      model: 'claude-haiku-4-5',
      tokens_in: 40,
      tokens_out: 10,
      cache_read_tokens: 0,
      cache_write_tokens: 0,
      cost_usd: 0.0003,
    }),
  );
  await writer.recordCall(makeCall({ call_id: 'c3', iteration: 2, response: 'answer["ready"] = True' }));
  return writer.finish(makeOutcome());
}

describe.each(['jsonl', 'json'] as const)('TrajectoryWriter (%s)', (format) => {
  it('round-trips every field through the reader and matches the schema', async () => {
    const logDir = await tempLogDir();
    const writer = new TrajectoryWriter({ logDir, format, redactor: new Redactor(), now: steppingClock() });

    const result = await writeSampleRun(writer);

    expect(result.written).toBe(true);
    expect(path.basename(result.path)).toBe(`trajectories_2026-11-24T03-30-00-000Z.${format}`);
    const [trajectory, ...rest] = await readTrajectoryFile(result.path);
    expect(rest).toHaveLength(0);
    expect(validateTrajectory(trajectory)).toEqual({ valid: true, errors: [] });
    const header = makeHeader();
    const outcome = makeOutcome();
    expect(trajectory).toEqual({
      ...header,
      ...outcome,
      outputs: [],
      outputs_skipped: [],
      outputs_dir: null,
      total_tokens_in: 100 + 40 + 100,
      total_tokens_out: 20 + 10 + 20,
      total_tokens: 240 + 50,
      total_cache_read_tokens: 10,
      total_cache_write_tokens: 6,
      total_cost_usd: 0.0027,
      calls: [
        makeCall({
          call_id: 'c1',
          tools_used: ['llm_query'],
          executions: [
            makeExecution({ block_index: 0 }),
            makeExecution({ block_index: 1, status: 'error', error: 'NameError: x' }),
          ],
        }),
        expect.objectContaining({
          call_id: 'c2',
          parent_id: 'c1',
          depth: 1,
          kind: 'llm_query',
          executions: [],
        }),
        makeCall({ call_id: 'c3', iteration: 2, response: 'answer["ready"] = True' }),
      ],
    });
    expect(trajectory?.incomplete).toBeUndefined();
  });

  it('removes the journal once the finished trajectory is written', async () => {
    const logDir = await tempLogDir();
    const writer = new TrajectoryWriter({ logDir, format, redactor: new Redactor() });

    await writeSampleRun(writer);

    expect(await readdir(path.join(logDir, '.journal'))).toEqual([]);
    expect(await readTrajectories(logDir)).toHaveLength(1);
  });
});

describe('TrajectoryWriter output files', () => {
  it('writes JSONL as exactly one line per trajectory and appends to a shared file', async () => {
    const logDir = await tempLogDir();
    for (const id of ['first', 'second']) {
      const writer = new TrajectoryWriter({ logDir, redactor: new Redactor(), fileName: 'runs.jsonl' });
      await writer.start(makeHeader({ trajectory_id: id }));
      await writer.recordCall(makeCall({ prompt: 'line one\nline two' }));
      await writer.finish(makeOutcome());
    }

    const lines = (await readFile(path.join(logDir, 'runs.jsonl'), 'utf8')).split('\n');

    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(
      lines.slice(0, 2).map((line) => (JSON.parse(line) as { trajectory_id: string }).trajectory_id),
    ).toEqual(['first', 'second']);
  });

  it('writes JSON pretty-printed and never replaces another run that started in the same millisecond', async () => {
    const logDir = await tempLogDir();
    const fixedClock = (): Date => new Date('2026-11-24T03:30:00.123Z');
    const paths: string[] = [];
    for (const id of ['alpha-run', 'beta-run']) {
      const writer = new TrajectoryWriter({
        logDir,
        format: 'json',
        redactor: new Redactor(),
        now: fixedClock,
      });
      await writer.start(makeHeader({ trajectory_id: id }));
      paths.push((await writer.finish(makeOutcome())).path);
    }

    expect(paths.map((file) => path.basename(file))).toEqual([
      'trajectories_2026-11-24T03-30-00-123Z.json',
      'trajectories_2026-11-24T03-30-00-123Z_beta-run.json',
    ]);
    const text = await readFile(paths[0] ?? '', 'utf8');
    expect(text.split('\n').length).toBeGreaterThan(10);
    expect((await readTrajectories(logDir)).map((trajectory) => trajectory.trajectory_id).sort()).toEqual([
      'alpha-run',
      'beta-run',
    ]);
  });

  it('keeps a concurrent fan-out of calls and executions as whole, separate journal lines', async () => {
    const logDir = await tempLogDir();
    const writer = new TrajectoryWriter({ logDir, redactor: new Redactor() });
    await writer.start(makeHeader());
    const big = 'x'.repeat(200_000);

    await Promise.all(
      Array.from({ length: 32 }, (_, index) => [
        writer.recordCall(makeCall({ call_id: `c${index}`, prompt: `${index}:${big}` })),
        writer.addExecution(`c${index}`, makeExecution({ stdout: `${index}:${big}` })),
      ]).flat(),
    );

    const journal = await readFile(writer.journalPath ?? '', 'utf8');
    const entries = journal
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string });
    expect(entries.map((entry) => entry.type)).toEqual([
      'header',
      ...Array.from({ length: 32 }, () => ['call', 'execution']).flat(),
    ]);
    const result = await writer.finish(makeOutcome());
    const [trajectory] = await readTrajectoryFile(result.path);
    expect(trajectory?.calls).toHaveLength(32);
    expect(trajectory?.calls.every((call) => call.executions.length === 1)).toBe(true);
  });

  it('syncs each journal record to disk when asked to', async () => {
    const logDir = await tempLogDir();
    const writer = new TrajectoryWriter({ logDir, redactor: new Redactor(), fsync: true });
    await writer.start(makeHeader());

    await writer.recordCall(makeCall());

    const journal = await readFile(writer.journalPath ?? '', 'utf8');
    expect(
      journal
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as { type: string }).type),
    ).toEqual(['header', 'call']);
  });

  it('attaches an execution that arrives before its call', async () => {
    const logDir = await tempLogDir();
    const writer = new TrajectoryWriter({ logDir, redactor: new Redactor() });
    await writer.start(makeHeader());

    await writer.addExecution('late', makeExecution({ code: 'early()' }));
    await writer.recordCall(makeCall({ call_id: 'late' }));
    const [trajectory] = await readTrajectoryFile((await writer.finish(makeOutcome())).path);

    expect(trajectory?.calls[0]?.executions.map((execution) => execution.code)).toEqual(['early()']);
  });
});

describe('TrajectoryWriter on I/O errors', () => {
  it('never rejects, and reports each failing phase once', async () => {
    const logDir = await tempLogDir();
    const blocker = path.join(logDir, 'not-a-dir');
    await writeFile(blocker, 'a file where the log dir should be');
    const reports: Array<{ phase: TrajectoryWritePhase; message: string }> = [];
    const writer = new TrajectoryWriter({
      logDir: blocker,
      redactor: new Redactor(),
      onError: (error, phase) => reports.push({ phase, message: error.message }),
    });

    await writer.start(makeHeader());
    await writer.recordCall(makeCall());
    await writer.addExecution('call-1', makeExecution());
    const result = await writer.finish(makeOutcome());

    expect(result.written).toBe(false);
    expect(reports.map((report) => report.phase)).toEqual(['journal', 'final']);
    expect(reports[0]?.message).toMatch(/ENOTDIR|EEXIST/);
  });

  it('keeps the journal, readable as an unfinished run, when the finished file cannot be written', async () => {
    const logDir = await tempLogDir();
    await writeFile(path.join(logDir, 'blocked'), 'a file, not a directory');
    const phases: TrajectoryWritePhase[] = [];
    const writer = new TrajectoryWriter({
      logDir,
      redactor: new Redactor(),
      fileName: 'blocked/trajectories.jsonl',
      onError: (_error, phase) => phases.push(phase),
    });
    await writer.start(makeHeader());
    await writer.recordCall(makeCall());

    const result = await writer.finish(makeOutcome());

    expect(result.written).toBe(false);
    expect(phases).toEqual(['final']);
    const [trajectory] = await readTrajectories(logDir);
    expect(trajectory?.calls).toHaveLength(1);
    expect(trajectory?.final_answer).toBe(makeOutcome().final_answer);
  });

  it('writes the trajectory once when finish() is called twice at the same time', async () => {
    const logDir = await tempLogDir();
    const writer = new TrajectoryWriter({ logDir, redactor: new Redactor() });
    await writer.start(makeHeader());

    const [first, second] = await Promise.all([writer.finish(makeOutcome()), writer.finish(makeOutcome())]);

    expect(second).toEqual(first);
    expect((await readFile(first.path, 'utf8')).trimEnd().split('\n')).toHaveLength(1);
  });

  it('reports records that arrive after finish() instead of throwing', async () => {
    const logDir = await tempLogDir();
    const phases: TrajectoryWritePhase[] = [];
    const writer = new TrajectoryWriter({
      logDir,
      redactor: new Redactor(),
      onError: (_e, phase) => phases.push(phase),
    });
    await writer.start(makeHeader());
    const first = await writer.finish(makeOutcome());

    await writer.recordCall(makeCall());
    const second = await writer.finish(makeOutcome());

    expect(phases).toEqual(['usage']);
    expect(second).toEqual(first);
    expect((await readTrajectoryFile(first.path))[0]?.calls).toEqual([]);
  });
});
