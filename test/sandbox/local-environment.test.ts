import { describe, expect, it } from '@jest/globals';
import { LocalLauncher } from '../../src/sandbox/local/local-launcher.js';
import { encodeFrame } from '../../src/sandbox/protocol/frame.js';
import { REPL_SERVER_SOURCE } from '../../src/sandbox/repl-source.js';
import { localOptions, localSandbox, waitUntilGone } from './local-fixture.js';

const FAKE_SECRET = 'sk-rlm-fake-secret-0123456789';

describe('local REPL: environment and process lifetime', () => {
  it('passes only the allowlisted environment, to the REPL and to its children', async () => {
    process.env.RLM_FAKE_SECRET = FAKE_SECRET;
    try {
      const sandbox = localSandbox();
      const result = await sandbox.exec(
        'import os, subprocess\n' +
          `secret = ${JSON.stringify(FAKE_SECRET)}.encode()\n` +
          'child = subprocess.Popen(["sleep", "30"])\n' +
          'own = open("/proc/self/environ", "rb").read()\n' +
          'theirs = open(f"/proc/{child.pid}/environ", "rb").read()\n' +
          'child.kill(); child.wait()\n' +
          'print(sorted(os.environ))\n' +
          'print("RLM_FAKE_SECRET" in os.environ, secret in own, secret in theirs, b"RLM_FAKE_SECRET" in theirs)',
      );
      expect(result.status).toBe('ok');
      const [names, checks] = result.stdout.text.trim().split('\n');
      expect(checks).toBe('False False False False');
      expect(names).toBe("['HOME', 'LANG', 'LC_ALL', 'PATH', 'PYTHONDONTWRITEBYTECODE', 'PYTHONUNBUFFERED']");
    } finally {
      delete process.env.RLM_FAKE_SECRET;
    }
  });

  it('gives the REPL a fresh temporary HOME', async () => {
    const sandbox = localSandbox();
    const result = await sandbox.exec(
      'import os\nprint(os.environ["HOME"] != os.path.expanduser("~root"), os.listdir(os.environ["HOME"]))',
    );
    expect(result.stdout.text).toBe('True []\n');
  });

  it('takes background processes down on close()', async () => {
    const sandbox = localSandbox();
    const started = await sandbox.exec(
      'import subprocess\nbg = subprocess.Popen(["sleep", "300"])\nprint(bg.pid)',
    );
    const pid = Number(started.stdout.text.trim());
    expect(Number.isInteger(pid)).toBe(true);
    await sandbox.close();
    expect(await waitUntilGone(pid)).toBe(true);
  });

  it('takes background processes down after a timeout restart', async () => {
    const sandbox = localSandbox();
    const started = await sandbox.exec('import subprocess\nprint(subprocess.Popen(["sleep", "300"]).pid)');
    const pid = Number(started.stdout.text.trim());
    expect((await sandbox.exec('while True: pass', { timeoutMs: 300 })).status).toBe('timeout');
    expect(await waitUntilGone(pid)).toBe(true);
  });

  it('exits when its stdin closes (dead-man switch), taking its background processes along', async () => {
    const options = localOptions();
    const launcher = new LocalLauncher(options);
    try {
      const repl = await launcher.launch(REPL_SERVER_SOURCE);
      const frames: Buffer[] = [];
      repl.stdout.on('data', (chunk: Buffer) => frames.push(chunk));
      repl.stdin.write(encodeFrame({ t: 'init', maxOutputBytes: 4096, maxFrameBytes: 1 << 20, rlimits: {} }));
      repl.stdin.write(encodeFrame({ t: 'ctx', id: 1, ns: 'root', kind: 'none', size: 0, prelude: '' }));
      repl.stdin.write(
        encodeFrame({
          t: 'exec',
          id: 2,
          ns: 'root',
          code: 'import subprocess\nprint(subprocess.Popen(["sleep", "300"]).pid)',
        }),
      );
      while (!Buffer.concat(frames).includes('exec_done'))
        await new Promise((resolve) => setTimeout(resolve, 10));
      const pid = Number(/"text":"(\d+)\\n"/.exec(Buffer.concat(frames).toString('utf8'))?.[1]);
      expect(Number.isInteger(pid)).toBe(true);
      repl.stdin.end();
      const exit = await repl.exited;
      expect(exit.code).toBe(0);
      expect(await waitUntilGone(pid)).toBe(true);
    } finally {
      await launcher.dispose();
    }
  });

  it('keeps the dead-man switch armed when code rebinds shutdown and os._exit', async () => {
    const launcher = new LocalLauncher(localOptions());
    try {
      const repl = await launcher.launch(REPL_SERVER_SOURCE);
      const frames: Buffer[] = [];
      repl.stdout.on('data', (chunk: Buffer) => frames.push(chunk));
      repl.stdin.write(encodeFrame({ t: 'init', maxOutputBytes: 4096, maxFrameBytes: 1 << 20, rlimits: {} }));
      repl.stdin.write(encodeFrame({ t: 'ctx', id: 1, ns: 'root', kind: 'none', size: 0, prelude: '' }));
      repl.stdin.write(
        encodeFrame({
          t: 'exec',
          id: 2,
          ns: 'root',
          code: 'import os, sys\nsys.modules["__main__"].shutdown = lambda: None\nos._exit = lambda code: None',
        }),
      );
      while (!Buffer.concat(frames).includes('exec_done'))
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(Buffer.concat(frames).toString('utf8')).toContain('"status":"ok"');
      repl.stdin.end();
      expect((await repl.exited).code).toBe(0);
    } finally {
      await launcher.dispose();
    }
  });

  it('applies RLIMIT_FSIZE and RLIMIT_NOFILE from the options', async () => {
    const defaults = localOptions();
    const sandbox = localSandbox({ docker: { ...defaults.docker, fsizeBytes: 1 << 20, nofile: 200 } });
    const result = await sandbox.exec(
      'import resource, os\nprint(resource.getrlimit(resource.RLIMIT_FSIZE), resource.getrlimit(resource.RLIMIT_NOFILE))\n' +
        'try:\n    open(os.path.join(os.environ["HOME"], "big"), "wb").write(b"x" * (2 << 20))\nexcept OSError as error:\n    print("blocked", error.errno)',
    );
    expect(result.stdout.text).toBe('(1048576, 1048576) (200, 200)\nblocked 27\n');
  });
});
