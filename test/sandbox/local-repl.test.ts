import { describe, expect, it } from '@jest/globals';
import { localSandbox } from './local-fixture.js';

describe('local REPL: persistence, namespaces, answer, variables', () => {
  it('keeps variables across executions', async () => {
    const sandbox = localSandbox();
    const first = await sandbox.exec('counter = 41\nprint("set")');
    const second = await sandbox.exec('counter += 1\nprint(counter)');
    expect(first.status).toBe('ok');
    expect(first.stdout.text).toBe('set\n');
    expect(second).toMatchObject({ status: 'ok', stateLost: false });
    expect(second.stdout.text).toBe('42\n');
  });

  it('prints a trailing expression like a notebook cell', async () => {
    const sandbox = localSandbox();
    const result = await sandbox.exec('values = [1, 2, 3]\nsum(values) * 2');
    expect(result.stdout.text).toBe('12\n');
  });

  it('keeps namespaces isolated from each other', async () => {
    const sandbox = localSandbox();
    await sandbox.createNamespace('child-1', { kind: 'text', text: 'child context' });
    await sandbox.exec('secret_of_root = "root only"');
    const child = await sandbox.exec('print(context)\nprint("secret_of_root" in globals())', {
      namespace: 'child-1',
    });
    expect(child.stdout.text).toBe('child context\nFalse\n');
    await sandbox.dropNamespace('child-1');
    expect(await sandbox.getVariable('context', 'child-1')).toBeUndefined();
    expect(await sandbox.getVariable('secret_of_root')).toBe('root only');
  });

  it('predefines the answer dict and reports it once code sets it', async () => {
    const sandbox = localSandbox();
    const untouched = await sandbox.exec('print(answer)');
    expect(untouched.stdout.text).toBe("{'content': '', 'ready': False}\n");
    expect(untouched.answer).toBeUndefined();
    const partial = await sandbox.exec('answer["content"] = "draft"');
    expect(partial.answer).toEqual({ content: 'draft', ready: false });
    const ready = await sandbox.exec('answer["content"] = 42\nanswer["ready"] = True');
    expect(ready.answer).toEqual({ content: '42', ready: true });
  });

  it('returns str() of a variable, capped, and undefined when it does not exist', async () => {
    const sandbox = localSandbox({ maxOutputBytes: 1000 });
    await sandbox.exec('small = {"a": 1}\nhuge = "h" * 50_000');
    expect(await sandbox.getVariable('small')).toBe("{'a': 1}");
    expect(await sandbox.getVariable('missing')).toBeUndefined();
    const huge = await sandbox.getVariable('huge');
    expect(huge).toContain('bytes truncated');
    expect(Buffer.byteLength(huge ?? '')).toBeLessThan(1100);
  });

  it('reports a raised exception as an error with the traceback and keeps state', async () => {
    const sandbox = localSandbox();
    await sandbox.exec('kept = "still here"');
    const failed = await sandbox.exec('def broken():\n    return 1 / 0\nprint("before")\nbroken()');
    expect(failed.status).toBe('error');
    expect(failed.stdout.text).toBe('before\n');
    expect(failed.error).toContain('ZeroDivisionError');
    expect(failed.error).toContain('<cell-');
    expect(failed.error).not.toContain('repl_server');
    expect(failed.stateLost).toBe(false);
    const syntax = await sandbox.exec('def (:');
    expect(syntax.status).toBe('error');
    expect(syntax.error).toContain('SyntaxError');
    expect((await sandbox.exec('print(kept)')).stdout.text).toBe('still here\n');
  });

  it('treats SystemExit as an error, not as the end of the REPL', async () => {
    const sandbox = localSandbox();
    await sandbox.exec('x = 1');
    const result = await sandbox.exec('import sys\nsys.exit(3)');
    expect(result.status).toBe('error');
    expect(result.error).toContain('SystemExit');
    expect((await sandbox.exec('print(x)')).stdout.text).toBe('1\n');
  });

  it('runs the prelude in every namespace, including ones created later', async () => {
    const sandbox = localSandbox();
    sandbox.setPrelude('def shout(text):\n    return text.upper() + "!"');
    await sandbox.createNamespace('root', { kind: 'text', text: 'quiet' });
    await sandbox.createNamespace('child');
    expect((await sandbox.exec('print(shout(context))')).stdout.text).toBe('QUIET!\n');
    expect((await sandbox.exec('print(shout("child"), context)', { namespace: 'child' })).stdout.text).toBe(
      'CHILD! None\n',
    );
  });

  it('rejects createNamespace when the prelude fails', async () => {
    const sandbox = localSandbox();
    sandbox.setPrelude('raise RuntimeError("bad prelude")');
    await expect(sandbox.createNamespace('root')).rejects.toThrow(/bad prelude/);
  });

  it('captures output of subprocesses and C-level writes to fd 1 and 2', async () => {
    const sandbox = localSandbox();
    const result = await sandbox.exec(
      'import os, subprocess, sys\nprint("py")\nos.write(1, b"raw-out\\n")\n' +
        'subprocess.run(["sh", "-c", "echo from-shell; echo shell-err >&2"])\nos.write(2, b"raw-err\\n")\n' +
        'print("warn", file=sys.stderr)',
    );
    expect(result.status).toBe('ok');
    expect(result.stdout.text).toBe('py\nraw-out\nfrom-shell\n');
    expect(result.stderr.text).toBe('shell-err\nraw-err\nwarn\n');
  });

  it('keeps a forked child that runs on to the end of the cell off the channel', async () => {
    const sandbox = localSandbox();
    sandbox.setHostCallHandler(async () => 'host answer');
    const result = await sandbox.exec(
      'import os\npid = os.fork()\nif pid == 0:\n    try:\n        __rlm_host__.call("x", None)\n' +
        '    except HostCallError as error:\n        print("child:", error)\nelse:\n    os.waitpid(pid, 0)\n' +
        '    print("parent:", __rlm_host__.call("x", None))',
    );
    expect(result).toMatchObject({ status: 'ok', stateLost: false });
    expect(result.stdout.text).toBe(
      'child: host calls are not available in a forked child process\nparent: host answer\n',
    );
    expect((await sandbox.exec('print(pid != 0)')).stdout.text).toBe('True\n');
  });

  it('ends a running execution when the sandbox closes', async () => {
    const sandbox = localSandbox();
    let started: () => void = () => undefined;
    const codeIsRunning = new Promise<void>((resolve) => (started = resolve));
    sandbox.setHostCallHandler(async () => started());
    const running = sandbox.exec('import time\n__rlm_host__.call("started", None)\ntime.sleep(60)');
    await codeIsRunning;
    await sandbox.close();
    const result = await running;
    expect(result.status).toBe('crashed');
    expect(result.error).toMatch(/closed/);
  });

  it('is idempotent to start and close, and safe to close twice', async () => {
    const sandbox = localSandbox();
    await sandbox.start();
    await sandbox.start();
    expect((await sandbox.exec('print("up")')).stdout.text).toBe('up\n');
    await sandbox.close();
    await sandbox.close();
    await expect(sandbox.exec('print(1)')).rejects.toThrow(/closed/);
  });

  it('closes cleanly after a failed start', async () => {
    const sandbox = localSandbox({ pythonPath: '/nonexistent/python3' });
    await expect(sandbox.start()).rejects.toThrow(/Could not start/);
    await sandbox.close();
    await sandbox.close();
  });
});
