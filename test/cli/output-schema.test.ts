/**
 * `rlm run --output-schema FILE` as a process: the scripted model's code runs in the Docker sandbox, a
 * first answer that does not validate gets the repair turn, and --json carries the parsed answer.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_IMAGE } from '../support/docker-image.js';
import { ensureBuilt, makeTempDir, runRlm } from './support/cli-process.js';
import { repl, writeScript } from './support/scripts.js';

beforeAll(() => ensureBuilt());

const SCHEMA = {
  type: 'object',
  properties: { words: { type: 'integer' } },
  required: ['words'],
  additionalProperties: false,
};

function runArgs(...extra: string[]): string[] {
  return [
    'run',
    'count the words',
    '--json',
    '--backend',
    'scripted',
    '--script',
    'script.yaml',
    '--image',
    TEST_IMAGE,
    '--context-text',
    'alpha beta gamma',
    ...extra,
  ];
}

describe('rlm run --output-schema', () => {
  it('repairs an invalid first answer and prints structured_output', async () => {
    const cwd = makeTempDir('output-schema');
    writeFileSync(join(cwd, 'schema.json'), JSON.stringify(SCHEMA));
    writeScript(cwd, [
      repl('import json\nanswer["content"] = json.dumps({"words": "three"})\nanswer["ready"] = True'),
      repl('answer["content"] = json.dumps({"words": len(context.split())})\nanswer["ready"] = True'),
    ]);
    const run = await runRlm(runArgs('--output-schema', 'schema.json'), { cwd });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(json.structured_output).toEqual({ words: 3 });
    expect(json.iterations).toBe(2);
  });

  it('a schema file that is not a JSON Schema exits 5 before any run', async () => {
    const cwd = makeTempDir('output-schema-bad');
    writeFileSync(join(cwd, 'schema.json'), '{"type": 7}');
    writeScript(cwd, [repl('answer["ready"] = True')]);
    const run = await runRlm(runArgs('--output-schema', 'schema.json'), { cwd });
    expect(run.code).toBe(5);
    expect(JSON.parse(run.stdout)).toMatchObject({ success: false, exit_code: 5 });
    expect(run.stderr).toContain('--output-schema is not a valid JSON Schema');
  });
});
