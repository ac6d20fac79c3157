import { describe, expect, it } from '@jest/globals';
import { encodeFrame } from '../../src/sandbox/protocol/frame.js';
import { FrameDecoder } from '../../src/sandbox/protocol/frame-decoder.js';
import { ProtocolViolation } from '../../src/sandbox/protocol/protocol-violation.js';

function header(jsonBytes: number, binaryBytes = 0): Buffer {
  const bytes = Buffer.alloc(12);
  bytes.write('RLMF', 0, 'latin1');
  bytes.writeUInt32BE(jsonBytes, 4);
  bytes.writeUInt32BE(binaryBytes, 8);
  return bytes;
}

describe('FrameDecoder', () => {
  it('decodes several frames from one chunk', () => {
    const decoder = new FrameDecoder(1024);
    const frames = decoder.push(Buffer.concat([encodeFrame({ t: 'a' }), encodeFrame({ t: 'b', n: [1] })]));
    expect(frames).toEqual([{ t: 'a' }, { t: 'b', n: [1] }]);
  });

  it('decodes a frame split at every byte boundary', () => {
    const bytes = Buffer.concat([encodeFrame({ t: 'split', text: 'é✓' }), encodeFrame({ t: 'next' })]);
    const decoder = new FrameDecoder(1024);
    const frames: unknown[] = [];
    for (let i = 0; i < bytes.length; i++) frames.push(...decoder.push(bytes.subarray(i, i + 1)));
    expect(frames).toEqual([{ t: 'split', text: 'é✓' }, { t: 'next' }]);
  });

  it('rejects garbage at the first header', () => {
    const decoder = new FrameDecoder(1024);
    expect(() => decoder.push(Buffer.from('hello, this is not a frame'))).toThrow(ProtocolViolation);
  });

  it('rejects an oversized frame from its header, before the body is buffered', () => {
    const decoder = new FrameDecoder(1024);
    expect(() => decoder.push(header(1013))).toThrow(/exceeds the limit of 1024 bytes/);
    expect(new FrameDecoder(1024).push(header(1012))).toEqual([]);
  });

  it('rejects a binary payload from the REPL', () => {
    expect(() => new FrameDecoder(1024).push(header(2, 1))).toThrow(/binary payload/);
  });

  it('rejects invalid UTF-8 and invalid JSON', () => {
    const badUtf8 = Buffer.from([0x22, 0xff, 0x22]);
    expect(() => new FrameDecoder(1024).push(Buffer.concat([header(3), badUtf8]))).toThrow(/UTF-8/);
    const badJson = Buffer.from('{"t":');
    expect(() => new FrameDecoder(1024).push(Buffer.concat([header(badJson.length), badJson]))).toThrow(
      /JSON/,
    );
  });

  it('keeps no more than one frame of pending bytes while a body arrives', () => {
    const decoder = new FrameDecoder(64 * 1024);
    const body = Buffer.from(JSON.stringify({ t: 'x', pad: 'p'.repeat(60_000) }));
    expect(decoder.push(header(body.length))).toEqual([]);
    expect(decoder.push(body.subarray(0, 30_000))).toEqual([]);
    expect(decoder.push(body.subarray(30_000))).toEqual([{ t: 'x', pad: 'p'.repeat(60_000) }]);
  });
});
