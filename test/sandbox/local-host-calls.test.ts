import { describe, expect, it } from '@jest/globals';
import type { HostCall } from '../../src/sandbox/types.js';
import { localSandbox } from './local-fixture.js';

describe('local REPL: host calls', () => {
  it('round-trips a call with JSON arguments and result, tagged with the namespace', async () => {
    const sandbox = localSandbox();
    const seen: HostCall[] = [];
    sandbox.setHostCallHandler(async (call) => {
      seen.push(call);
      return { echoed: call.args, by: call.name };
    });
    await sandbox.createNamespace('child-7');
    const result = await sandbox.exec(
      'r = __rlm_host__.call("echo", {"n": [1, 2.5, None, "é"]})\nprint(r["echoed"], r["by"])',
      { namespace: 'child-7' },
    );
    expect(result.status).toBe('ok');
    expect(result.stdout.text).toBe("{'n': [1, 2.5, None, 'é']} echo\n");
    expect(seen).toEqual([{ name: 'echo', args: { n: [1, 2.5, null, 'é'] }, namespace: 'child-7' }]);
  });

  it('answers 32 calls from one call_many concurrently, results in input order', async () => {
    const sandbox = localSandbox();
    let arrived = 0;
    let releaseAll: () => void = () => undefined;
    const allArrived = new Promise<void>((resolve) => (releaseAll = resolve));
    // No call is answered until all 32 are in flight: a sequential bridge would never finish.
    sandbox.setHostCallHandler(async (call) => {
      arrived += 1;
      if (arrived === 32) releaseAll();
      await allArrived;
      return (call.args as { i: number }).i * 10;
    });
    const result = await sandbox.exec(
      'results = __rlm_host__.call_many([("work", {"i": i}) for i in range(32)])\nprint(results)',
    );
    expect(result.status).toBe('ok');
    expect(result.stdout.text).toBe(
      `${JSON.stringify(Array.from({ length: 32 }, (_, i) => i * 10)).replaceAll(',', ', ')}\n`,
    );
    expect(arrived).toBe(32);
  });

  it('raises HostCallError when the handler rejects, and keeps the other batch items', async () => {
    const sandbox = localSandbox();
    sandbox.setHostCallHandler(async (call) => {
      if (call.name === 'bad') throw new Error(`refused ${String(call.args)}`);
      return 'fine';
    });
    const single = await sandbox.exec(
      'try:\n    __rlm_host__.call("bad", 1)\nexcept HostCallError as error:\n    print("caught", error)',
    );
    expect(single.stdout.text).toBe('caught refused 1\n');
    const batch = await sandbox.exec(
      'out = __rlm_host__.call_many([("ok", 0), ("bad", 2), ("ok", 3)])\n' +
        'print([type(x).__name__ for x in out], str(out[1]))',
    );
    expect(batch.stdout.text).toBe("['str', 'HostCallError', 'str'] refused 2\n");
    const uncaught = await sandbox.exec('__rlm_host__.call("bad", 9)');
    expect(uncaught.status).toBe('error');
    expect(uncaught.error).toContain('HostCallError: refused 9');
  });

  it('answers calls made from a Python thread', async () => {
    const sandbox = localSandbox();
    sandbox.setHostCallHandler(async (call) => `thread got ${String(call.args)}`);
    const result = await sandbox.exec(
      'import threading\nbox = []\nt = threading.Thread(target=lambda: box.append(__rlm_host__.call("t", 5)))\n' +
        't.start(); t.join()\nprint(box[0])',
    );
    expect(result.stdout.text).toBe('thread got 5\n');
  });

  it('turns arguments JSON cannot carry into a Python error, leaving the channel intact', async () => {
    const sandbox = localSandbox();
    sandbox.setHostCallHandler(async () => 'unreachable');
    const result = await sandbox.exec('__rlm_host__.call("x", {"nan": float("nan")})');
    expect(result.status).toBe('error');
    expect(result.error).toContain('ValueError');
    const notJson = await sandbox.exec('__rlm_host__.call("x", object())');
    expect(notJson.error).toContain('TypeError');
    expect((await sandbox.exec('print("alive")')).stdout.text).toBe('alive\n');
  });

  it('refuses a batch whose arguments exceed the in-flight budget with a Python error, channel intact', async () => {
    const sandbox = localSandbox({ maxFrameBytes: 64 * 1024 });
    let calls = 0;
    sandbox.setHostCallHandler(async () => ++calls);
    // 8 × maxFrameBytes may be in flight at once: 12 calls of ~60 KB are too much together.
    const result = await sandbox.exec('__rlm_host__.call_many([("x", "a" * 60_000) for _ in range(12)])');
    expect(result.status).toBe('error');
    expect(result.error).toMatch(
      /ValueError: host calls: 12 calls carry \d+ bytes, more than the 524288 allowed/,
    );
    expect(calls).toBe(0);
    const fits = await sandbox.exec('print(__rlm_host__.call_many([("x", "a" * 60_000) for _ in range(4)]))');
    expect(fits.stdout.text).toBe('[1, 2, 3, 4]\n');
  });

  it('turns a handler result JSON cannot carry into HostCallError', async () => {
    const sandbox = localSandbox();
    sandbox.setHostCallHandler(async () => BigInt(1));
    const result = await sandbox.exec('__rlm_host__.call("big", None)');
    expect(result.status).toBe('error');
    expect(result.error).toContain('not JSON');
  });

  it('lets a nested execution run while the outer one waits on a host call (child RLMs)', async () => {
    const sandbox = localSandbox();
    sandbox.setHostCallHandler(async (call) => {
      if (call.name !== 'rlm_query') return null;
      await sandbox.createNamespace('child', { kind: 'text', text: String(call.args) });
      const child = await sandbox.exec('answer["content"] = context.upper()\nanswer["ready"] = True', {
        namespace: 'child',
      });
      return child.answer?.content ?? null;
    });
    const result = await sandbox.exec('print(__rlm_host__.call("rlm_query", "hello child"))');
    expect(result.status).toBe('ok');
    expect(result.stdout.text).toBe('HELLO CHILD\n');
  });

  it('does not count time spent waiting on the host against the execution timeout', async () => {
    const sandbox = localSandbox({ execTimeoutMs: 300 });
    let releaseCall: () => void = () => undefined;
    sandbox.setHostCallHandler(
      () =>
        new Promise((resolve) => {
          releaseCall = () => resolve('late');
        }),
    );
    const running = sandbox.exec('print(__rlm_host__.call("slow", None))');
    // Answer only after several timeout periods have passed, observed through a second sandbox clock.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    releaseCall();
    const result = await running;
    expect(result.status).toBe('ok');
    expect(result.stdout.text).toBe('late\n');
  });

  it('aborts the signal of pending host calls when the execution times out', async () => {
    const sandbox = localSandbox({ execTimeoutMs: 400 });
    let signalSeen: AbortSignal | undefined;
    sandbox.setHostCallHandler((_call, signal) => {
      signalSeen = signal;
      return new Promise(() => undefined);
    });
    // The call is made from a background thread while the main thread spins: the spin times out.
    const result = await sandbox.exec(
      'import threading\nthreading.Thread(target=lambda: __rlm_host__.call("hang", None), daemon=True).start()\n' +
        'import time\nwhile True: time.sleep(0.01)',
    );
    expect(result.status).toBe('timeout');
    expect(signalSeen?.aborted).toBe(true);
  });
});
