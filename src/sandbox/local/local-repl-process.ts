import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { constants } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import type { ReplExit, ReplProcess } from '../launcher.js';

const STDERR_TAIL_BYTES = 4096;

/** A python3 child running the REPL server, leader of its own process group. */
export class LocalReplProcess implements ReplProcess {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly exited: Promise<ReplExit>;
  private stderrTail = '';

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly home: string,
  ) {
    this.stdin = child.stdin;
    this.stdout = child.stdout;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL_BYTES);
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        const signalNumber = signal === null ? undefined : constants.signals[signal];
        resolve({
          code: code ?? (signalNumber === undefined ? null : 128 + signalNumber),
          oomKilled: false,
          stderrTail: this.stderrTail,
        });
      });
    });
    void this.exited.then(() => rm(this.home, { recursive: true, force: true }).catch(() => undefined));
  }

  async kill(): Promise<void> {
    // The whole group: background processes started by the code die with the REPL.
    // Sent even after the leader exited, since its children may still be running.
    const pid = this.child.pid;
    if (pid !== undefined) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // ESRCH: the group is already gone.
      }
    }
    this.child.stdin.destroy();
    await this.exited;
  }
}
