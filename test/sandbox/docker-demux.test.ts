import { DockerStreamDemuxer } from '../../src/sandbox/docker/demux.js';

function frame(stream: number, payload: string): Buffer {
  const body = Buffer.from(payload);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

function demux(chunks: Buffer[]): { stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const demuxer = new DockerStreamDemuxer(
    (b) => out.push(Buffer.from(b)),
    (b) => err.push(Buffer.from(b)),
  );
  for (const chunk of chunks) demuxer.push(chunk);
  return { stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

describe('DockerStreamDemuxer', () => {
  const wire = Buffer.concat([
    frame(1, 'hello '),
    frame(2, 'oops'),
    frame(1, 'world'),
    frame(1, ''),
    frame(2, '!'),
  ]);

  it('splits whole frames by stream', () => {
    expect(demux([wire])).toEqual({ stdout: 'hello world', stderr: 'oops!' });
  });

  it('gives the same result for every split of the wire into two chunks', () => {
    for (let cut = 0; cut <= wire.length; cut++) {
      expect(demux([wire.subarray(0, cut), wire.subarray(cut)])).toEqual({
        stdout: 'hello world',
        stderr: 'oops!',
      });
    }
  });

  it('handles byte-by-byte delivery', () => {
    const bytes = [...wire].map((b) => Buffer.from([b]));
    expect(demux(bytes)).toEqual({ stdout: 'hello world', stderr: 'oops!' });
  });

  it('never lets a non-stdout stream reach stdout', () => {
    expect(demux([Buffer.concat([frame(3, 'system'), frame(0, 'in'), frame(1, 'ok')])])).toEqual({
      stdout: 'ok',
      stderr: 'systemin',
    });
  });

  it('forwards a large payload as slices, without waiting for the whole frame', () => {
    const big = 'x'.repeat(100_000);
    const wireBig = frame(1, big);
    const seen: number[] = [];
    const demuxer = new DockerStreamDemuxer(
      (b) => seen.push(b.length),
      () => undefined,
    );
    demuxer.push(wireBig.subarray(0, 50_008));
    expect(seen).toEqual([50_000]);
    demuxer.push(wireBig.subarray(50_008));
    expect(seen).toEqual([50_000, 50_000]);
  });
});
