/**
 * The sandbox as the engine uses it: ReplSandbox over the DockerLauncher, on
 * the real engine and image. Container-level hardening is probed in
 * docker-hardening.test.ts; this file covers the bridge behaviours in Docker.
 */
import Docker from 'dockerode';
import { execFileSync } from 'node:child_process';
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DockerLauncher } from '../../src/sandbox/docker/docker-launcher.js';
import {
  defaultSandboxOptions,
  type DockerHardening,
  type SandboxOptions,
} from '../../src/sandbox/options.js';
import { ReplSandbox } from '../../src/sandbox/repl-sandbox.js';
import type { Sandbox } from '../../src/sandbox/types.js';
import { TEST_DOCKER, TEST_RUNTIME } from '../support/docker-image.js';
import { hostHasNoProcessOf, hostRunsSandboxProcess } from '../support/host-processes.js';
import { containersOfRun } from '../support/docker-wait.js';

const docker = new Docker();
const MiB = 1024 * 1024;

interface Opened {
  sandbox: Sandbox;
  runId: string;
}

const opened: Sandbox[] = [];
function openSandbox(docker: Partial<DockerHardening> = {}, overrides: Partial<SandboxOptions> = {}): Opened {
  const base = defaultSandboxOptions();
  const options: SandboxOptions = {
    ...base,
    execTimeoutMs: 20_000,
    ...overrides,
    docker: { ...base.docker, ...TEST_DOCKER, pull: false, ...docker },
  };
  const runId = randomUUID();
  const sandbox = new ReplSandbox(new DockerLauncher(options.docker, { runId }), options);
  opened.push(sandbox);
  return { sandbox, runId };
}

afterAll(async () => {
  await Promise.all(opened.map((sandbox) => sandbox.close()));
});

/** Finds the REPL's private channel fd (the first write-only fd from 64 on) from inside user code. */
const FIND_CHANNEL = [
  'import os, fcntl, struct',
  'def channel_fd():',
  '    for fd in range(64, 128):',
  '        try:',
  '            flags = fcntl.fcntl(fd, fcntl.F_GETFL)',
  '        except OSError:',
  '            continue',
  '        if flags & os.O_ACCMODE == os.O_WRONLY:',
  '            return fd',
  '    raise RuntimeError("no channel fd")',
].join('\n');

describe('Docker sandbox (ReplSandbox over DockerLauncher)', () => {
  let shared: Opened;
  beforeAll(async () => {
    process.env.RLM_FAKE_SECRET = 'rlm-fake-secret-b41d';
    shared = openSandbox();
    await shared.sandbox.start();
  });
  afterAll(() => {
    delete process.env.RLM_FAKE_SECRET;
  });

  it('keeps variables across executions', async () => {
    await shared.sandbox.exec('x = 41');
    const result = await shared.sandbox.exec('print(x + 1)');
    expect(result.status).toBe('ok');
    expect(result.stdout.text).toBe('42\n');
  });

  it('round-trips a host call', async () => {
    shared.sandbox.setHostCallHandler((call) => Promise.resolve({ name: call.name, args: call.args }));
    const result = await shared.sandbox.exec('print(__rlm_host__.call("echo", {"a": [1, "é"]}))');
    expect(result.stdout.text).toBe("{'name': 'echo', 'args': {'a': [1, 'é']}}\n");
  });

  it('answers 32 host calls from one call_many concurrently', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    shared.sandbox.setHostCallHandler(async (call) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 100));
      inFlight--;
      return (call.args as number) * 2;
    });
    const result = await shared.sandbox.exec(
      'print(__rlm_host__.call_many([("double", i) for i in range(32)]) == [i * 2 for i in range(32)])',
    );
    expect(result.stdout.text).toBe('True\n');
    expect(maxInFlight).toBe(32);
  });

  it('keeps host secrets out: not in os.environ, not in any /proc/*/environ', async () => {
    expect(process.env.RLM_FAKE_SECRET).toBe('rlm-fake-secret-b41d');
    const result = await shared.sandbox.exec(
      [
        'import os, glob',
        'hits, read = [], 0',
        'for path in glob.glob("/proc/[0-9]*/environ") + ["/proc/self/environ"]:',
        '    try:',
        '        data = open(path, "rb").read()',
        '    except OSError:',
        '        continue',
        '    read += 1',
        '    if b"rlm-fake-secret-b41d" in data or b"RLM_FAKE_SECRET" in data: hits.append(path)',
        'print("RLM_FAKE_SECRET" in os.environ, read > 0, hits)',
      ].join('\n'),
    );
    expect(result.stdout.text).toBe('False True []\n');
  });

  it('runs as a non-root user without capabilities', async () => {
    const result = await shared.sandbox.exec(
      'import os, re\nstatus = open("/proc/self/status").read()\nprint(os.getuid() != 0, re.search(r"CapEff:\\s+(\\w+)", status).group(1))',
    );
    expect(result.stdout.text).toBe('True 0000000000000000\n');
  });

  it('blocks the network from executed code', async () => {
    const result = await shared.sandbox.exec(
      'import socket\ntry:\n    socket.create_connection(("1.1.1.1", 53), timeout=3)\nexcept OSError as e:\n    print("blocked")',
    );
    expect(result.stdout.text).toBe('blocked\n');
  });

  it.each([
    ['stdout', 'import sys\nfor _ in range(200):\n    sys.stdout.write("o" * 1048575 + "\\n")'],
    ['stderr', 'import sys\nfor _ in range(200):\n    sys.stderr.write("e" * 1048575 + "\\n")'],
    ['one giant line', 'import sys\n_ = sys.stdout.write("g" * (200 * 1048576))'],
  ])('caps an output flood (%s) and keeps host memory bounded', async (name, code) => {
    const before = process.memoryUsage().rss;
    const result = await shared.sandbox.exec(code);
    const grown = process.memoryUsage().rss - before;
    expect(result.status).toBe('ok');
    const stream = name === 'stderr' ? result.stderr : result.stdout;
    expect(stream.totalBytes).toBe(200 * MiB);
    expect(stream.truncatedBytes).toBeGreaterThan(199 * MiB);
    expect(Buffer.byteLength(stream.text)).toBeLessThan(2 * 64 * 1024);
    // 200 MiB went through the container; the host kept a bounded slice of it.
    expect(grown).toBeLessThan(64 * MiB);
  });

  it.each([
    ['garbage bytes', 'os.write(fd, b"\\x00garbage" * 100)'],
    ['a frame that is not JSON', 'os.write(fd, b"RLMF" + struct.pack(">II", 9, 0) + b"not json!")'],
    ['a frame that is not UTF-8', 'os.write(fd, b"RLMF" + struct.pack(">II", 2, 0) + b"\\xff\\xfe")'],
    ['an oversized frame header', 'os.write(fd, b"RLMF" + struct.pack(">II", 2**31, 0))'],
  ])('reports %s written to the channel as a protocol error, then recovers', async (_name, write) => {
    const result = await shared.sandbox.exec(
      `${FIND_CHANNEL}\nfd = channel_fd()\n${write}\nimport time; time.sleep(5)`,
    );
    expect(result.status).toBe('protocol_error');
    expect(result.stateLost).toBe(true);
    const after = await shared.sandbox.exec('print("alive")');
    expect(after.stdout.text).toBe('alive\n');
  });

  it('reports a forged exec_done for a request that is not outstanding as a protocol error, never as the result', async () => {
    const result = await shared.sandbox.exec(
      [
        FIND_CHANNEL,
        'import json',
        'body = json.dumps({"t": "exec_done", "id": 999999, "status": "ok",',
        '    "stdout": {"text": "forged", "totalBytes": 6, "truncatedBytes": 0},',
        '    "stderr": {"text": "", "totalBytes": 0, "truncatedBytes": 0}}).encode()',
        'os.write(channel_fd(), b"RLMF" + struct.pack(">II", len(body), 0) + body)',
        'print("real")',
      ].join('\n'),
    );
    expect(result.stdout.text).not.toContain('forged');
    expect(result.status).toBe('protocol_error');
    expect(result.error).toMatch(/request 999999, which is not outstanding/);
    expect((await shared.sandbox.exec('print("alive")')).stdout.text).toBe('alive\n');
  });
});

describe('Docker sandbox contexts', () => {
  it('exposes a context of more than 100 MB intact as a variable, and re-injects it after a restart', async () => {
    const { sandbox } = openSandbox();
    const size = 100 * MiB + 7;
    const text = 'abcdefghij'.repeat(Math.ceil(size / 10)).slice(0, size - 4) + 'TAIL';
    await sandbox.createNamespace('root', { kind: 'text', text });
    const check =
      'import hashlib\nprint(len(context), context[:10], context[-4:], hashlib.sha256(context.encode()).hexdigest())';
    const expected = `${size} abcdefghij TAIL ${createHash('sha256').update(text).digest('hex')}\n`;
    expect((await sandbox.exec(check)).stdout.text).toBe(expected);
    expect((await sandbox.exec('import os\nos._exit(1)')).stateLost).toBe(true);
    expect((await sandbox.exec(check)).stdout.text).toBe(expected);
  });
});

describe('Docker sandbox with a writable workspace', () => {
  it('writes no bytecode (__pycache__) into the workspace when code imports from it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rlm-pyc-'));
    chownSync(dir, 1000, 1000);
    try {
      const { sandbox } = openSandbox({ workspaceDir: dir, workspaceWritable: true });
      const result = await sandbox.exec(
        'open("/workspace/helper_mod.py", "w").write("VALUE = 7\\n")\n' +
          'import importlib, sys\nimportlib.invalidate_caches()\nimport helper_mod\n' +
          'print(helper_mod.VALUE, sys.flags.dont_write_bytecode)',
      );
      expect(result.stdout.text).toBe('7 1\n');
      expect(existsSync(path.join(dir, 'helper_mod.py'))).toBe(true);
      expect(existsSync(path.join(dir, '__pycache__'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Docker sandbox failures and recovery', () => {
  it('kills a run-away execution on timeout and starts a fresh REPL', async () => {
    const { sandbox, runId } = openSandbox();
    await sandbox.exec('kept = 1');
    const [before] = await containersOfRun(docker, runId);
    const result = await sandbox.exec('import time\nwhile True: time.sleep(0.1)', { timeoutMs: 1_500 });
    expect(result.status).toBe('timeout');
    expect(result.stateLost).toBe(true);
    const after = await sandbox.exec('print("kept" in globals())');
    expect(after.status).toBe('ok');
    expect(after.stdout.text).toBe('False\n');
    const containers = await containersOfRun(docker, runId);
    expect(containers).toHaveLength(1);
    expect(containers).not.toContain(before);
  });

  it('reports a memory bomb as oom and recovers', async () => {
    const { sandbox } = openSandbox({ memoryBytes: 128 * MiB });
    const result = await sandbox.exec('chunks = []\nwhile True:\n    chunks.append(bytearray(16 * 1048576))');
    if (TEST_RUNTIME === 'runc') expect(result.status).toBe('oom');
    // gVisor: Docker's `oom` event for the container may come too late or not at all, so the
    // kill (exit 137) can read as a crash; either way the state is lost and the sandbox recovers.
    else expect(['oom', 'crashed']).toContain(result.status);
    expect(result.stateLost).toBe(true);
    expect((await sandbox.exec('print(1)')).stdout.text).toBe('1\n');
  });

  it('contains a fork bomb at the pids limit; the host is unaffected and the sandbox recovers', async () => {
    // gVisor's own sandbox process needs its threads to start: below the default it may not.
    const { sandbox, runId } = openSandbox({ pidsLimit: TEST_RUNTIME === 'runc' ? 48 : 128 });
    const result = await sandbox.exec(
      'import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass',
      {
        timeoutMs: 4_000,
      },
    );
    // runc: fork() fails inside and the loop runs into the timeout. runsc: the pids cgroup counts
    // the threads of gVisor's own sandbox process; the bomb exhausts them and the sandbox dies.
    expect(result.status).toBe(TEST_RUNTIME === 'runc' ? 'timeout' : 'crashed');
    expect(execFileSync('echo', ['host ok']).toString()).toBe('host ok\n');
    expect((await sandbox.exec('print(1)')).stdout.text).toBe('1\n');
    expect(await containersOfRun(docker, runId)).toHaveLength(1);
  });

  it('reports a REPL that dies as crashed and recovers', async () => {
    const { sandbox } = openSandbox();
    const result = await sandbox.exec('import os\nos._exit(3)');
    expect(result.status).toBe('crashed');
    expect(result.stateLost).toBe(true);
    expect((await sandbox.exec('print(2)')).stdout.text).toBe('2\n');
  });

  it('leaves no container and no background process after close()', async () => {
    const marker = String(700_000 + randomInt(100_000));
    const { sandbox, runId } = openSandbox();
    await sandbox.exec(
      `import subprocess\nsubprocess.Popen(["sleep", "${marker}"], start_new_session=True)\nsubprocess.Popen(["sh", "-c", "sleep ${marker} &"])`,
    );
    const containers = await containersOfRun(docker, runId);
    expect(containers).toHaveLength(1);
    const id = containers[0] ?? '';
    expect(hostRunsSandboxProcess(id, `sleep ${marker}`)).toBe(true);
    await sandbox.close();
    expect(await containersOfRun(docker, runId)).toEqual([]);
    expect(await hostHasNoProcessOf(id, `sleep ${marker}`)).toBe(true);
    await sandbox.close();
  });

  it('fails start() with a DockerError naming the fix when the image is missing', async () => {
    const { sandbox } = openSandbox({ image: `rlm-missing-${randomUUID()}:none`, pull: false });
    await expect(sandbox.start()).rejects.toMatchObject({
      exitCode: 3,
      fix: expect.stringMatching(/docker pull/),
    });
  });
});
