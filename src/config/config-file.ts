/** Where the config file lives and how its YAML becomes a layer. */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import { layerFromObject, type Layer } from './layer.js';
import { isPlainObject } from './prices.js';

/** Reads a config file; undefined when it does not exist. */
export type ConfigFileReader = (path: string) => string | undefined;

/** `RLM_CONFIG` when set, else ~/.rlm/config.yaml. */
export function configFilePath(env: Record<string, string | undefined>, home: string = homedir()): string {
  const explicit = env.RLM_CONFIG;
  return explicit !== undefined && explicit !== '' ? explicit : join(home, '.rlm', 'config.yaml');
}

export const readConfigFileFromDisk: ConfigFileReader = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return undefined;
    throw new ConfigError(
      `cannot read config file ${path}: ${error instanceof Error ? error.message : String(error)}`,
      {
        fix: 'Check the file permissions, or point RLM_CONFIG at another file.',
        cause: error,
      },
    );
  }
};

export function parseConfigFile(text: string, path: string): Layer {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const firstError = document.errors[0];
  if (firstError) {
    throw new ConfigError(`cannot parse config file ${path}: ${firstError.message}`, {
      fix: 'Fix the YAML syntax, or recreate the file with `rlm init --force`.',
    });
  }
  const content: unknown = document.toJS();
  if (content === null || content === undefined) return layerFromObject({}, () => ({ kind: 'file', path }));
  if (!isPlainObject(content)) {
    throw new ConfigError(`config file ${path} must be a map of keys to values, not ${typeof content}`, {
      fix: 'Write one `key: value` per line, e.g. `backend: anthropic`.',
    });
  }
  return layerFromObject(content, () => ({ kind: 'file', path }));
}

// Not `instanceof Error`: errors from another realm (a vm context, jest) fail that test.
function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return typeof error === 'object' && error !== null && 'code' in error;
}
