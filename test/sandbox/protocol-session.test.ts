import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import type { ReplExit, ReplProcess } from '../../src/sandbox/launcher.js';
import { encodeFrame } from '../../src/sandbox/protocol/frame.js';
import { FrameDecoder } from '../../src/sandbox/protocol/frame-decoder.js';
import { ReplSession, type CallOutcome } from '../../src/sandbox/protocol/session.js';
import { SessionFailedError } from '../../src/sandbox/protocol/session-failure.js';
import type { CallMessage, ExecRequest, GetVariableRequest } from '../../src/sandbox/protocol/messages.js';

/** The REPL side of a session, driven by the test over in-memory streams. */
function scriptedRepl() {
  const toRepl = new PassThrough();
  const fromRepl = new PassThrough();
  let exit: (value: ReplExit) => void = () => undefined;
  const process: ReplProcess = {
    stdin: toRepl,
    stdout: fromRepl,
    exited: new Promise((resolve) => (exit = resolve)),
    kill: async () => exit({ code: 137, oomKilled: false, stderrTail: '' }),
  };
  const received: unknown[] = [];
  const decoder = new FrameDecoder(1 << 20);
  toRepl.on('data', (chunk: Buffer) => received.push(...decoder.push(chunk)));
  return {
    process,
    received,
    send: (message: object) => fromRepl.write(encodeFrame(message)),
    sendRaw: (bytes: Buffer) => fromRepl.write(bytes),
    exit: (value: ReplExit) => exit(value),
  };
}

function session(
  repl: ReturnType<typeof scriptedRepl>,
  onCall: (call: CallMessage) => Promise<CallOutcome> = async () => ({ ok: true, value: null }),
  maxOutstandingCalls?: number,
) {
  return new ReplSession(repl.process, { maxFrameBytes: 1 << 16, onCall, maxOutstandingCalls });
}

const output = { text: '', totalBytes: 0, truncatedBytes: 0 };
const getvar = (id: number): GetVariableRequest => ({ t: 'getvar', id, ns: 'root', name: 'x' });
const exec = (id: number): ExecRequest => ({ t: 'exec', id, ns: 'root', code: 'pass' });
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('ReplSession', () => {
  it('matches replies to outstanding requests by id', async () => {
    const repl = scriptedRepl();
    const s = session(repl);
    repl.send({ t: 'ready', pid: 1, python: '3.11' });
    await s.ready;
    const first = s.request(getvar(s.allocateId()));
    const second = s.request(getvar(s.allocateId()));
    repl.send({ t: 'var', id: 2, found: true, value: 'two' });
    repl.send({ t: 'var', id: 1, found: false });
    await expect(second).resolves.toMatchObject({ value: 'two' });
    await expect(first).resolves.toMatchObject({ found: false });
  });

  it.each<[string, (repl: ReturnType<typeof scriptedRepl>) => void, RegExp]>([
    [
      'a reply to an id never sent',
      (repl) => repl.send({ t: 'var', id: 99, found: false }),
      /not outstanding/,
    ],
    [
      'a reply of the wrong type',
      (repl) => repl.send({ t: 'exec_done', id: 1, status: 'ok', stdout: output, stderr: output }),
      /expecting "var"/,
    ],
    ['garbage bytes', (repl) => repl.sendRaw(Buffer.from('\x00\x01garbage!!!!!')), /garbage/],
  ])('fails every pending request on %s', async (_name, forge, reason) => {
    const repl = scriptedRepl();
    const s = session(repl);
    repl.send({ t: 'ready', pid: 1, python: '3.11' });
    await s.ready;
    const pending = s.request(getvar(s.allocateId()));
    forge(repl);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionFailedError);
    expect((error as SessionFailedError).failure).toMatchObject({ kind: 'protocol' });
    expect((error as SessionFailedError).message).toMatch(reason);
    await expect(s.request(getvar(s.allocateId()))).rejects.toBeInstanceOf(SessionFailedError);
  });

  it('tells the caller when the REPL starts a request, once', async () => {
    const repl = scriptedRepl();
    const s = session(repl);
    repl.send({ t: 'ready', pid: 1, python: '3.11' });
    await s.ready;
    let started = 0;
    const pending = s.request(exec(s.allocateId()), {
      onStarted: () => started++,
    });
    await flush();
    expect(started).toBe(0);
    repl.send({ t: 'started', id: 1 });
    await flush();
    expect(started).toBe(1);
    repl.send({ t: 'exec_done', id: 1, status: 'ok', stdout: output, stderr: output });
    await expect(pending).resolves.toMatchObject({ status: 'ok' });
  });

  it.each([
    ['for a request never sent', [{ t: 'started', id: 42 }], /not outstanding/],
    [
      'twice for one request',
      [
        { t: 'started', id: 1 },
        { t: 'started', id: 1 },
      ],
      /started twice/,
    ],
  ])('treats a started frame %s as a protocol violation', async (_name, frames, reason) => {
    const repl = scriptedRepl();
    const s = session(repl);
    repl.send({ t: 'ready', pid: 1, python: '3.11' });
    await s.ready;
    const pending = s.request(exec(s.allocateId()));
    for (const frame of frames) repl.send(frame);
    await expect(pending).rejects.toThrow(reason);
  });

  it('rejects frames before ready', async () => {
    const repl = scriptedRepl();
    const s = session(repl);
    repl.send({ t: 'var', id: 1, found: false });
    await expect(s.ready).rejects.toThrow(/before ready/);
  });

  it('answers host calls concurrently and sends each reply with its id', async () => {
    const repl = scriptedRepl();
    const releases: Array<() => void> = [];
    const s = session(
      repl,
      (call) =>
        new Promise((resolve) =>
          releases.push(() => resolve({ ok: true, value: `${call.name}-${call.id}` })),
        ),
    );
    repl.send({ t: 'ready', pid: 1, python: '3.11' });
    await s.ready;
    repl.send({ t: 'call', id: 1, exec: 1, wait: true, name: 'a', args: null });
    repl.send({ t: 'call', id: 2, exec: 1, wait: true, name: 'b', args: null });
    await flush();
    expect(releases).toHaveLength(2);
    releases[1]?.();
    releases[0]?.();
    await flush();
    expect(repl.received).toEqual([
      { t: 'reply', id: 2, ok: true, value: 'b-2' },
      { t: 'reply', id: 1, ok: true, value: 'a-1' },
    ]);
  });

  it('treats more host calls in flight than allowed as a forged flood', async () => {
    const repl = scriptedRepl();
    const s = session(repl, () => new Promise(() => undefined), 3);
    repl.send({ t: 'ready', pid: 1, python: '3.11' });
    await s.ready;
    for (let id = 1; id <= 4; id++) repl.send({ t: 'call', id, exec: 1, wait: false, name: 'x', args: null });
    expect(await s.failed).toMatchObject({ kind: 'protocol', reason: expect.stringMatching(/more than 3/) });
  });

  it('bounds the bytes of host-call arguments in flight, freeing them as calls are answered', async () => {
    const repl = scriptedRepl();
    const releases: Array<() => void> = [];
    const s = new ReplSession(repl.process, {
      maxFrameBytes: 1 << 16,
      maxOutstandingCallBytes: 3000,
      onCall: () => new Promise((resolve) => releases.push(() => resolve({ ok: true, value: null }))),
    });
    repl.send({ t: 'ready', pid: 1, python: '3.11' });
    await s.ready;
    const call = (id: number) => ({ t: 'call', id, exec: 1, wait: false, name: 'x', args: 'a'.repeat(1000) });
    repl.send(call(1));
    repl.send(call(2));
    await flush();
    releases[0]?.();
    await flush();
    // One call answered: its bytes are free again, a third fits.
    repl.send(call(3));
    await flush();
    expect(s.failedWith).toBeNull();
    repl.send(call(4));
    expect(await s.failed).toMatchObject({
      kind: 'protocol',
      reason: expect.stringMatching(/more than 3000 bytes of arguments/),
    });
  });

  it('reports the exit of the process as the failure', async () => {
    const repl = scriptedRepl();
    const s = session(repl);
    repl.send({ t: 'ready', pid: 1, python: '3.11' });
    await s.ready;
    const pending = s.request(exec(s.allocateId()));
    repl.exit({ code: 139, oomKilled: false, stderrTail: '' });
    await expect(pending).rejects.toThrow(/exit code 139/);
    expect(s.failedWith).toEqual({ kind: 'exited', exit: { code: 139, oomKilled: false, stderrTail: '' } });
  });

  it('fails as stalled when the REPL stops taking what the host writes, past maxUnreadBytes', async () => {
    // A REPL side that never reads: every byte written waits in the host's buffer.
    const toRepl = new PassThrough({ highWaterMark: 1024 });
    const fromRepl = new PassThrough();
    const process: ReplProcess = {
      stdin: toRepl,
      stdout: fromRepl,
      exited: new Promise(() => undefined),
      kill: async () => undefined,
    };
    const s = new ReplSession(process, {
      maxFrameBytes: 1 << 16,
      maxUnreadBytes: 20_000,
      onCall: async (call) => ({ ok: true, value: 'r'.repeat(4000) + String(call.id) }),
    });
    fromRepl.write(encodeFrame({ t: 'ready', pid: 1, python: '3.11' }));
    await s.ready;
    for (let id = 1; id <= 20; id++) {
      fromRepl.write(encodeFrame({ t: 'call', id, exec: 1, wait: false, name: 'x', args: null }));
    }
    const failure = await s.failed;
    expect(failure).toMatchObject({ kind: 'stalled', limitBytes: 20_000 });
    // Past the bound by at most the frame that crossed it; nothing is written after.
    expect(s.usage.peakUnreadBytes).toBeGreaterThan(20_000);
    expect(s.usage.peakUnreadBytes).toBeLessThan(20_000 + 4100);
    const unread = toRepl.writableLength;
    fromRepl.write(encodeFrame({ t: 'call', id: 99, exec: 1, wait: false, name: 'x', args: null }));
    await flush();
    expect(toRepl.writableLength).toBe(unread);
  });

  it('answers a host call whose result is larger than a frame with an error, never the oversized frame', async () => {
    const repl = scriptedRepl();
    const s = session(repl, async () => ({ ok: true, value: 'v'.repeat(1 << 17) }));
    repl.send({ t: 'ready', pid: 1, python: '3.11' });
    await s.ready;
    repl.send({ t: 'call', id: 1, exec: 1, wait: false, name: 'big', args: null });
    await flush();
    await flush();
    expect(repl.received).toEqual([
      {
        t: 'reply',
        id: 1,
        ok: false,
        error: expect.stringMatching(/larger than a frame may be \(65536\)/),
      },
    ]);
    expect(s.failedWith).toBeNull();
  });
});
