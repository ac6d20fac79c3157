import { describe, expect, it } from '@jest/globals';
import { hostMemoryMb, localSandbox } from './local-fixture.js';

const MB = 1024 * 1024;

describe('local REPL: output caps', () => {
  it('keeps head and tail of a stdout flood of lines and reports the cut', async () => {
    const sandbox = localSandbox({ maxOutputBytes: 4096 });
    const totalBytes = Array.from({ length: 600_000 }, (_, i) => `line ${i}\n`.length).reduce(
      (a, b) => a + b,
    );
    const result = await sandbox.exec('for i in range(600_000):\n    print(f"line {i}")');
    expect(result.status).toBe('ok');
    expect(result.stdout.totalBytes).toBe(totalBytes);
    expect(result.stdout.truncatedBytes).toBe(totalBytes - 4096);
    expect(result.stdout.text.startsWith('line 0\nline 1\n')).toBe(true);
    expect(result.stdout.text.endsWith('line 599999\n')).toBe(true);
    expect(result.stdout.text).toContain(`[... ${totalBytes - 4096} bytes truncated ...]`);
  });

  it('keeps host memory bounded while 512 MB of output flood both streams', async () => {
    const sandbox = localSandbox({ maxOutputBytes: 4096 });
    await sandbox.start();
    const before = hostMemoryMb();
    const result = await sandbox.exec(
      'import os\nchunk = b"z" * (1 << 20)\nfor _ in range(256):\n    os.write(1, chunk)\n    os.write(2, chunk)',
    );
    expect(result.status).toBe('ok');
    expect(result.stdout.totalBytes).toBe(256 * MB);
    expect(result.stderr.totalBytes).toBe(256 * MB);
    expect(hostMemoryMb() - before).toBeLessThan(64);
  });

  it('caps a stderr flood the same way', async () => {
    const sandbox = localSandbox({ maxOutputBytes: 2000 });
    const result = await sandbox.exec(
      'import sys\nfor i in range(200_000):\n    sys.stderr.write("e" * 99 + "\\n")',
    );
    expect(result.stderr.totalBytes).toBe(20_000_000);
    expect(result.stderr.truncatedBytes).toBe(20_000_000 - 2000);
    expect(result.stdout.totalBytes).toBe(0);
  });

  it('caps one giant line without a newline, from Python and from a C-level write', async () => {
    const sandbox = localSandbox({ maxOutputBytes: 1000 });
    const result = await sandbox.exec(
      'import os, sys\nsys.stdout.write("A" + "x" * 100_000_000 + "Z")\nsys.stdout.flush()\n' +
        'chunk = b"y" * (1 << 20)\nfor _ in range(64):\n    os.write(2, chunk)',
    );
    expect(result.status).toBe('ok');
    expect(result.stdout.totalBytes).toBe(100_000_002);
    expect(result.stdout.truncatedBytes).toBe(100_000_002 - 1000);
    expect(result.stdout.text.startsWith('Ax')).toBe(true);
    expect(result.stdout.text.endsWith('xZ')).toBe(true);
    expect(result.stderr.totalBytes).toBe(64 * MB);
    expect(result.stderr.truncatedBytes).toBe(64 * MB - 1000);
  });

  it('does not cut output that fits and decodes UTF-8 across pipe reads', async () => {
    const sandbox = localSandbox({ maxOutputBytes: 1 << 20 });
    const result = await sandbox.exec('print("é" * 200_000)');
    expect(result.stdout.truncatedBytes).toBe(0);
    expect(result.stdout.text).toBe(`${'é'.repeat(200_000)}\n`);
  });

  it('attributes output to the execution that wrote it, not to the next one', async () => {
    const sandbox = localSandbox();
    const first = await sandbox.exec(
      'import subprocess\ndone = subprocess.run(["sh", "-c", "printf first"])',
    );
    const second = await sandbox.exec('print("second")');
    expect(first.stdout.text).toBe('first');
    expect(second.stdout.text).toBe('second\n');
  });
});

describe('local REPL: results stay within the frame bound', () => {
  it('shortens an answer too large for one frame instead of breaking the channel', async () => {
    const sandbox = localSandbox({ maxFrameBytes: 64 * 1024 });
    const result = await sandbox.exec('answer["content"] = "a" * 1_000_000\nanswer["ready"] = True');
    expect(result.status).toBe('ok');
    expect(result.answer?.ready).toBe(true);
    expect(result.answer?.content.length).toBeGreaterThan(1000);
    expect(result.answer?.content.length).toBeLessThan(64 * 1024);
  });

  it('keeps worst-case output (control bytes escape to six) within a small frame bound', async () => {
    const sandbox = localSandbox({ maxFrameBytes: 64 * 1024, maxOutputBytes: 64 * 1024 });
    const result = await sandbox.exec(
      'import os\nfor fd in (1, 2):\n    written = os.write(fd, bytes([fd]) * 500_000)',
    );
    expect(result.status).toBe('ok');
    expect(result.stdout.totalBytes).toBe(500_000);
    expect(result.stdout.truncatedBytes).toBeGreaterThan(0);
  });
});
