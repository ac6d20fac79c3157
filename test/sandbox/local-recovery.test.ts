import { describe, expect, it } from '@jest/globals';
import type { ExecResult } from '../../src/sandbox/types.js';
import { localSandbox } from './local-fixture.js';

describe('local REPL: timeout, death and recovery', () => {
  it('kills a runaway execution, restarts the REPL and re-injects contexts', async () => {
    const sandbox = localSandbox();
    sandbox.setPrelude('PRELUDE_MARK = "prelude ran"');
    await sandbox.createNamespace('root', { kind: 'text', text: 'the root context' });
    await sandbox.createNamespace('child', { kind: 'json', value: { depth: 1 } });
    await sandbox.exec('scratch = "will be lost"\npid_before = __import__("os").getpid()');
    const pidBefore = await sandbox.getVariable('pid_before');

    const result = await sandbox.exec('while True:\n    pass', { timeoutMs: 500 });
    expect(result.status).toBe('timeout');
    expect(result.stateLost).toBe(true);
    expect(result.error).toMatch(/timed out after 500 ms/);
    expect(result.error).toMatch(/State was lost/);

    const after = await sandbox.exec(
      'import os\nprint(context, PRELUDE_MARK, "scratch" in globals(), os.getpid() != int(' +
        JSON.stringify(pidBefore) +
        '))',
    );
    expect(after).toMatchObject({ status: 'ok', stateLost: false });
    expect(after.stdout.text).toBe('the root context prelude ran False True\n');
    const child = await sandbox.exec('print(context["depth"], PRELUDE_MARK)', { namespace: 'child' });
    expect(child.stdout.text).toBe('1 prelude ran\n');
  });

  it('starts the clock of a queued execution only when the REPL starts running it', async () => {
    const sandbox = localSandbox();
    await sandbox.exec('kept = 1');
    // Both are sent at once; the REPL runs them one after the other. The second
    // one's own code takes no time: it must not time out while waiting its turn.
    const [first, second] = await Promise.all([
      sandbox.exec('import time\ntime.sleep(3)\nprint("first")', { timeoutMs: 30_000 }),
      sandbox.exec('print("second", kept)', { timeoutMs: 1_000 }),
    ]);
    expect(first).toMatchObject({ status: 'ok', stateLost: false });
    expect(first.stdout.text).toBe('first\n');
    expect(second).toMatchObject({ status: 'ok', stateLost: false });
    expect(second.stdout.text).toBe('second 1\n');
  });

  it("bounds getVariable by the timeout when the value's __str__ never returns", async () => {
    const sandbox = localSandbox({ execTimeoutMs: 1_000 });
    await sandbox.exec('class Forever:\n    def __str__(self):\n        while True: pass\nvalue = Forever()');
    expect(await sandbox.getVariable('value')).toBeUndefined();
    const next = await sandbox.exec('print("value" in globals())');
    expect(next).toMatchObject({ status: 'ok', stateLost: true });
    expect(next.stdout.text).toBe('False\n');
  });

  it('bounds dropNamespace by the timeout when a __del__ never returns, then recovers', async () => {
    const sandbox = localSandbox({ execTimeoutMs: 1_000 });
    await sandbox.createNamespace('child');
    await sandbox.exec('class Stuck:\n    def __del__(self):\n        while True: pass\nstuck = Stuck()', {
      namespace: 'child',
    });
    await sandbox.dropNamespace('child');
    const next = await sandbox.exec('print("fresh")');
    expect(next).toMatchObject({ status: 'ok', stateLost: true });
    expect(next.stdout.text).toBe('fresh\n');
  });

  it('does not count the time a nested execution runs above it against a waiting execution', async () => {
    const sandbox = localSandbox();
    await sandbox.createNamespace('c1');
    await sandbox.createNamespace('c2');
    let c2Running: () => void = () => undefined;
    const c2IsRunning = new Promise<void>((resolve) => (c2Running = resolve));
    const children: Array<Promise<ExecResult>> = [];
    sandbox.setHostCallHandler(async (call) => {
      if (call.name === 'spawn') {
        // Two children at once (rlm_query_batched): c1 runs first, c2 runs nested above
        // it while c1 waits on its host call, and c1 can only continue once c2 is done.
        children.push(
          sandbox.exec('__rlm_host__.call("ping", None)\nprint("c1 done")', {
            namespace: 'c1',
            timeoutMs: 1_000,
          }),
          sandbox.exec(
            '__rlm_host__.call("c2_running", None)\nimport time\ntime.sleep(3)\nprint("c2 done")',
            {
              namespace: 'c2',
              timeoutMs: 30_000,
            },
          ),
        );
        return Promise.all(children).then((results) => results.map((result) => result.status));
      }
      if (call.name === 'c2_running') c2Running();
      // c1's call is answered while c2 sleeps above it: c1 is blocked, not running.
      if (call.name === 'ping') await c2IsRunning;
      return null;
    });
    const parent = await sandbox.exec('print(__rlm_host__.call("spawn", None))');
    const [c1, c2] = await Promise.all(children);
    expect(c2).toMatchObject({ status: 'ok', stateLost: false });
    expect(c2?.stdout.text).toBe('c2 done\n');
    expect(c1).toMatchObject({ status: 'ok', stateLost: false });
    expect(c1?.stdout.text).toBe('c1 done\n');
    expect(parent.stdout.text).toBe("['ok', 'ok']\n");
  });

  it('uses the sandbox-wide timeout when the execution sets none', async () => {
    const sandbox = localSandbox({ execTimeoutMs: 400 });
    const result = await sandbox.exec('import time\ntime.sleep(30)');
    expect(result.status).toBe('timeout');
    expect(result.error).toMatch(/400 ms/);
    expect((await sandbox.exec('print("back")')).stdout.text).toBe('back\n');
  });

  it('reports os._exit as a crash and recovers', async () => {
    const sandbox = localSandbox();
    await sandbox.exec('x = 1');
    const result = await sandbox.exec('import os\nos._exit(7)');
    expect(result).toMatchObject({ status: 'crashed', stateLost: true });
    expect(result.error).toMatch(/exit code 7/);
    const next = await sandbox.exec('print("x" in globals())');
    expect(next.stdout.text).toBe('False\n');
  });

  it('reports a segfault as a crash and recovers', async () => {
    const sandbox = localSandbox();
    const result = await sandbox.exec('import ctypes\nctypes.string_at(0)');
    expect(result).toMatchObject({ status: 'crashed', stateLost: true });
    expect(result.error).toMatch(/exit code 139/);
    expect((await sandbox.exec('print(2 + 2)')).stdout.text).toBe('4\n');
  });

  it('reports the lost stash context of a child after a restart', async () => {
    const sandbox = localSandbox();
    const stashed = await sandbox.exec('token = __rlm_stash__({"big": list(range(5))})\nprint(token)');
    const token = stashed.stdout.text.trim();
    await sandbox.createNamespace('child', { kind: 'stash', token });
    expect((await sandbox.exec('print(context["big"][-1])', { namespace: 'child' })).stdout.text).toBe('4\n');

    const crash = await sandbox.exec('import os\nos._exit(1)');
    expect(crash.error).toMatch(/stashed contexts of namespace\(s\) "child" are gone/);
    expect((await sandbox.exec('print(context)', { namespace: 'child' })).stdout.text).toBe('None\n');
  });

  it('reports a REPL that died between executions on the next one', async () => {
    const sandbox = localSandbox();
    await sandbox.exec('import os, threading, time\nkept = 1');
    // Dies after the execution has returned: nothing is running when it happens.
    await sandbox.exec('threading.Thread(target=lambda: (time.sleep(0.2), os._exit(9))).start()');
    let next = await sandbox.exec('print("kept" in globals())');
    // The crash may land before or during this execution; either way state loss is reported once.
    while (next.status === 'ok' && !next.stateLost) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      next = await sandbox.exec('print("kept" in globals())');
    }
    expect(next.stateLost).toBe(true);
    const after = await sandbox.exec('print("kept" in globals())');
    expect(after).toMatchObject({ status: 'ok', stateLost: false });
    expect(after.stdout.text).toBe('False\n');
  });

  it('ends a nested child execution and its waiting parent when the child times out', async () => {
    const sandbox = localSandbox();
    let childRun: Promise<ExecResult> | undefined;
    sandbox.setHostCallHandler(async () => {
      childRun = sandbox.exec('while True: pass', { namespace: 'child', timeoutMs: 300 });
      return (await childRun).status;
    });
    await sandbox.createNamespace('child');
    const parent = await sandbox.exec('__rlm_host__.call("rlm_query", None)');
    expect((await childRun)?.status).toBe('timeout');
    expect(parent.status).toBe('crashed');
    expect(parent.stateLost).toBe(true);
    expect(parent.error).toMatch(/namespace "child" exceeded its 300 ms timeout/);
    expect((await sandbox.exec('print("fresh")')).stdout.text).toBe('fresh\n');
  });
});
