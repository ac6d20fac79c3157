/** Reads a --script file; a missing or unreadable file is a ConfigError naming it. */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../errors.js';

export function readSourceFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `Cannot read script file ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      {
        key: 'script',
        fix: 'Pass an existing YAML script or trajectory file with --script.',
        cause: error,
      },
    );
  }
}
