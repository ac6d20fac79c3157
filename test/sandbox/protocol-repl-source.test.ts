import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { REPL_SERVER_SOURCE } from '../../src/sandbox/repl-source.js';
import { SUPERVISOR_SOURCE } from '../../src/sandbox/supervisor-source.js';

describe('generated Python sources', () => {
  it('matches src/sandbox/python/repl_server.py (run `npm run gen:repl` when this fails)', () => {
    const python = readFileSync(new URL('../../src/sandbox/python/repl_server.py', import.meta.url), 'utf8');
    expect(REPL_SERVER_SOURCE).toBe(python);
  });

  it('fits in one command-line argument (python3 -c <source>)', () => {
    expect(Buffer.byteLength(REPL_SERVER_SOURCE)).toBeLessThan(100 * 1024);
  });

  it('has the supervisor in step with src/sandbox/python/supervisor.py', () => {
    const python = readFileSync(new URL('../../src/sandbox/python/supervisor.py', import.meta.url), 'utf8');
    expect(SUPERVISOR_SOURCE).toBe(python);
  });
});
