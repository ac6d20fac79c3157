import { FRAME_HEADER_BYTES, FRAME_MAGIC } from './frame.js';
import { ProtocolViolation } from './protocol-violation.js';

/**
 * Turns the untrusted byte stream from the REPL into parsed JSON frames.
 * Never holds more than one frame (bounded by maxFrameBytes) plus one input chunk;
 * throws ProtocolViolation on the first byte that does not fit the format.
 */
export class FrameDecoder {
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;
  private bodyBytes: number | null = null;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly maxFrameBytes: number) {}

  push(chunk: Buffer): unknown[] {
    return this.pushSized(chunk).map(([frame]) => frame);
  }

  /** Like push, with each frame's body size in bytes. */
  pushSized(chunk: Buffer): Array<[unknown, number]> {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const frames: Array<[unknown, number]> = [];
    for (;;) {
      if (this.bodyBytes === null) {
        if (this.pendingBytes < FRAME_HEADER_BYTES) return frames;
        this.bodyBytes = this.readHeader(this.take(FRAME_HEADER_BYTES));
      }
      if (this.pendingBytes < this.bodyBytes) return frames;
      frames.push([this.parseBody(this.take(this.bodyBytes)), this.bodyBytes]);
      this.bodyBytes = null;
    }
  }

  private readHeader(header: Buffer): number {
    if (!header.subarray(0, 4).equals(FRAME_MAGIC)) {
      throw new ProtocolViolation(
        `garbage on the channel (bytes ${JSON.stringify(header.toString('latin1'))})`,
      );
    }
    const jsonBytes = header.readUInt32BE(4);
    const binaryBytes = header.readUInt32BE(8);
    if (binaryBytes !== 0) throw new ProtocolViolation('frame from the REPL carries a binary payload');
    if (jsonBytes + FRAME_HEADER_BYTES > this.maxFrameBytes) {
      throw new ProtocolViolation(
        `frame of ${jsonBytes} bytes exceeds the limit of ${this.maxFrameBytes} bytes`,
      );
    }
    return jsonBytes;
  }

  private parseBody(body: Buffer): unknown {
    let text: string;
    try {
      text = this.utf8.decode(body);
    } catch {
      throw new ProtocolViolation('frame is not valid UTF-8');
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ProtocolViolation('frame is not valid JSON');
    }
  }

  private take(size: number): Buffer {
    const first = this.pending[0];
    if (first !== undefined && first.length >= size) {
      // The common case (one frame per chunk) needs no copy.
      const taken = first.subarray(0, size);
      if (first.length === size) this.pending.shift();
      else this.pending[0] = first.subarray(size);
      this.pendingBytes -= size;
      return taken;
    }
    const joined = Buffer.concat(this.pending);
    this.pending.length = 0;
    if (joined.length > size) this.pending.push(joined.subarray(size));
    this.pendingBytes = joined.length - size;
    return joined.subarray(0, size);
  }
}
