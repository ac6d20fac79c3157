/**
 * The `output-schema` input: a JSON Schema given inline (`{...}`) or as a path to a JSON file in the
 * workspace. Checked here, before anything runs, so a bad schema fails the step naming the input.
 */
import { lstat, readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { compileOutputSchema, type JsonSchema } from '../../core/output-schema.js';
import { ConfigError } from '../../errors.js';

const INPUT = 'output-schema';

async function readSchemaFile(path: string, workspace: string): Promise<string> {
  const full = resolve(workspace, path);
  const rel = relative(workspace, full);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new ConfigError(`input \`${INPUT}\`: "${path}" is outside the workspace`, { key: INPUT });
  }
  const info = await lstat(full).catch(() => null);
  // A regular file only: a symlink could point anywhere on the runner.
  if (!info?.isFile()) {
    throw new ConfigError(`input \`${INPUT}\`: "${path}" is not a regular file in the workspace`, {
      key: INPUT,
      fix: 'Give the schema inline as JSON ({"type": "object", ...}) or the path of a JSON file in the checked-out repository.',
    });
  }
  return readFile(full, 'utf8');
}

/** null when the input is empty. */
export async function loadOutputSchema(raw: string, workspace: string): Promise<JsonSchema | null> {
  const value = raw.trim();
  if (value === '') return null;
  const text = value.startsWith('{') ? value : await readSchemaFile(value, workspace);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      `input \`${INPUT}\` is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      { key: INPUT },
    );
  }
  return compileOutputSchema(parsed, `input \`${INPUT}\``).schema;
}
