/**
 * `environment: repl`: the REPL server as a local python3 child process.
 *
 * UNSAFE FOR UNTRUSTED CODE. The code runs as the current user with the host's
 * filesystem and network; only the environment is scrubbed (allowlist) and
 * RLIMIT_FSIZE / RLIMIT_NOFILE are applied. Use the Docker adapter for model-written code
 * you do not trust.
 *
 * Python starts in its own process group (detached) so kill() takes down every
 * background process the code started, and the REPL exits when its stdin closes.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ExecutionError } from '../../errors.js';
import type { Launcher, ReplProcess } from '../launcher.js';
import type { SandboxOptions } from '../options.js';
import { LocalReplProcess } from './local-repl-process.js';
import { localReplEnvironment } from './local-environment.js';

export class LocalLauncher implements Launcher {
  readonly kind = 'repl' as const;
  private readonly processes = new Set<LocalReplProcess>();
  private disposed = false;

  constructor(private readonly options: SandboxOptions) {}

  /** Nothing to check up front: a missing python3 shows at the first launch. */
  async preflight(): Promise<void> {}

  async launch(serverSource: string): Promise<ReplProcess> {
    if (this.disposed) throw new ExecutionError('The local sandbox launcher was disposed.');
    const home = await mkdtemp(path.join(tmpdir(), 'rlm-repl-'));
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(this.options.pythonPath, ['-u', '-B', '-c', serverSource], {
        cwd: this.options.docker.workspaceDir ?? home,
        env: localReplEnvironment(home, this.options.docker.env),
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      });
    } catch (error) {
      await rm(home, { recursive: true, force: true });
      throw new ExecutionError(`Could not start ${this.options.pythonPath}: ${String(error)}`, {
        fix: 'Install Python 3.11 or newer, or point pythonPath at it.',
        cause: error,
      });
    }
    const process = new LocalReplProcess(child, home);
    this.processes.add(process);
    void process.exited.then(() => this.processes.delete(process));
    return process;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.processes].map((process) => process.kill()));
    this.processes.clear();
  }
}
