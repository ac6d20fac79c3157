/**
 * Host files the runtime writes or reads on behalf of a run (log dir, journal, trajectory, collected
 * outputs) may sit in a directory the sandbox could write to (`--writable` with log_dir inside the
 * workspace). So: a directory is opened once, each component with O_NOFOLLOW|O_DIRECTORY, and every file
 * below it is reached through that open descriptor, never by re-resolving a path the sandbox could have
 * swapped for a symlink in between. Files are opened with O_NOFOLLOW, created with O_EXCL, and must be
 * regular files with a single link; FIFOs, devices and sockets are refused before a byte moves.
 *
 * On Linux, `/proc/self/fd/<fd>/<name>` is openat(fd, name): the directory is the one the descriptor
 * holds even if its path was renamed or replaced meanwhile. Elsewhere (macOS), paths are used, checked
 * against the descriptor's device and inode before each operation.
 */
import { constants, existsSync, type Dirent, type Stats } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rmdir, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '../error-message.js';

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_APPEND, O_NOFOLLOW, O_DIRECTORY, O_NONBLOCK } =
  constants;

const HAS_PROC_FD = existsSync('/proc/self/fd');

/** A path the runtime will not use: a symlink, a special file, a hard-linked file, or an escape. */
export class UnsafePathError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`refusing ${path}: ${reason}`);
    this.name = 'UnsafePathError';
  }
}

/** True when `inner` is `outer` or below it, comparing resolved paths (no symlinks resolved). */
export function isInside(outer: string, inner: string): boolean {
  const relative = path.relative(path.resolve(outer), path.resolve(inner));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Where trust ends on the way to `target`: `base` is opened as given (the user's own path, symlinks
 * and all); each of `parts` must be a real directory. When `target` lies inside `untrustedRoot` (a
 * directory the sandbox can write), every component below that root is checked; otherwise the last one.
 */
export function anchorPath(target: string, untrustedRoot: string | null): { base: string; parts: string[] } {
  const absolute = path.resolve(target);
  if (untrustedRoot !== null && isInside(untrustedRoot, absolute)) {
    const base = path.resolve(untrustedRoot);
    const relative = path.relative(base, absolute);
    return { base, parts: relative === '' ? [] : relative.split(path.sep) };
  }
  const parent = path.dirname(absolute);
  return parent === absolute
    ? { base: absolute, parts: [] }
    : { base: parent, parts: [path.basename(absolute)] };
}

const SYMLINK_REASON = 'it is a symlink (symlinks are never followed)';

function checkName(name: string): void {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
    throw new UnsafePathError(name, 'not a single file name');
  }
}

function describeOpenError(error: unknown, where: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return new UnsafePathError(where, SYMLINK_REASON);
  if (code === 'ENOTDIR') return new UnsafePathError(where, 'not a directory (ENOTDIR)');
  if (code === 'ENXIO') return new UnsafePathError(where, 'it is a special file');
  // Keep the code (EEXIST, EACCES, ...) but name the readable path, not /proc/self/fd/N.
  const message = errorMessage(error).replace(/\/proc\/self\/fd\/\d+\/[^' ]*/g, where);
  const wrapped = new Error(message);
  if (code !== undefined) Object.assign(wrapped, { code });
  return wrapped;
}

function requireRegular(info: Stats, where: string): void {
  if (!info.isFile()) throw new UnsafePathError(where, 'not a regular file');
  // A hard link planted by the sandbox would let us write into a file somewhere else in the workspace.
  if (info.nlink > 1) throw new UnsafePathError(where, 'the file has other hard links');
}

export class SafeDirectory {
  private constructor(
    /** The path it was opened by, for messages (and for path-based access off Linux). */
    readonly path: string,
    private readonly handle: FileHandle,
    private readonly identity: { dev: number; ino: number },
  ) {}

  /** Opens `base` (trusted) and then each of `parts` without following symlinks, creating them if asked. */
  static async open(
    base: string,
    parts: readonly string[],
    options: { create: boolean },
  ): Promise<SafeDirectory> {
    let directory = await SafeDirectory.openPath(path.resolve(base), O_RDONLY | O_DIRECTORY);
    for (const part of parts) {
      try {
        const next = await directory.subdirectory(part, options);
        await directory.close();
        directory = next;
      } catch (error) {
        await directory.close();
        throw error;
      }
    }
    return directory;
  }

  /** A directory whose own last component (and the listed ones under an untrusted root) is no symlink. */
  static async openAnchored(
    target: string,
    untrustedRoot: string | null,
    options: { create: boolean },
  ): Promise<SafeDirectory> {
    const { base, parts } = anchorPath(target, untrustedRoot);
    if (options.create) await mkdir(base, { recursive: true });
    return SafeDirectory.open(base, parts, options);
  }

  /** `label` is the readable path for messages; `where` may be a /proc/self/fd path. */
  private static async openPath(where: string, flags: number, label = where): Promise<SafeDirectory> {
    let handle: FileHandle;
    try {
      handle = await open(where, flags);
    } catch (error) {
      // O_DIRECTORY|O_NOFOLLOW on a symlink to a directory says ENOTDIR: tell the user what it really is.
      const isLink = await lstat(where).then(
        (info) => info.isSymbolicLink(),
        () => false,
      );
      throw isLink ? new UnsafePathError(label, SYMLINK_REASON) : describeOpenError(error, label);
    }
    try {
      const info = await handle.stat();
      if (!info.isDirectory()) throw new UnsafePathError(label, 'not a directory');
      return new SafeDirectory(label, handle, { dev: info.dev, ino: info.ino });
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async subdirectory(name: string, options: { create: boolean }): Promise<SafeDirectory> {
    checkName(name);
    const child = await this.child(name);
    if (options.create) {
      try {
        await mkdir(child, { mode: 0o700 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return SafeDirectory.openPath(child, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, this.describe(name));
  }

  /** A new file (O_EXCL): fails if anything, a symlink included, already has that name. */
  async createFile(name: string, mode = 0o600): Promise<FileHandle> {
    return this.openFile(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
  }

  /** For appending to a file that may exist already (a shared JSONL file); readable for its last byte. */
  async openAppend(name: string, mode = 0o600): Promise<FileHandle> {
    return this.openFile(name, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK, mode);
  }

  async readFile(name: string, maxBytes = Number.MAX_SAFE_INTEGER): Promise<Buffer> {
    const handle = await this.openFile(name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK, 0);
    try {
      const size = (await handle.stat()).size;
      if (size > maxBytes) throw new UnsafePathError(this.describe(name), `larger than ${maxBytes} bytes`);
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  async exists(name: string): Promise<boolean> {
    checkName(name);
    try {
      await lstat(await this.child(name));
      return true;
    } catch {
      return false;
    }
  }

  /** Entries as the directory lists them (types from lstat semantics: a symlink is a symlink). */
  async entries(): Promise<Dirent[]> {
    return readdir(await this.child(), { withFileTypes: true });
  }

  /** Renames within this directory; rename never follows a symlink at either name. */
  async rename(from: string, to: string): Promise<void> {
    checkName(from);
    checkName(to);
    await rename(await this.child(from), await this.child(to));
  }

  async unlink(name: string): Promise<void> {
    checkName(name);
    await unlink(await this.child(name));
  }

  /** Removes an empty subdirectory. */
  async removeDirectory(name: string): Promise<void> {
    checkName(name);
    await rmdir(await this.child(name));
  }

  describe(name: string): string {
    return path.join(this.path, name);
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  private async openFile(name: string, flags: number, mode: number): Promise<FileHandle> {
    checkName(name);
    const where = this.describe(name);
    let handle: FileHandle;
    try {
      handle = await open(await this.child(name), flags, mode);
    } catch (error) {
      throw describeOpenError(error, where);
    }
    try {
      requireRegular(await handle.stat(), where);
      return handle;
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The path that reaches `name` inside the directory this descriptor holds. */
  private async child(name?: string): Promise<string> {
    if (HAS_PROC_FD) {
      const self = `/proc/self/fd/${this.handle.fd}`;
      return name === undefined ? self : `${self}/${name}`;
    }
    const info = await lstat(this.path);
    if (!info.isDirectory() || info.dev !== this.identity.dev || info.ino !== this.identity.ino) {
      throw new UnsafePathError(this.path, 'the directory was replaced while in use');
    }
    return name === undefined ? this.path : path.join(this.path, name);
  }
}
