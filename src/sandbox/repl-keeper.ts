/**
 * Keeps one healthy REPL session for a ReplSandbox: launches the REPL server,
 * and when a session fails (timeout, death, broken or stalled channel) kills its
 * process, launches a fresh one and has the sandbox restore its namespaces. The
 * first caller that finds a session failed starts the recovery; everyone else
 * awaits the same one.
 */
import { DockerError, ExecutionError } from '../errors.js';
import type { Launcher } from './launcher.js';
import type { SandboxOptions } from './options.js';
import type { CallMessage } from './protocol/messages.js';
import { ReplSession, type CallOutcome, type ChannelUsage } from './protocol/session.js';
import { describeFailure, SessionFailedError, type SessionFailure } from './protocol/session-failure.js';
import { REPL_SERVER_SOURCE } from './repl-source.js';
import { RequestClocks, type ClockedRequest, type Expiry } from './request-clocks.js';

export interface RunningExec {
  namespace: string;
  controller: AbortController;
}

export interface LiveSession {
  session: ReplSession;
  execs: Map<number, RunningExec>;
  clocks: RequestClocks;
  /** Set once, by the first caller that finds this session failed. Resolves to the state-loss note. */
  recovery: Promise<string> | null;
}

export interface KeeperHooks {
  answerCall(live: LiveSession, call: CallMessage): Promise<CallOutcome>;
  /** Re-creates every namespace in a fresh session; resolves to the note that tells what was lost. */
  restore(live: LiveSession): Promise<string>;
}

const STARTUP_TIMEOUT_MS = 30_000;

export class ReplKeeper {
  private current: Promise<LiveSession> | null = null;
  private readonly sessions = new Set<LiveSession>();
  private closing: Promise<void> | null = null;
  /** A restart that happened while no execution was running; the next execution reports it. */
  private unreportedRestart = false;
  private retiredUsage: ChannelUsage = { peakUnreadBytes: 0, peakCallsInFlight: 0, peakCallBytes: 0 };

  constructor(
    private readonly launcher: Launcher,
    private readonly options: SandboxOptions,
    private readonly hooks: KeeperHooks,
  ) {}

  /** True once, for the first execution after a restart nobody was told about. */
  takeUnreportedRestart(): boolean {
    const restarted = this.unreportedRestart;
    this.unreportedRestart = false;
    return restarted;
  }

  /** The current session if one was started and is still usable, without starting one. */
  async existing(): Promise<LiveSession | null> {
    const live = this.current === null ? null : await this.current.catch(() => null);
    return live === null || live.session.failedWith !== null ? null : live;
  }

  /** The healthy session, starting or restarting the REPL when needed. */
  async live(): Promise<LiveSession> {
    for (let attempt = 0; ; attempt++) {
      if (this.closing !== null) throw new ExecutionError('The sandbox is closed.');
      if (this.current === null) {
        const launching = this.launchSession();
        this.current = launching;
        launching.catch(() => {
          if (this.current === launching) this.current = null;
        });
      }
      const live = await this.current;
      if (live.session.failedWith === null) return live;
      if (attempt > 0) {
        throw new ExecutionError(
          `The REPL failed again right after a restart: ${describeFailure(live.session.failedWith)}`,
          {
            fix:
              'Check that the sandbox limits (memory, pids) leave room for Python to start and that the ' +
              'prelude does not crash the REPL; the diagnostics above name the cause.',
          },
        );
      }
      await this.recover(live);
    }
  }

  /** The high-water marks of every session so far, retired ones included. */
  usage(): ChannelUsage {
    return [...this.sessions].reduce((peak, live) => maxUsage(peak, live.session.usage), this.retiredUsage);
  }

  recover(live: LiveSession): Promise<string> {
    live.recovery ??= this.restart(live);
    return live.recovery;
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await this.current?.catch(() => null);
    for (const live of this.sessions) await this.retire(live, { kind: 'closed' });
    await this.launcher.dispose();
  }

  private async restart(live: LiveSession): Promise<string> {
    await this.retire(live, { kind: 'closed' });
    if (live.execs.size === 0) this.unreportedRestart = true;
    if (this.closing !== null) return 'The sandbox was closed.';
    const restored = (async (): Promise<{ live: LiveSession; note: string }> => {
      const fresh = await this.launchSession();
      return { live: fresh, note: await this.hooks.restore(fresh) };
    })();
    const next = restored.then((value) => value.live);
    this.current = next;
    next.catch(() => {
      if (this.current === next) this.current = null;
    });
    try {
      return (await restored).note;
    } catch (error) {
      return `State was lost and the REPL could not be restarted: ${String(error)}`;
    }
  }

  private async retire(live: LiveSession, failure: SessionFailure): Promise<void> {
    live.session.fail(failure);
    for (const exec of live.execs.values()) exec.controller.abort();
    await live.session.process.kill().catch(() => undefined);
    if (this.sessions.delete(live)) this.retiredUsage = maxUsage(this.retiredUsage, live.session.usage);
  }

  private async launchSession(): Promise<LiveSession> {
    const process = await this.launcher.launch(REPL_SERVER_SOURCE);
    const maxCallBytes = 8 * this.options.maxFrameBytes;
    let answer: (call: CallMessage) => Promise<CallOutcome> = () =>
      Promise.resolve({ ok: false, error: 'the session is starting' });
    const session = new ReplSession(process, {
      maxFrameBytes: this.options.maxFrameBytes,
      maxOutstandingCallBytes: maxCallBytes,
      onCall: (call) => answer(call),
    });
    const clocks = new RequestClocks((request, expiry) => session.fail(timeoutFailure(request, expiry)));
    void session.failed.then(() => clocks.close());
    const live: LiveSession = { session, execs: new Map(), clocks, recovery: null };
    answer = (call) => this.hooks.answerCall(live, call);
    this.sessions.add(live);
    session.send({
      t: 'init',
      maxOutputBytes: this.options.maxOutputBytes,
      maxFrameBytes: this.options.maxFrameBytes,
      maxCallBytes,
      rlimits: { fsize: this.options.docker.fsizeBytes, nofile: this.options.docker.nofile },
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        session.ready,
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no ready frame within ${STARTUP_TIMEOUT_MS} ms`)),
            STARTUP_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (error) {
      await this.retire(live, { kind: 'closed' });
      const reason = error instanceof SessionFailedError ? describeFailure(error.failure) : String(error);
      const ErrorType = this.launcher.kind === 'docker' ? DockerError : ExecutionError;
      throw new ErrorType(`The sandbox REPL server failed to start: ${reason}`, {
        fix:
          this.launcher.kind === 'docker'
            ? 'Check that the sandbox image has python3 (3.11 or newer) on its PATH.'
            : 'Check that the configured python (pythonPath) is Python 3.11 or newer.',
      });
    } finally {
      clearTimeout(timer);
    }
    return live;
  }
}

function timeoutFailure(request: ClockedRequest, expiry: Expiry): SessionFailure {
  return {
    kind: 'timeout',
    execId: request.id,
    namespace: request.namespace,
    timeoutMs: request.timeoutMs,
    ...(request.operation === undefined ? {} : { operation: request.operation }),
    ...(expiry === 'wall_cap' ? { wallCapMs: request.wallCapMs } : {}),
  };
}

function maxUsage(a: ChannelUsage, b: ChannelUsage): ChannelUsage {
  return {
    peakUnreadBytes: Math.max(a.peakUnreadBytes, b.peakUnreadBytes),
    peakCallsInFlight: Math.max(a.peakCallsInFlight, b.peakCallsInFlight),
    peakCallBytes: Math.max(a.peakCallBytes, b.peakCallBytes),
  };
}
