/**
 * Turns a ContextInput into what crosses the bridge: a kind, raw bytes (sent in
 * chunks, decoded once in Python) and, for files, a manifest of [path, length].
 * Files are read on the host from paths the user gave (trusted); directory walks
 * do not follow symlinks and skip `.git`.
 */
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ExecutionError } from '../errors.js';
import type { ContextInput } from './types.js';

export interface EncodedContext {
  kind: 'none' | 'text' | 'json' | 'files' | 'stash';
  data: Buffer;
  /** files: [relative path, byte length] in the order their bytes follow in `data`. */
  manifest?: Array<[string, number]>;
  /** stash: the token returned by `__rlm_stash__`. */
  token?: string;
}

const SKIPPED_DIRECTORIES = new Set(['.git']);

export async function encodeContext(input: ContextInput | undefined): Promise<EncodedContext> {
  if (input === undefined) return { kind: 'none', data: Buffer.alloc(0) };
  switch (input.kind) {
    case 'text':
      return { kind: 'text', data: Buffer.from(input.text, 'utf8') };
    case 'json':
      return { kind: 'json', data: Buffer.from(JSON.stringify(input.value) ?? 'null', 'utf8') };
    case 'stash':
      return { kind: 'stash', data: Buffer.alloc(0), token: input.token };
    case 'files':
      return encodeFiles(input.paths, input.root ?? process.cwd());
  }
}

async function encodeFiles(paths: string[], root: string): Promise<EncodedContext> {
  const files = new Map<string, string>();
  for (const given of paths) {
    const absolute = path.resolve(root, given);
    let info;
    try {
      info = await stat(absolute);
    } catch (error) {
      throw new ExecutionError(`Context path ${given} cannot be read: ${String(error)}`, {
        fix: 'Pass files or directories that exist and are readable.',
      });
    }
    if (info.isDirectory()) await collectDirectory(absolute, root, files);
    else if (info.isFile()) files.set(keyFor(absolute, root), absolute);
  }
  const manifest: Array<[string, number]> = [];
  const buffers: Buffer[] = [];
  for (const [key, absolute] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const bytes = await readFile(absolute);
    manifest.push([key, bytes.length]);
    buffers.push(bytes);
  }
  return { kind: 'files', data: Buffer.concat(buffers), manifest };
}

async function collectDirectory(directory: string, root: string, files: Map<string, string>): Promise<void> {
  for (const name of await readdir(directory)) {
    const absolute = path.join(directory, name);
    const info = await lstat(absolute);
    if (info.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(name)) await collectDirectory(absolute, root, files);
    } else if (info.isFile()) {
      files.set(keyFor(absolute, root), absolute);
    }
  }
}

/** Path relative to root with '/' separators; files outside root keep their absolute path. */
function keyFor(absolute: string, root: string): string {
  const relative = path.relative(path.resolve(root), absolute);
  const key = relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
  return key.split(path.sep).join('/');
}
