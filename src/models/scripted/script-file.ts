/** Reads and validates a YAML script file. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError } from '../../errors.js';
import type { ScriptDefinition } from './script-types.js';
import { validateScript } from './script-validation.js';

export function loadScriptFile(path: string): ScriptDefinition {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `Cannot read script file ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      {
        key: 'script',
        fix: 'Pass an existing YAML file with --script.',
        cause: error,
      },
    );
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new ConfigError(`Script file ${path} is not valid YAML: ${(error as Error).message}`, {
      key: 'script',
      cause: error,
    });
  }
  return validateScript(data, path);
}
