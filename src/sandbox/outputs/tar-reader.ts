/**
 * Reads the tar stream Docker's archive API returns for the sandbox's output directory. Names, types and
 * sizes in it were chosen by model code, so: only regular files are kept (symlinks, hard links, devices,
 * FIFOs are listed as skipped, never followed or created), names must be plain relative paths, and the
 * number of entries, the bytes kept and the bytes read are all capped. Nothing here touches the disk.
 */
import type { CollectedOutputs, OutputLimits } from './types.js';

const BLOCK = 512;
/** PAX and GNU long-name records are metadata; anything bigger is not an honest name. */
const MAX_META_BYTES = 64 * 1024;

class ByteReader {
  private buffered: Buffer[] = [];
  private length = 0;
  private done = false;
  total = 0;

  constructor(private readonly source: AsyncIterator<unknown>) {}

  /** Exactly `size` bytes, or null when the stream ends first. */
  async read(size: number): Promise<Buffer | null> {
    while (this.length < size && !this.done) await this.pull();
    if (this.length < size) return null;
    const all = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered);
    this.buffered = all.length > size ? [all.subarray(size)] : [];
    this.length = all.length - size;
    return all.subarray(0, size);
  }

  /** Drops `size` bytes without keeping them; false when the stream ends first. */
  async skip(size: number): Promise<boolean> {
    let left = size;
    while (left > 0) {
      if (this.length === 0) {
        if (this.done) return false;
        await this.pull();
        continue;
      }
      const step = Math.min(left, this.length);
      const head = await this.read(step);
      if (head === null) return false;
      left -= step;
    }
    return true;
  }

  private async pull(): Promise<void> {
    const next = await this.source.next();
    if (next.done === true) {
      this.done = true;
      return;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(String(next.value));
    this.total += chunk.length;
    this.buffered.push(chunk);
    this.length += chunk.length;
  }
}

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
}

function octal(header: Buffer, start: number, length: number): number {
  const first = header[start] ?? 0;
  if (first & 0x80) {
    // base-256 (GNU) for sizes past 8 GiB: never honest here, so treat as too large.
    return Number.MAX_SAFE_INTEGER;
  }
  const text = field(header, start, length).trim();
  const value = text === '' ? 0 : parseInt(text, 8);
  return Number.isFinite(value) && value >= 0 ? value : Number.NaN;
}

function checksumOk(header: Buffer): boolean {
  let sum = 0;
  for (let index = 0; index < BLOCK; index += 1) {
    sum += index >= 148 && index < 156 ? 0x20 : (header[index] ?? 0);
  }
  return sum === octal(header, 148, 8);
}

/** `path` keys of a PAX record ("<len> path=<value>\n"); other keys are ignored. */
function paxPath(record: Buffer): string | undefined {
  let found: string | undefined;
  for (const line of record.toString('utf8').split('\n')) {
    const match = /^\d+ path=(.*)$/s.exec(line);
    if (match) found = match[1];
  }
  return found;
}

/** The path below the archived directory ("output/a/b.png" → "a/b.png"), or null when it is not a plain one. */
export function relativeOutputPath(name: string): string | null {
  const parts = name.split('/').filter((part) => part !== '' && part !== '.');
  parts.shift(); // the archived directory itself
  if (parts.length === 0) return '';
  if (parts.some((part) => part === '..' || part.includes('\0') || part.includes('\\'))) return null;
  return parts.join('/');
}

const SKIP_REASONS: Record<string, string> = {
  '1': 'hard link (not followed)',
  '2': 'symlink (not followed)',
  '3': 'character device',
  '4': 'block device',
  '6': 'FIFO',
};

export async function readOutputTar(
  stream: NodeJS.ReadableStream,
  limits: OutputLimits,
): Promise<CollectedOutputs> {
  const reader = new ByteReader(stream[Symbol.asyncIterator]());
  const collected: CollectedOutputs = { files: [], skipped: [], truncated: false };
  let keptBytes = 0;
  let entries = 0;
  let longName: string | undefined;
  const maxRead = limits.maxBytes + (limits.maxFiles + 64) * 4 * BLOCK + MAX_META_BYTES;
  try {
    for (;;) {
      if (reader.total > maxRead || entries > limits.maxFiles * 4 + 64) {
        collected.truncated = true;
        break;
      }
      const header = await reader.read(BLOCK);
      if (header === null || header.every((byte) => byte === 0)) break;
      if (!checksumOk(header)) throw new Error('the output archive is corrupt (bad header checksum)');
      entries += 1;
      const size = octal(header, 124, 12);
      if (!Number.isFinite(size) || size > maxRead)
        throw new Error('the output archive has an impossible size');
      const padded = Math.ceil(size / BLOCK) * BLOCK;
      const type = field(header, 156, 1) || '0';
      if (type === 'x' || type === 'L') {
        if (size > MAX_META_BYTES) throw new Error('the output archive has an oversized name record');
        const record = await reader.read(padded);
        if (record === null) break;
        longName = type === 'L' ? field(record, 0, size) : (paxPath(record.subarray(0, size)) ?? longName);
        continue;
      }
      const prefix = field(header, 345, 155);
      const ustarName = prefix === '' ? field(header, 0, 100) : `${prefix}/${field(header, 0, 100)}`;
      const name = longName ?? ustarName;
      longName = undefined;
      if (type === 'g' || type === '5') {
        if (!(await reader.skip(padded))) break;
        continue;
      }
      const path = relativeOutputPath(name);
      const shown = path ?? name;
      if (type !== '0' && type !== '7') {
        collected.skipped.push({ path: shown, reason: SKIP_REASONS[type] ?? `entry of type ${type}` });
      } else if (path === null || path === '') {
        collected.skipped.push({ path: shown, reason: 'not a plain relative path' });
      } else if (collected.files.length >= limits.maxFiles) {
        collected.skipped.push({ path, reason: `over the cap of ${limits.maxFiles} files` });
      } else if (keptBytes + size > limits.maxBytes) {
        collected.skipped.push({ path, reason: `over the cap of ${limits.maxBytes} bytes in all` });
      } else {
        const data = await reader.read(padded);
        if (data === null) break;
        collected.files.push({ path, data: Buffer.from(data.subarray(0, size)) });
        keptBytes += size;
        continue;
      }
      if (!(await reader.skip(padded))) break;
    }
  } finally {
    // Stop the transfer: what is past a cap is not wanted.
    if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
  }
  return collected;
}
