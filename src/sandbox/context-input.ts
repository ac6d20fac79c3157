/**
 * Turns a ContextInput into what crosses the bridge: a kind, raw bytes (sent in
 * chunks, decoded once in Python) and, for files, a manifest of [path, length].
 * Files are read on the host from paths the user gave; a given path that is a
 * symlink or special file is refused (exit 5), directory walks skip symlinks,
 * special files and `.git`, and no read follows a symlink (src/host-fs/).
 */
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { inspectPlainPath, refusedContextPath } from '../host-fs/plain-path.js';
import { anchorPath, SafeDirectory, UnsafePathError } from '../host-fs/safe-directory.js';
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
  const manifest: Array<[string, number]> = [];
  const buffers: Buffer[] = [];
  for (const [key, bytes] of await readContextFiles(paths, root)) {
    manifest.push([key, bytes.length]);
    buffers.push(bytes);
  }
  return { kind: 'files', data: Buffer.concat(buffers), manifest };
}

/**
 * The files under `paths` as [key relative to root, bytes], sorted by key. A given path that is (or sits
 * below root behind) a symlink, or is a special file, is a ConfigError; inside directories, symlinks and
 * special files are skipped. Every read is O_NOFOLLOW through a held directory (see SafeDirectory).
 */
export async function readContextFiles(
  paths: readonly string[],
  root: string,
): Promise<Array<[string, Buffer]>> {
  const files = new Map<string, Buffer>();
  for (const given of paths) {
    const absolute = path.resolve(root, given);
    const found = inspectPlainPath(absolute, root);
    if (found.kind === 'refused') throw refusedContextPath(`context path ${given}`, found);
    if (found.kind === 'missing') {
      throw new ConfigError(`context path ${given} cannot be read: no such file or directory`, {
        key: 'context',
        fix: 'Pass files or directories that exist and are readable.',
      });
    }
    const { base, parts } = anchorPath(absolute, root);
    try {
      if (found.kind === 'directory') {
        const directory = await SafeDirectory.open(base, parts, { create: false });
        try {
          await collectDirectory(directory, absolute, root, files);
        } finally {
          await directory.close();
        }
      } else {
        const directory = await SafeDirectory.open(base, parts.slice(0, -1), { create: false });
        try {
          files.set(keyFor(absolute, root), await directory.readFile(path.basename(absolute)));
        } finally {
          await directory.close();
        }
      }
    } catch (error) {
      if (error instanceof UnsafePathError)
        throw refusedContextPath(`context path ${given}`, { at: error.path, reason: error.reason });
      throw error;
    }
  }
  return [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function collectDirectory(
  directory: SafeDirectory,
  absolute: string,
  root: string,
  files: Map<string, Buffer>,
): Promise<void> {
  for (const entry of await directory.entries()) {
    // Dirent types are lstat's: symlinks, FIFOs, devices and sockets are neither, and are skipped.
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
      const child = await directory.subdirectory(entry.name, { create: false });
      try {
        await collectDirectory(child, path.join(absolute, entry.name), root, files);
      } finally {
        await child.close();
      }
    } else if (entry.isFile()) {
      files.set(keyFor(path.join(absolute, entry.name), root), await directory.readFile(entry.name));
    }
  }
}

/** Path relative to root with '/' separators; files outside root keep their absolute path. */
function keyFor(absolute: string, root: string): string {
  const relative = path.relative(path.resolve(root), absolute);
  const key = relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
  return key.split(path.sep).join('/');
}
