/** The README documents every action input and output and every config key; this keeps it so. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SETTING_KEY_NAMES } from '../../src/config/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
};
const tableRows = readme.split('\n').filter((line) => line.startsWith('| `'));

function rowFor(name: string): string | undefined {
  return tableRows.find((line) => line.startsWith(`| \`${name}\``));
}

describe('README', () => {
  it('opens with the two set-up commands: the demo, then the test suite', () => {
    const demo = readme.indexOf('bash scripts/setup.sh && scripts/node24 npm run demo');
    const tests = readme.indexOf('bash scripts/setup.sh && scripts/node24 npm test');
    expect(demo).toBeGreaterThan(0);
    expect(tests).toBeGreaterThan(demo);
    expect(readme.indexOf('## ')).toBeGreaterThan(tests);
  });

  it.each(Object.keys(action.inputs))('documents the action input %s with its default', (input) => {
    const row = rowFor(input);
    expect(row).toBeDefined();
    const fallback = action.inputs[input]?.default;
    if (fallback !== undefined && fallback !== '') expect(row).toContain(`\`${fallback}\``);
  });

  it.each(Object.keys(action.outputs))('documents the action output %s', (output) => {
    expect(rowFor(output)).toBeDefined();
  });

  it.each([...SETTING_KEY_NAMES])('documents the config key %s', (key) => {
    expect(rowFor(key)).toBeDefined();
  });
});
