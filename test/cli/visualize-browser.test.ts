/**
 * `rlm visualize` opens the default browser only for a person at a terminal: run here under a real
 * pseudo-terminal (util-linux `script`), with $BROWSER pointing at a stand-in that records the URL
 * it is asked to open, so no browser is launched. Also: viz.host / viz.port and --host / --port.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureBuilt, makeTempDir, RLM_BIN, runRlm } from './support/cli-process.js';

beforeAll(() => ensureBuilt());

interface PtyRun {
  output: string;
  /** URLs the stand-in browser was asked to open. */
  opened: string[];
}

/** A stand-in browser: a script that appends its argument to a file. */
function standInBrowser(dir: string): { command: string; calls: string } {
  const calls = join(dir, 'browser-calls.txt');
  const command = join(dir, 'browser.sh');
  writeFileSync(command, `#!/bin/sh\necho "$1" >> '${calls}'\n`, { mode: 0o755 });
  return { command, calls };
}

/** Runs `rlm visualize ...` on a pseudo-terminal; presses Ctrl-C once the dashboard is up (and the browser started, when expected). */
function visualizeOnTerminal(
  args: string[],
  env: Record<string, string>,
  expectBrowser: boolean,
): Promise<PtyRun> {
  const dir = makeTempDir('pty');
  const browser = standInBrowser(dir);
  const command = [process.execPath, RLM_BIN, 'visualize', '--port', '0', ...args]
    .map((part) => `'${part}'`)
    .join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, BROWSER: browser.command, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let interrupted = false;
  const interruptWhenDone = () => {
    const up = output.includes('(Ctrl-C to stop)');
    // When a browser is expected, wait until rlm has started it and the stand-in has written what it got.
    const browserDone = !expectBrowser || (output.includes('in your browser') && existsSync(browser.calls));
    if (!interrupted && up && browserDone) {
      interrupted = true;
      child.stdin.write('\x03');
    }
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    interruptWhenDone();
  });
  const poll = setInterval(interruptWhenDone, 50);
  return new Promise((resolve) => {
    child.on('exit', () => {
      clearInterval(poll);
      const opened = existsSync(browser.calls) ? readFileSync(browser.calls, 'utf8').trim().split('\n') : [];
      resolve({ output, opened });
    });
  });
}

function urlIn(output: string): string {
  const match = /http:\/\/[^\s]+\//.exec(output);
  if (!match) throw new Error(`no URL in: ${output}`);
  return match[0];
}

describe('opening the browser', () => {
  it('at a terminal: opens the URL it prints', async () => {
    const run = await visualizeOnTerminal([], {}, true);
    const url = urlIn(run.output);
    expect(url).toMatch(/^http:\/\/localhost:\d+\/$/);
    expect(run.opened).toEqual([url]);
    expect(run.output).toContain(`rlm: opened ${url} in your browser`);
  });

  it('not in CI, even at a terminal', async () => {
    const run = await visualizeOnTerminal([], { CI: 'true' }, false);
    expect(run.output).toContain('(Ctrl-C to stop)');
    expect(run.opened).toEqual([]);
    expect(run.output).not.toContain('in your browser');
  });

  it('not with --no-browser', async () => {
    const run = await visualizeOnTerminal(['--no-browser'], {}, false);
    expect(run.output).toContain('(Ctrl-C to stop)');
    expect(run.opened).toEqual([]);
  });

  it('not without a terminal (stdout is a pipe)', async () => {
    const dir = makeTempDir('notty');
    const browser = standInBrowser(dir);
    const run = await runRlm(['visualize', '--port', '0'], {
      cwd: dir,
      env: { BROWSER: browser.command },
      onSpawn: (child) => {
        child.stderr?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('(Ctrl-C to stop)')) child.kill('SIGINT');
        });
      },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^http:\/\/localhost:\d+\/\n$/);
    expect(existsSync(browser.calls)).toBe(false);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Runs `rlm visualize` without a terminal until it prints its URL, fetches the page, then stops it. */
async function serveOnce(args: string[], env: Record<string, string>, cwd: string) {
  let status = 0;
  const run = await runRlm(['visualize', ...args], {
    cwd,
    env,
    onSpawn: (child) => {
      child.stdout?.once('data', (chunk: Buffer) => {
        void fetch(chunk.toString().trim())
          .then((response) => {
            status = response.status;
          })
          .finally(() => child.kill('SIGINT'));
      });
    },
  });
  return { ...run, status };
}

describe('where it listens', () => {
  it('viz.host and viz.port from the config file', async () => {
    const cwd = makeTempDir('vizcfg');
    const port = await freePort();
    writeFileSync(join(cwd, 'config.yaml'), `viz:\n  host: 127.0.0.1\n  port: ${port}\n`);
    const run = await serveOnce([], { RLM_CONFIG: 'config.yaml' }, cwd);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`http://127.0.0.1:${port}/\n`);
    expect(run.status).toBe(200);
  });

  it('--host and --port beat the config file', async () => {
    const cwd = makeTempDir('vizflag');
    const port = await freePort();
    writeFileSync(join(cwd, 'config.yaml'), 'viz:\n  host: localhost\n  port: 1\n');
    const run = await serveOnce(
      ['--host', '127.0.0.1', '--port', String(port)],
      { RLM_CONFIG: 'config.yaml' },
      cwd,
    );
    expect(run.stdout).toBe(`http://127.0.0.1:${port}/\n`);
    expect(run.status).toBe(200);
  });

  it('a bad --port is a configuration error naming the flag (exit 5)', async () => {
    const run = await runRlm(['visualize', '--port', 'eighty']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain("config key `viz.port`: 'eighty' is not a number (from flag --port)");
  });
});
