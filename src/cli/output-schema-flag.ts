/** `rlm run --output-schema FILE`: a JSON Schema file the final answer must satisfy (structured output). */
import { readFileSync } from 'node:fs';
import { compileOutputSchema, type JsonSchema } from '../core/output-schema.js';
import { ConfigError } from '../errors.js';
import type { CliIo } from './io.js';
import { userPath } from './user-path.js';

export function readOutputSchemaFlag(io: CliIo, file: unknown): JsonSchema | undefined {
  if (typeof file !== 'string' || file === '') return undefined;
  const path = userPath(io, file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `--output-schema ${file}: ${error instanceof Error ? error.message : String(error)}`,
      { key: 'output-schema', fix: 'Pass a readable JSON file holding a JSON Schema object.' },
    );
  }
  return compileOutputSchema(parsed, '--output-schema').schema;
}
