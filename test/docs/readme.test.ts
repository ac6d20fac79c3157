/**
 * The README is the front door: the two set-up commands first, short enough to read (≤ 12 KB), and every
 * link into docs/ pointing at a file that exists. Reference tables live in docs/ and are tested there
 * (action inputs/outputs: action-docs.test.ts; config keys: test/config).
 */
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

describe('README', () => {
  it('opens with the two set-up commands: the demo, then the test suite', () => {
    const demo = readme.indexOf('bash scripts/setup.sh && scripts/node24 npm run demo');
    const tests = readme.indexOf('bash scripts/setup.sh && scripts/node24 npm test');
    expect(demo).toBeGreaterThan(0);
    expect(tests).toBeGreaterThan(demo);
    expect(readme.indexOf('## ')).toBeGreaterThan(tests);
  });

  it('points to the reference: the action inputs table in docs/action.md, and every docs link resolves', () => {
    expect(readme).toContain('docs/action.md#inputs');
    const links = [...readme.matchAll(/\]\(((?:docs|examples|\.github)\/[^)#\s]+)(?:#[^)]*)?\)/g)].map(
      (match) => match[1] ?? '',
    );
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect([link, existsSync(new URL(link, root))]).toEqual([link, true]);
  });

  it('stays short (≤ 12 KB)', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(12 * 1024);
  });
});
