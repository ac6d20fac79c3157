/**
 * One REPL process, spoken to over the framed protocol: requests go out with ids,
 * replies are matched to the requests really outstanding, host calls from Python
 * are handed to `onCall` concurrently. The first failure (protocol violation,
 * process exit, timeout, close) ends the session and rejects everything pending.
 */
import type { ReplProcess } from '../launcher.js';
import { encodeFrame } from './frame.js';
import { FrameDecoder } from './frame-decoder.js';
import {
  parseReplMessage,
  type CallMessage,
  type ExecDoneMessage,
  type NamespaceDoneMessage,
  type ReadyMessage,
  type ReplMessage,
  type ReplyMessage,
  type VariableMessage,
} from './messages.js';
import { ProtocolViolation } from './protocol-violation.js';
import { ServerRequestError, SessionFailedError, type SessionFailure } from './session-failure.js';

export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: string };

export interface SessionOptions {
  maxFrameBytes: number;
  /** Host calls in flight at once; more means a forged flood. */
  maxOutstandingCalls?: number;
  /**
   * Bytes of host-call frames in flight at once (their parsed arguments stay in host
   * memory until answered); default 8 × maxFrameBytes. More is a protocol violation.
   */
  maxOutstandingCallBytes?: number;
  /**
   * Bytes written to the REPL that it has not taken yet (the host side of its stdin);
   * default 2 × maxFrameBytes. More means the REPL stopped reading: the session fails
   * ('stalled') instead of buffering replies for it without end.
   */
  maxUnreadBytes?: number;
  onCall(call: CallMessage): Promise<CallOutcome>;
}

/** High-water marks of what the session held for its REPL (diagnostics, and tests of the bounds). */
export interface ChannelUsage {
  /** Most bytes written to the REPL and not yet taken by it, at once. */
  peakUnreadBytes: number;
  /** Most host calls in flight at once. */
  peakCallsInFlight: number;
  /** Most bytes of host-call frames in flight at once. */
  peakCallBytes: number;
}

interface ReplyByType {
  exec_done: ExecDoneMessage;
  ns_done: NamespaceDoneMessage;
  var: VariableMessage;
}

interface Pending {
  expect: ReplyMessage['t'];
  started: boolean;
  onStarted: (() => void) | undefined;
  resolve(message: ReplyMessage): void;
  reject(error: Error): void;
}

export interface RequestHooks {
  /** The REPL's main thread began working on the request (it may have been queued behind others). */
  onStarted?: () => void;
}

const CHUNK_BYTES = 1 << 20;
/** An error text sent back to the REPL is cut here: it may quote untrusted input. */
const MAX_REPLY_ERROR_CHARS = 4096;
/** How long a closed channel may wait for the process exit status before giving up on it. */
const EXIT_GRACE_MS = 2000;

export class ReplSession {
  readonly ready: Promise<ReadyMessage>;
  readonly failed: Promise<SessionFailure>;
  private readonly decoder: FrameDecoder;
  private readonly outstanding = new Map<number, Pending>();
  /** Host calls in flight, with the size of the frame that carried each. */
  private readonly calls = new Map<number, number>();
  private callBytes = 0;
  private readonly maxOutstandingCalls: number;
  private readonly maxOutstandingCallBytes: number;
  private readonly maxUnreadBytes: number;
  private readonly peaks: ChannelUsage = { peakUnreadBytes: 0, peakCallsInFlight: 0, peakCallBytes: 0 };
  private nextRequestId = 1;
  private failure: SessionFailure | null = null;
  private isReady = false;
  private settleReady!: { resolve(message: ReadyMessage): void; reject(error: Error): void };
  private announceFailure!: (failure: SessionFailure) => void;

  constructor(
    readonly process: ReplProcess,
    private readonly options: SessionOptions,
  ) {
    this.decoder = new FrameDecoder(options.maxFrameBytes);
    this.maxOutstandingCalls = options.maxOutstandingCalls ?? 4096;
    this.maxOutstandingCallBytes = options.maxOutstandingCallBytes ?? 8 * options.maxFrameBytes;
    this.maxUnreadBytes = options.maxUnreadBytes ?? 2 * options.maxFrameBytes;
    this.ready = new Promise((resolve, reject) => (this.settleReady = { resolve, reject }));
    this.ready.catch(() => undefined);
    this.failed = new Promise((resolve) => (this.announceFailure = resolve));
    process.stdin.on('error', () => undefined);
    process.stdout.on('error', () => this.fail({ kind: 'channel_closed' }));
    process.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    process.stdout.on('end', () => void this.onChannelEnd());
    void process.exited.then((exit) => this.fail({ kind: 'exited', exit }));
  }

  get failedWith(): SessionFailure | null {
    return this.failure;
  }

  get usage(): ChannelUsage {
    return { ...this.peaks };
  }

  allocateId(): number {
    return this.nextRequestId++;
  }

  send(message: object): void {
    this.write(encodeFrame(message));
  }

  request<K extends keyof ReplyByType>(
    message: { id: number },
    expect: K,
    hooks: RequestHooks = {},
  ): Promise<ReplyByType[K]> {
    const reply = this.expectReply(message.id, expect, hooks);
    this.send(message);
    return reply;
  }

  /** Sends a request whose bytes follow as chunk frames (contexts: raw bytes, no base64). */
  async requestWithPayload<K extends keyof ReplyByType>(
    message: { id: number; size: number },
    payload: Buffer,
    expect: K,
    hooks: RequestHooks = {},
  ): Promise<ReplyByType[K]> {
    const reply = this.expectReply(message.id, expect, hooks);
    this.send(message);
    for (let offset = 0; offset < payload.length && this.failure === null; offset += CHUNK_BYTES) {
      const chunk = payload.subarray(offset, offset + CHUNK_BYTES);
      this.write(encodeFrame({ t: 'chunk', id: message.id, offset }, chunk.length));
      this.write(chunk);
      if (this.process.stdin.writableNeedDrain) await this.drainOrFailure();
    }
    return reply;
  }

  /** Ends the session (first failure wins) and rejects every pending request. Idempotent. */
  fail(failure: SessionFailure): void {
    if (this.failure !== null) return;
    this.failure = failure;
    const error = new SessionFailedError(failure);
    this.settleReady.reject(error);
    for (const pending of this.outstanding.values()) pending.reject(error);
    this.outstanding.clear();
    this.calls.clear();
    this.callBytes = 0;
    this.announceFailure(failure);
  }

  private expectReply<K extends keyof ReplyByType>(
    id: number,
    expect: K,
    hooks: RequestHooks,
  ): Promise<ReplyByType[K]> {
    if (this.failure !== null) return Promise.reject(new SessionFailedError(this.failure));
    return new Promise((resolve, reject) => {
      this.outstanding.set(id, {
        expect,
        started: false,
        onStarted: hooks.onStarted,
        resolve: (message) => resolve(message as ReplyByType[K]),
        reject,
      });
    });
  }

  /**
   * Every byte to the REPL goes through here. What the REPL has not taken yet waits in
   * its stdin's buffer on the host: past maxUnreadBytes the REPL is treated as dead.
   */
  private write(bytes: Buffer): void {
    if (this.failure !== null) return;
    this.process.stdin.write(bytes);
    const unread = this.process.stdin.writableLength;
    if (unread > this.peaks.peakUnreadBytes) this.peaks.peakUnreadBytes = unread;
    if (unread > this.maxUnreadBytes) {
      this.fail({ kind: 'stalled', unreadBytes: unread, limitBytes: this.maxUnreadBytes });
    }
  }

  private drainOrFailure(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.process.stdin.off('drain', done);
        resolve();
      };
      this.process.stdin.on('drain', done);
      void this.failed.then(done);
    });
  }

  private receive(chunk: Buffer): void {
    // After a failure the rest of the stream is discarded unread: no buffering.
    if (this.failure !== null) return;
    try {
      for (const [frame, bytes] of this.decoder.pushSized(chunk)) {
        this.dispatch(parseReplMessage(frame), bytes);
        if (this.failure !== null) return;
      }
    } catch (error) {
      const reason =
        error instanceof ProtocolViolation ? error.message : `unexpected frame (${String(error)})`;
      this.fail({ kind: 'protocol', reason });
    }
  }

  private dispatch(message: ReplMessage, frameBytes: number): void {
    if (message.t === 'ready') {
      if (this.isReady) throw new ProtocolViolation('second ready frame');
      this.isReady = true;
      this.settleReady.resolve(message);
      return;
    }
    if (!this.isReady) throw new ProtocolViolation(`"${message.t}" frame before ready`);
    if (message.t === 'call') {
      this.startCall(message, frameBytes);
      return;
    }
    const pending = this.outstanding.get(message.id);
    if (pending === undefined)
      throw new ProtocolViolation(`reply for request ${message.id}, which is not outstanding`);
    if (message.t === 'started') {
      if (pending.started) throw new ProtocolViolation(`request ${message.id} started twice`);
      pending.started = true;
      pending.onStarted?.();
      return;
    }
    if (message.t !== 'failed' && message.t !== pending.expect) {
      throw new ProtocolViolation(`"${message.t}" reply to a request expecting "${pending.expect}"`);
    }
    this.outstanding.delete(message.id);
    if (message.t === 'failed') pending.reject(new ServerRequestError(message.error));
    else pending.resolve(message);
  }

  private startCall(call: CallMessage, frameBytes: number): void {
    if (this.calls.has(call.id)) throw new ProtocolViolation(`host call id ${call.id} is already in flight`);
    if (this.calls.size >= this.maxOutstandingCalls) {
      throw new ProtocolViolation(`more than ${this.maxOutstandingCalls} host calls in flight`);
    }
    if (this.callBytes + frameBytes > this.maxOutstandingCallBytes) {
      throw new ProtocolViolation(
        `host calls in flight would hold more than ${this.maxOutstandingCallBytes} bytes of arguments`,
      );
    }
    this.calls.set(call.id, frameBytes);
    this.callBytes += frameBytes;
    this.peaks.peakCallsInFlight = Math.max(this.peaks.peakCallsInFlight, this.calls.size);
    this.peaks.peakCallBytes = Math.max(this.peaks.peakCallBytes, this.callBytes);
    void this.options
      .onCall(call)
      .catch((error: unknown): CallOutcome => ({ ok: false, error: String(error) }))
      .then((outcome) => {
        const bytes = this.calls.get(call.id);
        if (this.failure !== null || bytes === undefined) return;
        this.calls.delete(call.id);
        this.callBytes -= bytes;
        this.write(encodeReply(call.id, outcome, this.options.maxFrameBytes));
      });
  }

  private async onChannelEnd(): Promise<void> {
    if (this.failure !== null) return;
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      this.process.exited,
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), EXIT_GRACE_MS))),
    ]);
    clearTimeout(timer);
    this.fail(exit === null ? { kind: 'channel_closed' } : { kind: 'exited', exit });
  }
}

function encodeReply(id: number, outcome: CallOutcome, maxFrameBytes: number): Buffer {
  const refusal = (error: string): Buffer =>
    encodeFrame({ t: 'reply', id, ok: false, error: error.slice(0, MAX_REPLY_ERROR_CHARS) });
  if (!outcome.ok) return refusal(outcome.error);
  let frame: Buffer;
  try {
    frame = encodeFrame({ t: 'reply', id, ok: true, value: outcome.value });
  } catch (error) {
    // A value JSON cannot carry (BigInt, cycles) becomes an error for that call, not a broken frame.
    return refusal(`host call result is not JSON: ${String(error)}`);
  }
  // The same bound as frames from the REPL: one reply never holds more than a frame of host memory.
  if (frame.length > maxFrameBytes) {
    return refusal(
      `host call result of ${frame.length} bytes is larger than a frame may be (${maxFrameBytes})`,
    );
  }
  return frame;
}
