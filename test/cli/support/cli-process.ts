/**
 * Runs the built CLI (`node bin/rlm.js`) as a child process, the way users run
 * it, with a clean environment: only PATH, a private HOME and what the test
 * passes, so the developer's own RLM_* variables or ~/.rlm cannot leak in.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const RLM_BIN = join(REPO_ROOT, 'bin', 'rlm.js');
const BUILT_MAIN = join(REPO_ROOT, 'lib', 'cli', 'main.js');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Called with the child as soon as it is spawned (e.g. to send signals). */
  onSpawn?: (child: ChildProcess, stderrSoFar: () => string) => void;
}

/**
 * `npm test` builds first; a single file run directly builds here when lib/ is
 * missing or older than src/. A lock directory keeps parallel test workers
 * from compiling over each other.
 */
export function ensureBuilt(): void {
  const lock = join(REPO_ROOT, 'lib', '.cli-test-build.lock');
  for (;;) {
    const builtAt = safeMtime(BUILT_MAIN);
    if (builtAt !== undefined && newestMtime(join(REPO_ROOT, 'src')) <= builtAt) return;
    mkdirSync(join(REPO_ROOT, 'lib'), { recursive: true });
    try {
      mkdirSync(lock);
    } catch {
      sleepSync(500);
      continue;
    }
    try {
      const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      });
      if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `rlm-cli-${prefix}-`));
}

export function runRlm(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const home = options.env?.HOME ?? makeTempDir('home');
  const child = spawn(process.execPath, [RLM_BIN, ...args], {
    cwd: options.cwd ?? makeTempDir('cwd'),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  options.onSpawn?.(child, () => stderr);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function safeMtime(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
