import { describe, expect, it } from '@jest/globals';
import { FIND_PRIVATE_FD, hostMemoryMb, localSandbox } from './local-fixture.js';

const FRAME_LOOKALIKE = 'b"RLMF" + (10).to_bytes(4, "big") + (0).to_bytes(4, "big") + b"{\\"t\\":1}  "';

describe('local REPL: untrusted frames', () => {
  it.each([1, 2])('treats frame-like and garbage bytes written to fd %i as plain output', async (fd) => {
    const sandbox = localSandbox();
    const result = await sandbox.exec(
      `import os\nos.write(${fd}, ${FRAME_LOOKALIKE})\nos.write(${fd}, b"\\xff\\xfe garbage \\x00")\n` +
        `written = os.write(${fd}, (2**32 - 1).to_bytes(4, "big") * 4)`,
    );
    expect(result.status).toBe('ok');
    expect(result.stateLost).toBe(false);
    const stream = fd === 1 ? result.stdout : result.stderr;
    expect(stream.totalBytes).toBe(21 + 12 + 16);
    expect(stream.text.startsWith('RLMF')).toBe(true);
    expect((await sandbox.exec('print("still fine")')).stdout.text).toBe('still fine\n');
  });

  const forgeries: Array<[string, string, RegExp]> = [
    ['garbage', 'os.write(channel_fd, b"\\x00garbage that is no frame")', /garbage on the channel/],
    [
      'an oversized frame',
      'os.write(channel_fd, b"RLMF" + (1 << 30).to_bytes(4, "big") + bytes(4))',
      /exceeds the limit/,
    ],
    [
      'a frame bigger than maxFrameBytes with a real body',
      'os.write(channel_fd, frame(b"{\\"t\\":\\"ready\\",\\"pad\\":\\"" + b"p" * 70000 + b"\\"}"))',
      /exceeds the limit/,
    ],
    ['invalid UTF-8', 'os.write(channel_fd, frame(b"{\\"t\\":\\"\\xff\\xfe\\"}"))', /not valid UTF-8/],
    ['invalid JSON', 'os.write(channel_fd, frame(b"{not json"))', /not valid JSON/],
    [
      'a reply with a forged id',
      'os.write(channel_fd, frame(b\'{"t":"exec_done","id":987654,"status":"ok",' +
        '"stdout":{"text":"","totalBytes":0,"truncatedBytes":0},' +
        '"stderr":{"text":"","totalBytes":0,"truncatedBytes":0}}\'))',
      /request 987654, which is not outstanding/,
    ],
    [
      'a second ready frame',
      'os.write(channel_fd, frame(b\'{"t":"ready","pid":1,"python":"3"}\'))',
      /second ready/,
    ],
    [
      'an unknown frame type',
      'os.write(channel_fd, frame(b\'{"t":"shell","cmd":"id"}\'))',
      /unknown frame type/,
    ],
    [
      'a binary payload',
      'os.write(channel_fd, b"RLMF" + (2).to_bytes(4, "big") + (5).to_bytes(4, "big") + b"{}")',
      /binary payload/,
    ],
    [
      'byte counts that do not add up',
      'import json\nserver = [o for o in gc.get_objects() if type(o).__name__ == "Server"][0]\n' +
        'os.write(channel_fd, frame(json.dumps({"t":"exec_done","id":server.exec_stack[-1]["id"],"status":"ok",' +
        '"stdout":{"text":"","totalBytes":1,"truncatedBytes":5},' +
        '"stderr":{"text":"","totalBytes":0,"truncatedBytes":0}}).encode()))',
      /invalid byte counts/,
    ],
  ];

  it.each(forgeries)(
    'turns %s on the private channel into protocol_error, then recovers',
    async (_name, code, reason) => {
      const sandbox = localSandbox({ maxFrameBytes: 64 * 1024 });
      await sandbox.createNamespace('root', { kind: 'text', text: 'ctx survives' });
      await sandbox.exec('doomed = 1');
      const result = await sandbox.exec(`${FIND_PRIVATE_FD}${code}\nimport time\ntime.sleep(0.5)`);
      expect(result.status).toBe('protocol_error');
      expect(result.stateLost).toBe(true);
      expect(result.error).toMatch(reason);
      const next = await sandbox.exec('print(context, "doomed" in globals())');
      expect(next).toMatchObject({ status: 'ok', stateLost: false });
      expect(next.stdout.text).toBe('ctx survives False\n');
    },
  );

  it('turns a duplicate host call id on the private channel into protocol_error', async () => {
    const sandbox = localSandbox();
    sandbox.setHostCallHandler(() => new Promise(() => undefined));
    const call = 'frame(b\'{"t":"call","id":777,"exec":null,"wait":false,"name":"x","args":null}\')';
    const result = await sandbox.exec(
      `${FIND_PRIVATE_FD}os.write(channel_fd, ${call} + ${call})\nimport time\ntime.sleep(2)`,
    );
    expect(result.status).toBe('protocol_error');
    expect(result.error).toMatch(/host call id 777 is already in flight/);
    expect((await sandbox.exec('print(1)')).status).toBe('ok');
  });

  it('does not let a forged flood of frames grow host memory', async () => {
    const sandbox = localSandbox();
    await sandbox.start();
    const before = hostMemoryMb();
    const result = await sandbox.exec(
      `${FIND_PRIVATE_FD}junk = b"\\x00" * (1 << 20)\nfor _ in range(200):\n    os.write(channel_fd, junk)`,
    );
    expect(result.status).toBe('protocol_error');
    expect(hostMemoryMb() - before).toBeLessThan(64);
    expect((await sandbox.exec('print("ok")')).stdout.text).toBe('ok\n');
  });
});
