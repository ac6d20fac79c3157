/**
 * Splits Docker's multiplexed attach stream (Tty false) into stdout and stderr.
 * Each frame is an 8-byte header [stream, 0, 0, 0, size u32 BE] followed by
 * `size` payload bytes. Payloads are forwarded as slices of the incoming
 * chunks: nothing is concatenated or held beyond one partial header, so a
 * flood costs no host memory here (docker-modem's demuxStream re-copies its
 * buffer on every frame and never ends its outputs).
 */
const HEADER_BYTES = 8;
const STDOUT = 1;

export type StreamSink = (payload: Buffer) => void;

export class DockerStreamDemuxer {
  private readonly header = Buffer.alloc(HEADER_BYTES);
  private headerFill = 0;
  private payloadLeft = 0;
  private toStderr = false;

  constructor(
    private readonly onStdout: StreamSink,
    private readonly onStderr: StreamSink,
  ) {}

  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.payloadLeft > 0) {
        const end = Math.min(chunk.length, offset + this.payloadLeft);
        const payload = chunk.subarray(offset, end);
        this.payloadLeft -= payload.length;
        offset = end;
        if (this.toStderr) this.onStderr(payload);
        else this.onStdout(payload);
        continue;
      }
      const take = Math.min(HEADER_BYTES - this.headerFill, chunk.length - offset);
      chunk.copy(this.header, this.headerFill, offset, offset + take);
      this.headerFill += take;
      offset += take;
      if (this.headerFill === HEADER_BYTES) {
        this.headerFill = 0;
        // Only stream 1 carries bridge frames; anything else is diagnostics at most.
        this.toStderr = this.header[0] !== STDOUT;
        this.payloadLeft = this.header.readUInt32BE(4);
      }
    }
  }
}
