/**
 * Is a path the user named (a context file or directory) a plain file or directory? A symlink anywhere
 * below `root`, or at the path itself, is refused: a link in a checkout (say to /proc/self/environ) must
 * not carry the host's files or this process's environment, keys included, into the sandbox. FIFOs,
 * devices and sockets are refused too (reading one could block or leak). One rule for the CLI, the
 * library and the Action; the read itself then goes through SafeDirectory, so a swap after this check
 * is refused as well.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';

import { ConfigError } from '../errors.js';
import { anchorPath } from './safe-directory.js';

export type PlainPath =
  { kind: 'file' | 'directory' } | { kind: 'missing' } | { kind: 'refused'; reason: string; at: string };

export function inspectPlainPath(absolute: string, root: string): PlainPath {
  const { base, parts } = anchorPath(absolute, root);
  let current = base;
  for (const [index, part] of parts.entries()) {
    current = path.join(current, part);
    let info;
    try {
      info = lstatSync(current);
    } catch {
      return { kind: 'missing' };
    }
    if (info.isSymbolicLink()) return { kind: 'refused', reason: 'is a symlink', at: current };
    const last = index === parts.length - 1;
    if (!last && !info.isDirectory()) return { kind: 'missing' };
    if (last && !info.isFile() && !info.isDirectory()) {
      return { kind: 'refused', reason: 'is a special file (FIFO, device or socket)', at: current };
    }
    if (last) return { kind: info.isFile() ? 'file' : 'directory' };
  }
  // No component to check: the path is the root itself.
  try {
    const info = lstatSync(absolute);
    return info.isDirectory() ? { kind: 'directory' } : { kind: 'missing' };
  } catch {
    return { kind: 'missing' };
  }
}

/**
 * The usage error for a refused context path: exit code 5, naming the path and the fix.
 * `label` is how the user gave it (`--context-file env`, `context path env`).
 */
export function refusedContextPath(label: string, refused: { reason: string; at: string }): ConfigError {
  return new ConfigError(`${label}: ${refused.at} ${refused.reason}; context paths are never followed`, {
    key: 'context',
    fix: 'Pass the real file or directory instead of the link (symlinks and special files are refused, so host files and secrets cannot reach the sandbox).',
  });
}
