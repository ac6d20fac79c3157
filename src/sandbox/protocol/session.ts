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
  REPLY_GUARDS,
  REPLY_TYPE,
  type CallMessage,
  type CallReplyMessage,
  type ContextRequest,
  type HostMessage,
  type HostRequest,
  type NamespaceDoneMessage,
  type ReadyMessage,
  type ReplMessage,
  type ReplyMessage,
  type ReplyTo,
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

interface Pending {
  expect: ReplyMessage['t'];
  started: boolean;
  onStarted: (() => void) | undefined;
  /** Hands the reply to the caller when it is of the type the request expects; false otherwise. */
  accept(message: ReplyMessage): boolean;
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

  send(message: HostMessage): void {
    this.write(encodeFrame(message));
  }

  /** Sends a request; resolves with its reply, of the type that request gets (ReplyTo). */
  request<R extends HostRequest>(message: R, hooks: RequestHooks = {}): Promise<ReplyTo[R['t']]> {
    const reply = this.expectReply<R['t']>(message.id, message.t, hooks);
    this.send(message);
    return reply;
  }

  /** Sends a namespace request whose context bytes follow as chunk frames (raw bytes, no base64). */
  async requestWithPayload(
    message: ContextRequest,
    payload: Buffer,
    hooks: RequestHooks = {},
  ): Promise<NamespaceDoneMessage> {
    const reply = this.expectReply(message.id, message.t, hooks);
    this.send(message);
    for (let offset = 0; offset < payload.length && this.failure === null; offset += CHUNK_BYTES) {
      const chunk = payload.subarray(offset, offset + CHUNK_BYTES);
      const header: HostMessage = { t: 'chunk', id: message.id, offset };
      this.write(encodeFrame(header, chunk.length));
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

  private expectReply<T extends HostRequest['t']>(
    id: number,
    type: T,
    hooks: RequestHooks,
  ): Promise<ReplyTo[T]> {
    if (this.failure !== null) return Promise.reject(new SessionFailedError(this.failure));
    const isReply = REPLY_GUARDS[type];
    return new Promise((resolve, reject) => {
      this.outstanding.set(id, {
        expect: REPLY_TYPE[type],
        started: false,
        onStarted: hooks.onStarted,
        accept: (message) => {
          if (!isReply(message)) return false;
          resolve(message);
          return true;
        },
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
    if (message.t === 'failed') {
      this.outstanding.delete(message.id);
      pending.reject(new ServerRequestError(message.error));
      return;
    }
    if (!pending.accept(message)) {
      throw new ProtocolViolation(`"${message.t}" reply to a request expecting "${pending.expect}"`);
    }
    this.outstanding.delete(message.id);
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
  const refusal = (error: string): Buffer => {
    const message: CallReplyMessage = {
      t: 'reply',
      id,
      ok: false,
      error: error.slice(0, MAX_REPLY_ERROR_CHARS),
    };
    return encodeFrame(message);
  };
  if (!outcome.ok) return refusal(outcome.error);
  let frame: Buffer;
  try {
    const message: CallReplyMessage = { t: 'reply', id, ok: true, value: outcome.value };
    frame = encodeFrame(message);
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
