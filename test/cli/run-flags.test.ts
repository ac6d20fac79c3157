import { flagNameOf, flagsToRawSettings, SETTING_FLAGS } from '../../src/cli/run-flags.js';
import { contextFromFlags } from '../../src/cli/context-input.js';
import { ConfigError } from '../../src/errors.js';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('rlm run flags → config keys', () => {
  it('maps value flags and switches into the nested settings shape', () => {
    expect(
      flagsToRawSettings({
        backend: 'openai',
        env: 'repl',
        maxCost: '0.5',
        memory: '512m',
        cpus: '2',
        image: 'img:1',
        writable: true,
        verbose: true,
        json: true,
      }),
    ).toEqual({
      backend: 'openai',
      environment: 'repl',
      max_cost_usd: '0.5',
      verbose: true,
      docker: { memory_limit: '512m', cpu_limit: '2', image: 'img:1', writable_workspace: true },
    });
  });

  it('leaves absent flags out so lower layers decide', () => {
    expect(flagsToRawSettings({})).toEqual({});
  });

  it('names each key by the flag the user typed', () => {
    expect(flagNameOf('max_cost_usd')).toBe('--max-cost');
    expect(flagNameOf('docker.cpu_limit')).toBe('--cpus');
    expect(flagNameOf('docker.writable_workspace')).toBe('--writable');
    expect(new Set(SETTING_FLAGS.map((flag) => flag.key)).size).toBe(SETTING_FLAGS.length);
  });
});

describe('context flags', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'rlm-ctx-'));
  mkdirSync(join(cwd, 'logs'));
  writeFileSync(join(cwd, 'a.txt'), 'a');
  writeFileSync(join(cwd, 'logs', 'b.log'), 'b');

  it('text, files, a directory, or files and a directory together', () => {
    expect(contextFromFlags({ contextText: 'hi' }, cwd)).toEqual({ kind: 'text', text: 'hi' });
    expect(contextFromFlags({ contextFile: ['a.txt'] }, cwd)).toEqual({
      kind: 'files',
      paths: [join(cwd, 'a.txt')],
      root: cwd,
    });
    expect(contextFromFlags({ contextDir: 'logs' }, cwd)).toEqual({
      kind: 'files',
      paths: [join(cwd, 'logs')],
      root: join(cwd, 'logs'),
    });
    expect(contextFromFlags({ contextFile: ['a.txt'], contextDir: 'logs' }, cwd)).toEqual({
      kind: 'files',
      paths: [join(cwd, 'a.txt'), join(cwd, 'logs')],
      root: cwd,
    });
    expect(contextFromFlags({}, cwd)).toBeUndefined();
  });

  it('rejects missing paths, wrong kinds and text mixed with files', () => {
    expect(() => contextFromFlags({ contextFile: ['nope.txt'] }, cwd)).toThrow(ConfigError);
    expect(() => contextFromFlags({ contextDir: 'a.txt' }, cwd)).toThrow(
      '--context-dir a.txt: not a directory',
    );
    expect(() => contextFromFlags({ contextFile: ['logs'] }, cwd)).toThrow('--context-file logs: not a file');
    expect(() => contextFromFlags({ contextText: 'x', contextFile: ['a.txt'] }, cwd)).toThrow(
      '--context-text cannot be combined',
    );
  });
});

describe('user paths', () => {
  it('resolve against the current directory, with ~ for home', async () => {
    const { userPath } = await import('../../src/cli/user-path.js');
    const io = { cwd: '/work/project', home: '/home/me' };
    expect(userPath(io, 'logs')).toBe('/work/project/logs');
    expect(userPath(io, '/var/log/rlm')).toBe('/var/log/rlm');
    expect(userPath(io, '~/rlm-logs')).toBe('/home/me/rlm-logs');
    expect(userPath(io, '~')).toBe('/home/me');
  });
});
