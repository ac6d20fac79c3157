/** Parses and validates a YAML script. */
import { parse } from 'yaml';
import { ConfigError } from '../../errors.js';
import type { ScriptDefinition } from './script-types.js';
import { validateScript } from './script-validation.js';

export function parseScriptText(text: string, path: string): ScriptDefinition {
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
