/**
 * The Sandbox both adapters share. A Launcher starts a REPL server process;
 * ReplSandbox speaks the framed protocol with it, keeps the namespaces and their
 * contexts, and keeps a deadline on the host for every request (RequestClocks).
 * ReplKeeper restarts a failed REPL (timeout, death, a broken or stalled channel)
 * and the sandbox re-creates every namespace (contexts re-injected, prelude
 * re-run) before reporting the state loss.
 */
import { ExecutionError } from '../errors.js';
import { encodeContext, type EncodedContext } from './context-input.js';
import { explainFailure, failedResult, resultFromReply } from './exec-results.js';
import { STAGING_THRESHOLD_BYTES, type Launcher } from './launcher.js';
import { NO_OUTPUTS, type CollectedOutputs } from './outputs/types.js';
import type { SandboxOptions } from './options.js';
import { depthWithin, type CallMessage, type ContextRequest } from './protocol/messages.js';
import type { CallOutcome, ChannelUsage, RequestHooks } from './protocol/session.js';
import { ServerRequestError, SessionFailedError } from './protocol/session-failure.js';
import { ReplKeeper, type LiveSession, type RunningExec } from './repl-keeper.js';
import type { ContextInput, ExecOptions, ExecResult, HostCallHandler, Sandbox } from './types.js';
import { quoteUntrusted } from './untrusted-text.js';

interface NamespaceRecord {
  context: ContextInput | undefined;
  /**
   * Files are read once. A restart re-sends these bytes instead of reading the paths
   * again, which the sandbox may meanwhile have replaced with symlinks (writable workspace).
   */
  filesSnapshot?: EncodedContext;
}

const MAX_CALL_ARGS_DEPTH = 128;
/** Host function names are short identifiers; a longer one is refused without being echoed. */
const MAX_HOST_FUNCTION_NAME_CHARS = 256;

export class ReplSandbox implements Sandbox {
  readonly kind: 'docker' | 'repl';
  private readonly keeper: ReplKeeper;
  /** Every namespace with the input its context came from: what a restart re-creates. */
  private readonly namespaces = new Map<string, NamespaceRecord>();
  private prelude = '';
  private handler: HostCallHandler = (call) =>
    Promise.reject(new Error(`no host call handler for ${quoteUntrusted(call.name)}`));

  constructor(
    private readonly launcher: Launcher,
    private readonly options: SandboxOptions,
  ) {
    this.kind = launcher.kind;
    this.keeper = new ReplKeeper(launcher, options, {
      answerCall: (live, call) => this.answerCall(live, call),
      restore: (live) => this.restoreNamespaces(live),
    });
  }

  async preflight(): Promise<void> {
    await this.launcher.preflight();
  }

  async start(): Promise<void> {
    await this.keeper.live();
  }

  async collectOutputs(): Promise<CollectedOutputs> {
    return (await this.launcher.collectOutputs?.()) ?? NO_OUTPUTS;
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
    const live = await this.keeper.live();
    try {
      await this.createIn(live, namespace, encoded);
    } catch (error) {
      if (error instanceof SessionFailedError) {
        // The restart re-creates every namespace, this one included.
        await this.keeper.recover(live);
        return;
      }
      this.namespaces.delete(namespace);
      throw error;
    }
  }

  async dropNamespace(namespace: string): Promise<void> {
    this.namespaces.delete(namespace);
    const live = await this.keeper.existing();
    if (live === null) return;
    const id = live.session.allocateId();
    const clock = this.clock(live, id, namespace, 'dropping the namespace');
    await live.session
      .request({ t: 'drop', id, ns: namespace }, clock.hooks)
      .catch(() => undefined)
      .finally(() => clock.done());
  }

  async getVariable(name: string, namespace = 'root'): Promise<string | undefined> {
    const live = await this.keeper.live();
    const id = live.session.allocateId();
    // str() runs the object's own __str__, which the code may have made loop forever.
    const clock = this.clock(live, id, namespace, `reading variable "${name}"`);
    try {
      const reply = await live.session.request({ t: 'getvar', id, ns: namespace, name }, clock.hooks);
      return reply.found ? reply.value : undefined;
    } catch (error) {
      if (!(error instanceof SessionFailedError)) throw error;
      await this.keeper.recover(live);
      return undefined;
    } finally {
      clock.done();
    }
  }

  async exec(code: string, options: ExecOptions = {}): Promise<ExecResult> {
    const startedAt = performance.now();
    const elapsed = (): number => performance.now() - startedAt;
    const namespace = options.namespace ?? 'root';
    if (!this.namespaces.has(namespace)) await this.createNamespace(namespace);
    const live = await this.keeper.live();
    const stateLost = this.keeper.takeUnreportedRestart();

    const id = live.session.allocateId();
    const record: RunningExec = { namespace, controller: new AbortController() };
    live.execs.set(id, record);
    const clock = this.clock(live, id, namespace, undefined, options.timeoutMs);
    try {
      const reply = await live.session.request({ t: 'exec', id, ns: namespace, code }, clock.hooks);
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
      const note = await this.keeper.recover(live);
      const [status, reason] = explainFailure(error.failure, id);
      return failedResult(status, `${reason} ${note}`, true, elapsed());
    } finally {
      clock.done();
      record.controller.abort();
      live.execs.delete(id);
    }
  }

  close(): Promise<void> {
    return this.keeper.close();
  }

  /** What the host held for the REPL at most (unread bytes, host calls in flight), over every restart. */
  channelUsage(): ChannelUsage {
    return this.keeper.usage();
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
    const clock = this.clock(live, id, namespace, 'creating the namespace');
    const message: ContextRequest = {
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
    return live.session.requestWithPayload(message, payload, clock.hooks).finally(() => clock.done());
  }

  private checkCreated(namespace: string, reply: { ok: boolean; error?: string }): void {
    if (!reply.ok)
      throw new ExecutionError(
        `Could not create namespace "${namespace}": ${reply.error ?? 'unknown error'}`,
      );
  }

  /**
   * Puts a request on the host's clocks as it is sent: the execution timeout (or
   * execTimeoutMs for requests that may run user code: __str__, __del__) and the
   * wall-clock cap. done() takes it off when its reply (or the session's end) came.
   */
  private clock(
    live: LiveSession,
    id: number,
    namespace: string,
    operation: string | undefined,
    timeoutMs = this.options.execTimeoutMs,
  ): { hooks: RequestHooks; done(): void } {
    live.clocks.sent({
      id,
      namespace,
      timeoutMs,
      wallCapMs: Math.max(timeoutMs, this.options.execWallCapMs),
      ...(operation === undefined ? {} : { operation }),
    });
    return {
      hooks: { onStarted: () => live.clocks.started(id) },
      done: () => live.clocks.finished(id),
    };
  }

  private async answerCall(live: LiveSession, call: CallMessage): Promise<CallOutcome> {
    const execId = call.exec;
    const record = execId === null ? undefined : live.execs.get(execId);
    if (execId === null || record === undefined || !live.clocks.isStarted(execId)) {
      return {
        ok: false,
        error: 'host calls are only answered while the execution that makes them is running',
      };
    }
    if (call.name.length > MAX_HOST_FUNCTION_NAME_CHARS) {
      return {
        ok: false,
        error: `host function name of ${call.name.length} characters is longer than the ${MAX_HOST_FUNCTION_NAME_CHARS} allowed`,
      };
    }
    if (!depthWithin(call.args, MAX_CALL_ARGS_DEPTH)) {
      return { ok: false, error: `host call arguments nest deeper than ${MAX_CALL_ARGS_DEPTH} levels` };
    }
    // A call the code says it waits on pauses its clock only while the host serves it (RequestClocks).
    const served = call.wait ? live.clocks.serving(execId) : null;
    try {
      const value = await this.handler(
        { name: call.name, args: call.args, namespace: record.namespace },
        record.controller.signal,
      );
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      served?.();
    }
  }
}
