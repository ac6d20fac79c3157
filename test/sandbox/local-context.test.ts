import { describe, expect, it } from '@jest/globals';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { localSandbox } from './local-fixture.js';

describe('local REPL: context injection', () => {
  it('injects text as a str', async () => {
    const sandbox = localSandbox();
    await sandbox.createNamespace('root', { kind: 'text', text: 'héllo\nwörld ✓' });
    const result = await sandbox.exec('print(type(context).__name__, len(context), context.splitlines()[1])');
    expect(result.stdout.text).toBe('str 13 wörld ✓\n');
  });

  it('injects JSON as Python data', async () => {
    const sandbox = localSandbox();
    await sandbox.createNamespace('root', {
      kind: 'json',
      value: { items: [1, 2.5, null, true], name: 'x' },
    });
    const result = await sandbox.exec('print(context["items"], context["name"])');
    expect(result.stdout.text).toBe('[1, 2.5, None, True] x\n');
  });

  it('injects files and directories as {relative path: text}', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'rlm-ctx-'));
    try {
      await mkdir(path.join(root, 'src', 'deep'), { recursive: true });
      await mkdir(path.join(root, '.git'));
      await writeFile(path.join(root, 'README.md'), '# readme\n');
      await writeFile(path.join(root, 'src', 'a.py'), 'print("a")\n');
      await writeFile(path.join(root, 'src', 'deep', 'b.txt'), 'ünïcode\n');
      await writeFile(path.join(root, 'src', 'blob.bin'), Buffer.from([0x41, 0xff, 0x42]));
      await writeFile(path.join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
      await symlink('/etc/passwd', path.join(root, 'src', 'link'));
      const sandbox = localSandbox();
      await sandbox.createNamespace('root', { kind: 'files', paths: ['README.md', 'src'], root });
      const result = await sandbox.exec(
        'import json\nprint(json.dumps(context, sort_keys=True, ensure_ascii=False))',
      );
      expect(JSON.parse(result.stdout.text)).toEqual({
        'README.md': '# readme\n',
        'src/a.py': 'print("a")\n',
        'src/blob.bin': 'A\ufffdB',
        'src/deep/b.txt': 'ünïcode\n',
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('re-injects the files read at creation after a restart, not paths the sandbox replaced', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'rlm-ctx-'));
    try {
      const workspace = path.join(base, 'workspace');
      await mkdir(path.join(workspace, 'src'), { recursive: true });
      await writeFile(path.join(workspace, 'src', 'a.txt'), 'original\n');
      await mkdir(path.join(base, 'private'));
      await writeFile(path.join(base, 'private', 'a.txt'), 'HOST SECRET\n');
      const sandbox = localSandbox();
      await sandbox.createNamespace('root', { kind: 'files', paths: ['src'], root: workspace });
      // Code with a writable workspace swaps the directory for a symlink, then dies.
      const crash = await sandbox.exec(
        `import os, shutil\nshutil.rmtree(${JSON.stringify(path.join(workspace, 'src'))})\n` +
          `os.symlink(${JSON.stringify(path.join(base, 'private'))}, ${JSON.stringify(path.join(workspace, 'src'))})\n` +
          'os._exit(1)',
      );
      expect(crash.status).toBe('crashed');
      const after = await sandbox.exec('print(context)');
      expect(after.stdout.text).toBe("{'src/a.txt': 'original\\n'}\n");
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });

  it('fails clearly for a context path that does not exist', async () => {
    const sandbox = localSandbox();
    await expect(
      sandbox.createNamespace('root', { kind: 'files', paths: ['/nonexistent/rlm/context'] }),
    ).rejects.toThrow(/cannot be read/);
  });

  it('injects a stashed object into a child namespace without crossing the bridge', async () => {
    const sandbox = localSandbox();
    const made = await sandbox.exec('big = {"rows": list(range(100_000))}\nprint(__rlm_stash__(big))');
    await sandbox.createNamespace('child', { kind: 'stash', token: made.stdout.text.trim() });
    const child = await sandbox.exec('print(len(context["rows"]), context["rows"][-1])', {
      namespace: 'child',
    });
    expect(child.stdout.text).toBe('100000 99999\n');
    await expect(sandbox.createNamespace('other', { kind: 'stash', token: 'stash-unknown' })).rejects.toThrow(
      /unknown stash token/,
    );
  });

  it('loads a 64 MB text context intact', async () => {
    const sandbox = localSandbox();
    const line = 'log line with some text ✓ 0123456789\n';
    const count = Math.ceil((64 * 1024 * 1024) / Buffer.byteLength(line));
    const text = line.repeat(count);
    await sandbox.createNamespace('root', { kind: 'text', text });
    const result = await sandbox.exec(
      'import hashlib\nprint(len(context), context.count("\\n"), hashlib.sha256(context.encode()).hexdigest())',
    );
    const { createHash } = await import('node:crypto');
    expect(result.stdout.text).toBe(
      `${text.length} ${count} ${createHash('sha256').update(text).digest('hex')}\n`,
    );
  });

  it('re-creates a namespace with a new context when created again', async () => {
    const sandbox = localSandbox();
    await sandbox.createNamespace('root', { kind: 'text', text: 'first' });
    await sandbox.exec('leftover = 1');
    await sandbox.createNamespace('root', { kind: 'text', text: 'second' });
    expect((await sandbox.exec('print(context, "leftover" in globals())')).stdout.text).toBe(
      'second False\n',
    );
  });
});
