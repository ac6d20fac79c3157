/** Real python3 REPL processes behind the shared ReplSandbox, closed after each test. */
import { afterEach } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { LocalLauncher } from '../../src/sandbox/local/local-launcher.js';
import { defaultSandboxOptions, type SandboxOptions } from '../../src/sandbox/options.js';
import { ReplSandbox } from '../../src/sandbox/repl-sandbox.js';

export function localOptions(overrides: Partial<SandboxOptions> = {}): SandboxOptions {
  return { ...defaultSandboxOptions(), environment: 'repl', execTimeoutMs: 45_000, ...overrides };
}

const open: ReplSandbox[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((sandbox) => sandbox.close()));
});

export function localSandbox(overrides: Partial<SandboxOptions> = {}): ReplSandbox {
  const options = localOptions(overrides);
  const sandbox = new ReplSandbox(new LocalLauncher(options), options);
  open.push(sandbox);
  return sandbox;
}

/** Python that finds the server's private protocol fd, as deliberately hostile code would. */
export const FIND_PRIVATE_FD =
  'import gc, os, struct\n' +
  "channel_fd = [o for o in gc.get_objects() if type(o).__name__ == 'Channel'][0].out_fd\n" +
  "def frame(body): return b'RLMF' + struct.pack('>II', len(body), 0) + body\n";

export function isProcessGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  // A zombie still answers kill(0); it is dead all the same.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** Polls until the process is gone; the jest timeout bounds the wait (no timing assertion). */
export async function waitUntilGone(pid: number): Promise<boolean> {
  while (!isProcessGone(pid)) await sleep(20);
  return true;
}

/** JS heap plus Buffer memory (stream chunks live outside the V8 heap). */
export function hostMemoryMb(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / (1024 * 1024);
}
