/**
 * Attacks on the bridge from model code, run in the real Docker sandbox: code that
 * reaches the REPL server's internals (`__rlm_host__._server`) to forge frames,
 * stop reading its channel, or fake waiting on the host. The host must stay
 * bounded and keep its deadlines whatever the REPL says.
 */
import { randomUUID } from 'node:crypto';
import { DockerLauncher } from '../../src/sandbox/docker/docker-launcher.js';
import { defaultSandboxOptions, type SandboxOptions } from '../../src/sandbox/options.js';
import { ReplSandbox } from '../../src/sandbox/repl-sandbox.js';
import { TEST_IMAGE } from '../support/docker-image.js';

const MiB = 1024 * 1024;

const opened: ReplSandbox[] = [];
function openSandbox(overrides: Partial<SandboxOptions> = {}): ReplSandbox {
  const base = defaultSandboxOptions();
  const options: SandboxOptions = {
    ...base,
    ...overrides,
    docker: { ...base.docker, image: TEST_IMAGE, pull: false },
  };
  const sandbox = new ReplSandbox(new DockerLauncher(options.docker, { runId: randomUUID() }), options);
  opened.push(sandbox);
  return sandbox;
}

afterAll(async () => {
  await Promise.all(opened.map((sandbox) => sandbox.close()));
});

/** Model code's handle on the server, its own execution id, and a way to forge frames. */
const FORGE = [
  'import json, struct, time',
  'server = __rlm_host__._server',
  'me = server.exec_stack[-1]["id"]',
  'def forge(message):',
  '    body = json.dumps(message).encode()',
  '    server.channel.send_raw(b"RLMF" + struct.pack(">II", len(body), 0) + body)',
  'def spin(seconds):',
  '    end = time.time() + seconds',
  '    while time.time() < end:',
  '        pass',
].join('\n');

describe('Docker sandbox: unbounded host memory (forged host calls, channel not read)', () => {
  it('treats a REPL that stops reading as dead: host buffers stay bounded, the execution fails, the host lives on', async () => {
    const options = defaultSandboxOptions();
    const sandbox = openSandbox();
    // A handler that echoes untrusted input back, as a tool returning its arguments would.
    sandbox.setHostCallHandler((call) => Promise.resolve(call.args));
    await sandbox.exec('print("warm")');
    const rssBefore = process.memoryUsage().rss;
    const result = await sandbox.exec(
      [
        FORGE,
        // The reader thread takes this on its next frame and never reads again.
        'server.channel.read_frame = lambda blobs: time.sleep(10**6)',
        'payload = "x" * 1_000_000',
        'for i in range(1200):',
        '    forge({"t": "call", "id": 10**6 + i, "exec": me, "wait": False, "name": "echo", "args": payload})',
        'time.sleep(60)',
        'print("survived")',
      ].join('\n'),
      { timeoutMs: 120_000 },
    );
    const grownBytes = process.memoryUsage().rss - rssBefore;

    expect(result.status).toBe('protocol_error');
    expect(result.error).toMatch(/stopped reading its channel/);
    expect(result.stdout.text).not.toContain('survived');
    const usage = sandbox.channelUsage();
    // The session failed when its unread bytes passed the bound (2 frames), one reply frame at most later.
    expect(usage.peakUnreadBytes).toBeGreaterThan(2 * options.maxFrameBytes);
    expect(usage.peakUnreadBytes).toBeLessThanOrEqual(3 * options.maxFrameBytes);
    // 1,200 echoed megabytes would be 1.2 GB; a loose bound on the whole process.
    expect(grownBytes).toBeLessThan(400 * MiB);
    const after = await sandbox.exec('print("alive")');
    expect(after).toMatchObject({ status: 'ok', stateLost: false });
    expect(after.stdout.text).toBe('alive\n');
  });

  it('never echoes an oversized untrusted host function name back', async () => {
    const sandbox = openSandbox();
    sandbox.setHostCallHandler((call) => Promise.reject(new Error(`unknown host function ${call.name}`)));
    const result = await sandbox.exec(
      [
        'try:',
        '    __rlm_host__.call("n" * 1_000_000, None)',
        'except HostCallError as error:',
        '    print(str(error))',
      ].join('\n'),
    );
    expect(result.status).toBe('ok');
    expect(result.stdout.text).toBe(
      'host function name of 1000000 characters is longer than the 256 allowed\n',
    );
  });
});

describe('Docker sandbox: execution timeout evasion (the host keeps the deadlines)', () => {
  it('kills a 25 s block that forges a waiting rlm_query call, whose child request waits queued', async () => {
    const sandbox = openSandbox({ execTimeoutMs: 5_000 });
    // As the engine answers rlm_query: a child namespace and an execution in it, in the same REPL.
    sandbox.setHostCallHandler(async (call) => {
      if (call.name !== 'rlm_query') return null;
      await sandbox.createNamespace('child');
      return (await sandbox.exec('print("child")', { namespace: 'child' })).status;
    });
    const result = await sandbox.exec(
      [
        FORGE,
        'forge({"t": "call", "id": 10**6, "exec": me, "wait": True, "name": "rlm_query", "args": None})',
        'spin(25)',
        'print("survived")',
      ].join('\n'),
    );
    expect(result.status).toBe('timeout');
    expect(result.error).toMatch(/timed out after 5000 ms/);
    expect(result.stdout.text).not.toContain('survived');
  });

  it('kills the block when it also forges the start of the child request', async () => {
    const sandbox = openSandbox({ execTimeoutMs: 5_000 });
    sandbox.setHostCallHandler(async (call) => {
      if (call.name !== 'rlm_query') return null;
      await sandbox.createNamespace('child');
      return (await sandbox.exec('print("child")', { namespace: 'child' })).status;
    });
    const result = await sandbox.exec(
      [
        FORGE,
        'forge({"t": "call", "id": 10**6, "exec": me, "wait": True, "name": "rlm_query", "args": None})',
        // The host numbers its requests in order: the child's namespace request comes next.
        'time.sleep(1)',
        'forge({"t": "started", "id": me + 1})',
        'spin(25)',
        'print("survived")',
      ].join('\n'),
    );
    expect(result.status).toBe('crashed');
    expect(result.error).toMatch(/creating the namespace in namespace "child" exceeded its 5000 ms timeout/);
    expect(result.stdout.text).not.toContain('survived');
  });

  it('kills a block that forges a wait on a slow host call at its wall-clock cap', async () => {
    const sandbox = openSandbox({ execTimeoutMs: 5_000, execWallCapMs: 10_000 });
    // A slow model: the host really serves the call for a minute, so the clock may pause, up to the cap.
    sandbox.setHostCallHandler(
      (_call, signal) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => resolve('late'), 60_000);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve(null);
          });
        }),
    );
    const result = await sandbox.exec(
      [
        FORGE,
        'forge({"t": "call", "id": 10**6, "exec": me, "wait": True, "name": "llm_query", "args": None})',
        'spin(25)',
        'print("survived")',
      ].join('\n'),
    );
    expect(result.status).toBe('timeout');
    expect(result.error).toMatch(/wall-clock cap of 10000 ms/);
    expect(result.stdout.text).not.toContain('survived');
  });
});
