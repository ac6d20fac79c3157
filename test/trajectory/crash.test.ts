import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { readTrajectories, UNFINISHED_RUN_ERROR } from '../../src/trajectory/reader.js';
import { validateTrajectory } from '../../src/trajectory/validate.js';

const child = path.resolve('test/trajectory/support/crash-child.ts');

function runChild(
  args: string[],
  onLine?: (line: string, kill: () => void) => void,
): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let buffered = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) onLine?.(line, () => proc.kill('SIGKILL'));
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal === null)
        reject(new Error(`child exited with code ${String(code)} instead of being killed: ${stderr}`));
      else resolve(signal);
    });
  });
}

describe('a run killed before finish()', () => {
  it('leaves every completed call on disk, readable as an incomplete trajectory', async () => {
    const logDir = await mkdtemp(path.join(tmpdir(), 'rlm-crash-'));

    const signal = await runChild([logDir, '5', 'self']);

    expect(signal).toBe('SIGKILL');
    const [trajectory, ...others] = await readTrajectories(logDir);
    expect(others).toHaveLength(0);
    expect(trajectory?.trajectory_id).toBe('crash-self');
    expect(trajectory?.incomplete).toBe(true);
    expect(trajectory?.success).toBe(false);
    expect(trajectory?.error).toBe(UNFINISHED_RUN_ERROR);
    expect(trajectory?.calls.map((call) => call.call_id)).toEqual([
      'call-0',
      'call-1',
      'call-2',
      'call-3',
      'call-4',
    ]);
    expect(trajectory?.calls.map((call) => call.executions.length)).toEqual([1, 1, 1, 1, 1]);
    expect(trajectory?.iterations).toBe(5);
    expect(trajectory?.total_tokens_in).toBe(5 * 100);
    expect(validateTrajectory(trajectory)).toEqual({ valid: true, errors: [] });
  });

  it('keeps the secret out of the journal it leaves behind', async () => {
    const logDir = await mkdtemp(path.join(tmpdir(), 'rlm-crash-'));

    await runChild([logDir, '2', 'self']);

    const journals = await readdir(path.join(logDir, '.journal'));
    expect(journals).toHaveLength(1);
    const text = await readFile(path.join(logDir, '.journal', journals[0] ?? ''), 'utf8');
    expect(text).toContain('[REDACTED]');
    expect(text).not.toContain('crash-secret-value-123456');
  });

  it('keeps at least every acknowledged call when killed from outside mid-stream', async () => {
    const logDir = await mkdtemp(path.join(tmpdir(), 'rlm-crash-'));
    let acknowledged = 0;

    await runChild([logDir, '0', 'stream'], (line, kill) => {
      acknowledged = Number(line.replace('recorded ', ''));
      if (acknowledged === 40) kill();
    });

    const [trajectory] = await readTrajectories(logDir);
    expect(acknowledged).toBeGreaterThanOrEqual(40);
    expect(trajectory?.incomplete).toBe(true);
    expect(trajectory?.calls.length).toBeGreaterThanOrEqual(acknowledged);
    expect(validateTrajectory(trajectory)).toEqual({ valid: true, errors: [] });
  });
});
