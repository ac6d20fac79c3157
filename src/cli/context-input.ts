/**
 * `--context-file`, `--context-dir` and `--context-text` → the REPL's `context`.
 * Files and directories become a dict {relative path: text} in Python; text
 * becomes a str. Paths are checked here so a typo, a symlink or a FIFO fails
 * (exit 5) before Docker starts.
 */
import { resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { inspectPlainPath, refusedContextPath } from '../host-fs/plain-path.js';
import type { ContextInput } from '../sandbox/types.js';

export interface ContextFlags {
  contextFile?: string[];
  contextDir?: string;
  contextText?: string;
}

export function contextFromFlags(flags: ContextFlags, cwd: string): ContextInput | undefined {
  const files = (flags.contextFile ?? []).map((file) => checkedPath(file, cwd, 'file', '--context-file'));
  const dir =
    flags.contextDir === undefined
      ? undefined
      : checkedPath(flags.contextDir, cwd, 'directory', '--context-dir');
  if (flags.contextText !== undefined) {
    if (files.length > 0 || dir !== undefined) {
      throw new ConfigError('--context-text cannot be combined with --context-file or --context-dir', {
        fix: 'Pass the text as a file with --context-file instead, so both end up in one dict.',
      });
    }
    return { kind: 'text', text: flags.contextText };
  }
  if (dir !== undefined && files.length === 0) return { kind: 'files', paths: [dir], root: dir };
  if (files.length > 0 || dir !== undefined) {
    return { kind: 'files', paths: dir === undefined ? files : [...files, dir], root: cwd };
  }
  return undefined;
}

function checkedPath(path: string, cwd: string, kind: 'file' | 'directory', flag: string): string {
  const absolute = resolve(cwd, path);
  // The same rule as the library and the Action: no symlink below cwd or at the path, no special file.
  const found = inspectPlainPath(absolute, cwd);
  if (found.kind === 'refused') throw refusedContextPath(`${flag} ${path}`, found);
  if (found.kind === 'missing') {
    throw new ConfigError(`${flag} ${path}: no such ${kind}`, {
      fix: `Check the path (relative to ${cwd}).`,
    });
  }
  if (found.kind !== kind)
    throw new ConfigError(`${flag} ${path}: not a ${kind}`, { fix: `Pass a ${kind}.` });
  return absolute;
}
