/** docs/action.md's inputs and outputs tables are generated from action.yml; this keeps them current. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
};
const doc = readFileSync(new URL('docs/action.md', root), 'utf8');

describe('docs/action.md tables', () => {
  it('match what scripts/gen-action-docs.mjs makes of action.yml now', async () => {
    const { stdout } = await run(process.execPath, ['scripts/gen-action-docs.mjs', '--check'], {
      cwd: root,
    });
    expect(stdout).toContain('match action.yml');
  });

  it.each(Object.keys(action.inputs))('have a row for the input %s with its default', (name) => {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${name}\` `));
    expect(row).toBeDefined();
    const fallback = action.inputs[name]?.default;
    if (fallback) expect(row).toContain(`\`${fallback}\``);
  });

  it.each(Object.keys(action.outputs))('have a row for the output %s', (name) => {
    expect(doc).toContain(`| \`${name}\` `);
  });
});
