/**
 * A run killed with SIGKILL mid-execution still leaves a trajectory the
 * reader accepts, with every call that completed before the kill.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readTrajectories } from '../../src/trajectory/reader.js';
import { validateTrajectory } from '../../src/trajectory/validate.js';

const FIXTURE = path.resolve('test/e2e/fixtures/blocking-run.ts');

describe('kill -9 mid-run', () => {
  let logDir: string;
  beforeAll(async () => {
    logDir = await mkdtemp(path.join(tmpdir(), 'rlm-kill-'));
  });
  afterAll(() => rm(logDir, { recursive: true, force: true }));

  it('leaves a readable trajectory with the completed calls', async () => {
    // node itself runs the engine (tsx as a loader, not as a wrapper process), so the SIGKILL hits the run.
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, logDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
      child.on('exit', () => reject(new Error(`fixture exited before blocking: ${stderr}`)));
    });
    // Both root turns are recorded before the blocking block starts (the writer journals each call at once).
    await waitForJournal(logDir, 2);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const [trajectory, ...others] = await readTrajectories(logDir);
    expect(others).toHaveLength(0);
    expect(trajectory?.incomplete).toBe(true);
    expect(validateTrajectory(trajectory).valid).toBe(true);
    expect(trajectory?.calls.map((call) => [call.call_id, call.kind, call.iteration])).toEqual([
      ['c1', 'root', 1],
      ['c2', 'root', 2],
    ]);
    expect(trajectory?.calls[0]?.executions[0]?.stdout).toBe('12\n');
    expect(trajectory?.calls[1]?.executions).toEqual([]);
  });
});

/** Polls the reader until the unfinished run shows `calls` calls (the journal is written asynchronously). */
async function waitForJournal(logDir: string, calls: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [trajectory] = await readTrajectories(logDir).catch(() => []);
    if (trajectory !== undefined && trajectory.calls.length >= calls) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the journal never showed ${calls} calls`);
}
