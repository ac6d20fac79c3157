/**
 * The Sandbox both adapters share. A Launcher starts a REPL server process;
 * ReplSandbox speaks the framed protocol with it, keeps the namespaces and their
 * contexts, enforces the per-execution timeout, and on timeout, death or a
 * broken channel kills the process, starts a fresh one and re-creates every
 * namespace (contexts re-injected, prelude re-run) before reporting state loss.
 */
import { DockerError, ExecutionError } from '../errors.js';
import { encodeContext, type EncodedContext } from './context-input.js';
import { failedResult, resultFromReply } from './exec-results.js';
import { ExecTimer } from './exec-timer.js';
import { STAGING_THRESHOLD_BYTES, type Launcher } from './launcher.js';
import type { SandboxOptions } from './options.js';
import { depthWithin, type CallMessage } from './protocol/messages.js';
import { ReplSession, type CallOutcome, type RequestHooks } from './protocol/session.js';
import {
  describeFailure,
  ServerRequestError,
  SessionFailedError,
  type SessionFailure,
} from './protocol/session-failure.js';
import { REPL_SERVER_SOURCE } from './repl-source.js';
import type { ContextInput, ExecOptions, ExecResult, ExecStatus, HostCallHandler, Sandbox } from './types.js';

interface RunningExec {
  namespace: string;
  controller: AbortController;
  timer: ExecTimer | null;
}

interface NamespaceRecord {
  context: ContextInput | undefined;
  /**
   * Files are read once. A restart re-sends these bytes instead of reading the paths
   * again, which the sandbox may meanwhile have replaced with symlinks (writable workspace).
   */
  filesSnapshot?: EncodedContext;
}

interface LiveSession {
  session: ReplSession;
  execs: Map<number, RunningExec>;
  /**
   * Executions the REPL's main thread has started, innermost last. Only the innermost
   * can run: one below it stays blocked until it finishes, even when its own host
   * call has been answered, so its clock is paused meanwhile.
   */
  stack: RunningExec[];
  /** Set once, by the first caller that finds this session failed. Resolves to the state-loss note. */
  recovery: Promise<string> | null;
}

const STARTUP_TIMEOUT_MS = 30_000;
const MAX_CALL_ARGS_DEPTH = 128;

export class ReplSandbox implements Sandbox {
  readonly kind: 'docker' | 'repl';
  private current: Promise<LiveSession> | null = null;
  private readonly sessions = new Set<LiveSession>();
  /** Every namespace with the input its context came from: what a restart re-creates. */
  private readonly namespaces = new Map<string, NamespaceRecord>();
  private prelude = '';
  private handler: HostCallHandler = (call) =>
    Promise.reject(new Error(`no host call handler for "${call.name}"`));
  private closing: Promise<void> | null = null;
  /** A restart that happened while no execution was running; the next execution reports it. */
  private unreportedRestart = false;

  constructor(
    private readonly launcher: Launcher,
    private readonly options: SandboxOptions,
  ) {
    this.kind = launcher.kind;
  }

  async start(): Promise<void> {
    await this.live();
  }

  setPrelude(code: string): void {
    this.prelude = code;
  }

  setHostCallHandler(handler: HostCallHandler): void {
    this.handler = handler;
  }

  async createNamespace(namespace: string, context?: ContextInput): Promise<void> {
    const encoded = await encodeContext(context);
    this.namespaces.set(
      namespace,
      context?.kind === 'files' ? { context, filesSnapshot: encoded } : { context },
    );
    const live = await this.live();
    try {
      await this.createIn(live, namespace, encoded);
    } catch (error) {
      if (error instanceof SessionFailedError) {
        // The restart re-creates every namespace, this one included.
        await this.recover(live);
        return;
      }
      this.namespaces.delete(namespace);
      throw error;
    }
  }

  async dropNamespace(namespace: string): Promise<void> {
    this.namespaces.delete(namespace);
    const live = this.current === null ? null : await this.current.catch(() => null);
    if (live === null || live.session.failedWith !== null) return;
    const id = live.session.allocateId();
    const deadline = this.deadline(live, id, namespace, 'dropping the namespace');
    await live.session
      .request({ t: 'drop', id, ns: namespace } as { id: number }, 'ns_done', deadline.hooks)
      .catch(() => undefined)
      .finally(() => deadline.clear());
  }

  async getVariable(name: string, namespace = 'root'): Promise<string | undefined> {
    const live = await this.live();
    const id = live.session.allocateId();
    // str() runs the object's own __str__, which the code may have made loop forever.
    const deadline = this.deadline(live, id, namespace, `reading variable "${name}"`);
    try {
      const reply = await live.session.request(
        { t: 'getvar', id, ns: namespace, name } as { id: number },
        'var',
        deadline.hooks,
      );
      return reply.found ? reply.value : undefined;
    } catch (error) {
      if (!(error instanceof SessionFailedError)) throw error;
      await this.recover(live);
      return undefined;
    } finally {
      deadline.clear();
    }
  }

  async exec(code: string, options: ExecOptions = {}): Promise<ExecResult> {
    const startedAt = performance.now();
    const elapsed = (): number => performance.now() - startedAt;
    const namespace = options.namespace ?? 'root';
    const timeoutMs = options.timeoutMs ?? this.options.execTimeoutMs;
    if (!this.namespaces.has(namespace)) await this.createNamespace(namespace);
    const live = await this.live();
    const stateLost = this.unreportedRestart;
    this.unreportedRestart = false;

    const id = live.session.allocateId();
    const record: RunningExec = { namespace, controller: new AbortController(), timer: null };
    live.execs.set(id, record);
    // The clock starts when the REPL starts the code, not while it waits behind other requests.
    const timer = new ExecTimer(
      timeoutMs,
      () => live.session.fail({ kind: 'timeout', execId: id, namespace, timeoutMs }),
      { startPaused: true },
    );
    record.timer = timer;
    try {
      const reply = await live.session.request(
        { t: 'exec', id, ns: namespace, code } as { id: number },
        'exec_done',
        {
          onStarted: () => {
            live.stack.at(-1)?.timer?.pause();
            live.stack.push(record);
            timer.resume();
          },
        },
      );
      return resultFromReply(reply, stateLost, elapsed());
    } catch (error) {
      if (error instanceof ServerRequestError) {
        return failedResult(
          'error',
          `The REPL server failed to run the code: ${error.message}`,
          stateLost,
          elapsed(),
        );
      }
      if (!(error instanceof SessionFailedError)) throw error;
      if (error.failure.kind === 'closed') {
        return failedResult('crashed', 'The sandbox was closed during this execution.', true, elapsed());
      }
      const note = await this.recover(live);
      const [status, reason] = explain(error.failure, id);
      return failedResult(status, `${reason} ${note}`, true, elapsed());
    } finally {
      record.timer.clear();
      record.controller.abort();
      live.execs.delete(id);
      const depth = live.stack.indexOf(record);
      if (depth >= 0) {
        live.stack.splice(depth, 1);
        // The execution it was nested in can run again.
        if (depth === live.stack.length) live.stack.at(-1)?.timer?.resume();
      }
    }
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

  /** The healthy session, starting or restarting the REPL when needed. */
  private async live(): Promise<LiveSession> {
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

  private recover(live: LiveSession): Promise<string> {
    live.recovery ??= this.restart(live);
    return live.recovery;
  }

  private async restart(live: LiveSession): Promise<string> {
    await this.retire(live, { kind: 'closed' });
    if (live.execs.size === 0) this.unreportedRestart = true;
    if (this.closing !== null) return 'The sandbox was closed.';
    const restored = (async (): Promise<{ live: LiveSession; note: string }> => {
      const fresh = await this.launchSession();
      return { live: fresh, note: await this.restoreNamespaces(fresh) };
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
    this.sessions.delete(live);
  }

  private async restoreNamespaces(live: LiveSession): Promise<string> {
    const lostStash: string[] = [];
    const problems: string[] = [];
    for (const [namespace, { context, filesSnapshot }] of [...this.namespaces]) {
      if (context?.kind === 'stash') lostStash.push(namespace);
      try {
        const encoded =
          filesSnapshot ?? (await encodeContext(context?.kind === 'stash' ? undefined : context));
        await this.createIn(live, namespace, encoded);
      } catch (error) {
        problems.push(`namespace "${namespace}" could not be re-created: ${String(error)}`);
        if (error instanceof SessionFailedError) break;
      }
    }
    let note =
      'State was lost: the REPL was restarted and every variable in every namespace is gone; ' +
      'contexts were re-injected and the prelude re-run.';
    if (lostStash.length > 0) {
      note +=
        ` The stashed contexts of namespace(s) ${lostStash.map((n) => `"${n}"`).join(', ')} are gone ` +
        '(they lived only in the old REPL); `context` is None there.';
    }
    if (problems.length > 0) note += ` ${problems.join('; ')}.`;
    return note;
  }

  private async createIn(live: LiveSession, namespace: string, encoded: EncodedContext): Promise<void> {
    const stage = live.session.process.stage;
    if (stage !== undefined && encoded.data.length >= STAGING_THRESHOLD_BYTES) {
      const staged = await stage(encoded.data);
      try {
        const reply = await this.sendContext(live, namespace, encoded, staged.name);
        // A staging mount the REPL cannot read (an engine that mounted another machine's
        // directory) costs one attempt: the stream always works.
        if (reply.ok || !(reply.error ?? '').startsWith('context:'))
          return this.checkCreated(namespace, reply);
      } finally {
        await staged.release();
      }
    }
    this.checkCreated(namespace, await this.sendContext(live, namespace, encoded, null));
  }

  /** One `ctx` request: the bytes follow as chunk frames, or the REPL reads the staged file. */
  private async sendContext(
    live: LiveSession,
    namespace: string,
    encoded: EncodedContext,
    stagedName: string | null,
  ): Promise<{ ok: boolean; error?: string }> {
    const id = live.session.allocateId();
    // Dropping the namespace it replaces runs user __del__ methods: bounded like an execution.
    const deadline = this.deadline(live, id, namespace, 'creating the namespace');
    const message = {
      t: 'ctx',
      id,
      ns: namespace,
      kind: encoded.kind,
      size: stagedName === null ? encoded.data.length : 0,
      prelude: this.prelude,
      ...(stagedName === null ? {} : { file: stagedName, fileSize: encoded.data.length }),
      ...(encoded.manifest === undefined ? {} : { manifest: encoded.manifest }),
      ...(encoded.token === undefined ? {} : { token: encoded.token }),
    };
    const payload = stagedName === null ? encoded.data : Buffer.alloc(0);
    return live.session
      .requestWithPayload(message, payload, 'ns_done', deadline.hooks)
      .finally(() => deadline.clear());
  }

  private checkCreated(namespace: string, reply: { ok: boolean; error?: string }): void {
    if (!reply.ok)
      throw new ExecutionError(
        `Could not create namespace "${namespace}": ${reply.error ?? 'unknown error'}`,
      );
  }

  /**
   * A deadline of execTimeoutMs for a request that is not an execution but may run
   * user code (__str__, __del__); it starts when the REPL starts the request.
   */
  private deadline(
    live: LiveSession,
    id: number,
    namespace: string,
    operation: string,
  ): { hooks: RequestHooks; clear(): void } {
    const timeoutMs = this.options.execTimeoutMs;
    const timer = new ExecTimer(
      timeoutMs,
      () => live.session.fail({ kind: 'timeout', execId: id, namespace, timeoutMs, operation }),
      { startPaused: true },
    );
    return { hooks: { onStarted: () => timer.resume() }, clear: () => timer.clear() };
  }

  private async launchSession(): Promise<LiveSession> {
    const process = await this.launcher.launch(REPL_SERVER_SOURCE);
    const live: LiveSession = {
      session: undefined as unknown as ReplSession,
      execs: new Map(),
      stack: [],
      recovery: null,
    };
    const maxCallBytes = 8 * this.options.maxFrameBytes;
    live.session = new ReplSession(process, {
      maxFrameBytes: this.options.maxFrameBytes,
      maxOutstandingCallBytes: maxCallBytes,
      onCall: (call) => this.answerCall(live, call),
    });
    this.sessions.add(live);
    live.session.send({
      t: 'init',
      maxOutputBytes: this.options.maxOutputBytes,
      maxFrameBytes: this.options.maxFrameBytes,
      maxCallBytes,
      rlimits: { fsize: this.options.docker.fsizeBytes, nofile: this.options.docker.nofile },
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        live.session.ready,
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
      const ErrorType = this.kind === 'docker' ? DockerError : ExecutionError;
      throw new ErrorType(`The sandbox REPL server failed to start: ${reason}`, {
        fix:
          this.kind === 'docker'
            ? 'Check that the sandbox image has python3 (3.11 or newer) on its PATH.'
            : 'Check that the configured python (pythonPath) is Python 3.11 or newer.',
      });
    } finally {
      clearTimeout(timer);
    }
    return live;
  }

  private async answerCall(live: LiveSession, call: CallMessage): Promise<CallOutcome> {
    const record = call.exec === null ? undefined : live.execs.get(call.exec);
    if (record === undefined) {
      return {
        ok: false,
        error: 'host calls are only answered while the execution that makes them is running',
      };
    }
    if (!depthWithin(call.args, MAX_CALL_ARGS_DEPTH)) {
      return { ok: false, error: `host call arguments nest deeper than ${MAX_CALL_ARGS_DEPTH} levels` };
    }
    const pauses = call.wait ? record.timer : null;
    pauses?.pause();
    try {
      const value = await this.handler(
        { name: call.name, args: call.args, namespace: record.namespace },
        record.controller.signal,
      );
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      pauses?.resume();
    }
  }
}

function explain(failure: SessionFailure, execId: number): [ExecStatus, string] {
  switch (failure.kind) {
    case 'timeout':
      return failure.execId === execId
        ? ['timeout', `Execution timed out after ${failure.timeoutMs} ms and was killed.`]
        : ['crashed', `The REPL was killed because ${describeFailure(failure)}.`];
    case 'exited':
      return failure.exit.oomKilled
        ? ['oom', 'The REPL ran out of memory and was killed.']
        : ['crashed', `The REPL process died (exit code ${failure.exit.code ?? 'unknown'}).`];
    case 'protocol':
      return [
        'protocol_error',
        `The REPL sent an invalid frame (${failure.reason}); the channel could no longer be trusted.`,
      ];
    case 'channel_closed':
      return ['crashed', 'The REPL closed its protocol channel.'];
    case 'closed':
      return ['crashed', 'The sandbox was closed.'];
  }
}
