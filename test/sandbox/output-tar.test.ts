/**
 * The tar reader for /output takes archives whose names, types and sizes model code chose. Archives are
 * built here byte by byte, including ones no honest tar writes.
 */
import { Readable } from 'node:stream';
import { readOutputTar, relativeOutputPath } from '../../src/sandbox/outputs/tar-reader.js';

interface Entry {
  name: string;
  type?: string;
  data?: Buffer | string;
  /** Overrides the size field (a lie about the data that follows). */
  size?: number;
  linkname?: string;
}

function header(entry: Entry, size: number): Buffer {
  const block = Buffer.alloc(512);
  block.write(entry.name, 0, 100, 'utf8');
  block.write('0000644\0', 100);
  block.write('0000000\0', 108);
  block.write('0000000\0', 116);
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  block.write('00000000000\0', 136);
  block.write(entry.type ?? '0', 156);
  block.write(entry.linkname ?? '', 157, 100);
  block.write('ustar\x0000', 257);
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

function tar(entries: Entry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '');
    parts.push(header(entry, entry.size ?? data.length));
    parts.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

function pax(path: string): Buffer {
  const body = ` path=${path}\n`;
  let length = body.length + 2;
  while (`${length}${body}`.length !== length) length += 1;
  return Buffer.from(`${length}${body}`);
}

const limits = { maxFiles: 10, maxBytes: 1000 };
const read = (archive: Buffer, caps = limits) => readOutputTar(Readable.from([archive]), caps);

describe('readOutputTar', () => {
  it('keeps regular files with their paths below output/', async () => {
    const result = await read(
      tar([
        { name: 'output/', type: '5' },
        { name: 'output/a.txt', data: 'alpha' },
        { name: 'output/sub/', type: '5' },
        { name: 'output/sub/b.csv', data: 'x,y\n' },
      ]),
    );
    expect(result.files.map((file) => [file.path, file.data.toString()])).toEqual([
      ['a.txt', 'alpha'],
      ['sub/b.csv', 'x,y\n'],
    ]);
    expect(result).toMatchObject({ skipped: [], truncated: false });
  });

  it('skips symlinks, hard links, devices and FIFOs without following them', async () => {
    const result = await read(
      tar([
        { name: 'output/passwd', type: '2', linkname: '/etc/passwd' },
        { name: 'output/hard', type: '1', linkname: 'output/a.txt' },
        { name: 'output/null', type: '3' },
        { name: 'output/pipe', type: '6' },
      ]),
    );
    expect(result.files).toEqual([]);
    expect(result.skipped.map((entry) => entry.reason)).toEqual([
      'symlink (not followed)',
      'hard link (not followed)',
      'character device',
      'FIFO',
    ]);
  });

  it('refuses names that climb out, also through a PAX path record', async () => {
    const result = await read(
      tar([
        { name: 'output/../../etc/cron.d/x', data: 'evil' },
        { name: 'ignored', type: 'x', data: pax('output/../escape') },
        { name: 'output/plain', data: 'shadowed by the pax path' },
        { name: 'ignored', type: 'x', data: pax(`output/${'long/'.repeat(40)}deep.txt`) },
        { name: 'output/short', data: 'deep' },
      ]),
    );
    expect(result.files.map((file) => file.path)).toEqual([`${'long/'.repeat(40)}deep.txt`]);
    expect(result.skipped).toEqual([
      { path: 'output/../../etc/cron.d/x', reason: 'not a plain relative path' },
      { path: 'output/../escape', reason: 'not a plain relative path' },
    ]);
  });

  it('caps the number of files and the bytes kept', async () => {
    const many = Array.from({ length: 5 }, (_, index) => ({
      name: `output/f${index}`,
      data: 'x'.repeat(300),
    }));
    const result = await read(tar(many), { maxFiles: 2, maxBytes: 1000 });
    expect(result.files.map((file) => file.path)).toEqual(['f0', 'f1']);
    expect(result.skipped.map((entry) => entry.reason)).toEqual([
      'over the cap of 2 files',
      'over the cap of 2 files',
      'over the cap of 2 files',
    ]);
    const bytes = await read(tar(many), { maxFiles: 10, maxBytes: 700 });
    expect(bytes.files.map((file) => file.path)).toEqual(['f0', 'f1']);
    expect(bytes.skipped[0]?.reason).toBe('over the cap of 700 bytes in all');
  });

  it('rejects a size that no capped archive can have, and a corrupt header', async () => {
    await expect(read(tar([{ name: 'output/huge', data: 'x', size: 2 ** 33 }]))).rejects.toThrow(
      /impossible size/,
    );
    const corrupt = tar([{ name: 'output/a', data: 'a' }]);
    corrupt[0] = 0x41;
    await expect(read(corrupt)).rejects.toThrow(/checksum/);
  });

  it('stops at a truncated archive without hanging', async () => {
    const archive = tar([{ name: 'output/a.txt', data: 'alpha' }]);
    const result = await read(archive.subarray(0, 600));
    expect(result.files).toEqual([]);
  });
});

describe('relativeOutputPath', () => {
  it('strips the archived directory and refuses climbing', () => {
    expect(relativeOutputPath('output/a/b.png')).toBe('a/b.png');
    expect(relativeOutputPath('output/')).toBe('');
    expect(relativeOutputPath('output/./a')).toBe('a');
    expect(relativeOutputPath('output/a/../../b')).toBeNull();
  });
});
