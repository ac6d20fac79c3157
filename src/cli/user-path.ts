import { join, resolve } from 'node:path';
import type { CliIo } from './io.js';

/** A path as the user wrote it (flag, env, config file): relative to the current directory, `~/` to home. */
export function userPath(io: Pick<CliIo, 'cwd' | 'home'>, path: string): string {
  if (path === '~') return io.home;
  if (path.startsWith('~/')) return join(io.home, path.slice(2));
  return resolve(io.cwd, path);
}
