/**
 * What code inside the container can and cannot do, probed from inside a live
 * container of the real image with the launcher's own hardening.
 */
import Docker from 'dockerode';
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DockerLauncher } from '../../src/sandbox/docker/docker-launcher.js';
import { defaultSandboxOptions, type DockerHardening } from '../../src/sandbox/options.js';
import { TEST_DOCKER, TEST_RUNTIME } from '../support/docker-image.js';
import { hostHasNoProcessOf, hostRunsSandboxProcess } from '../support/host-processes.js';
import { ProbeClient, PROBE_SERVER } from '../support/docker-probe.js';
import { containersOfRun, waitForNoContainers } from '../support/docker-wait.js';

const docker = new Docker();
const MiB = 1024 * 1024;
const launchers: DockerLauncher[] = [];

async function probe(overrides: Partial<DockerHardening> = {}): Promise<ProbeClient> {
  const launcher = new DockerLauncher({ ...defaultSandboxOptions().docker, ...TEST_DOCKER, ...overrides });
  launchers.push(launcher);
  return new ProbeClient(await launcher.launch(PROBE_SERVER));
}

afterAll(async () => {
  await Promise.all(launchers.map((launcher) => launcher.dispose()));
});

describe('Docker sandbox hardening', () => {
  let sandbox: ProbeClient;
  beforeAll(async () => {
    process.env.RLM_FAKE_SECRET = 'rlm-fake-secret-7f3a9c';
    sandbox = await probe({ env: { ALLOWED_VAR: 'visible' } });
  });
  afterAll(() => {
    delete process.env.RLM_FAKE_SECRET;
  });

  it('has no network: connect to 1.1.1.1:53 fails', async () => {
    const out = await sandbox.value(
      [
        'import socket',
        's = socket.socket(socket.AF_INET, socket.SOCK_STREAM)',
        's.settimeout(3)',
        'try:',
        '    s.connect(("1.1.1.1", 53)); print("connected")',
        'except OSError as e:',
        '    print("blocked", type(e).__name__)',
      ].join('\n'),
    );
    expect(out).toMatch(/^blocked/);
  });

  it('has no DNS: getaddrinfo fails', async () => {
    const out = await sandbox.value(
      [
        'import socket',
        'try:',
        '    socket.getaddrinfo("example.com", 443); print("resolved")',
        'except OSError as e:',
        '    print("blocked", type(e).__name__)',
      ].join('\n'),
    );
    expect(out).toBe('blocked gaierror');
  });

  it('only has the loopback interface', async () => {
    const out = await sandbox.value('import socket; print(sorted(n for _, n in socket.if_nameindex()))');
    expect(out).toBe("['lo']");
  });

  it.each(['/etc/rlm-probe', '/usr/rlm-probe', '/rlm-probe'])(
    'has a read-only root filesystem (%s)',
    async (file) => {
      const out = await sandbox.value(
        `import errno\ntry:\n    open(${JSON.stringify(file)}, "w")\n    print("written")\nexcept OSError as e:\n    print(errno.errorcode[e.errno])`,
      );
      expect(out).toMatch(/^(EROFS|EACCES)$/);
    },
  );

  it('is not root and has no capabilities and no way to gain privileges', async () => {
    expect(await sandbox.value('import os; print(os.getuid(), os.geteuid(), os.getgid())')).toBe(
      '65534 65534 65534',
    );
    const status = await sandbox.value('print(open("/proc/self/status").read())');
    expect(status).toMatch(/^CapEff:\s+0000000000000000$/m);
    expect(status).toMatch(/^CapPrm:\s+0000000000000000$/m);
    expect(status).toMatch(/^CapBnd:\s+0000000000000000$/m);
    // prctl(PR_GET_NO_NEW_PRIVS): gVisor's /proc/self/status has no NoNewPrivs line; the call works under both.
    expect(await sandbox.value('import ctypes; print(ctypes.CDLL(None).prctl(39, 0, 0, 0, 0))')).toBe('1');
  });

  it('sees only the allowlisted environment: no host secret, /proc/*/environ included', async () => {
    expect(await sandbox.value('import os; print(sorted(os.environ))')).toBe(
      "['ALLOWED_VAR', 'HOME', 'HOSTNAME', 'LANG', 'MPLBACKEND', 'MPLCONFIGDIR', 'PATH', 'PYTHONDONTWRITEBYTECODE']",
    );
    const out = await sandbox.value(
      [
        'import glob',
        'seen = []',
        'for path in glob.glob("/proc/[0-9]*/environ"):',
        '    try:',
        '        data = open(path, "rb").read()',
        '    except OSError:',
        '        continue',
        '    seen.append(path)',
        '    assert b"rlm-fake-secret-7f3a9c" not in data, path',
        '    assert b"RLM_FAKE_SECRET" not in data, path',
        'print(len(seen))',
      ].join('\n'),
    );
    expect(Number(out)).toBeGreaterThanOrEqual(1);
    expect(await sandbox.value('import os; print(os.environ["ALLOWED_VAR"])')).toBe('visible');
  });

  it('mounts no Docker socket', async () => {
    const out = await sandbox.value(
      'import os; print([p for p in ("/var/run/docker.sock", "/run/docker.sock") if os.path.exists(p)])',
    );
    expect(out).toBe('[]');
  });

  it('does not execute files from /tmp (noexec)', async () => {
    const out = await sandbox.value(
      [
        'import os, shutil, subprocess',
        'shutil.copy("/bin/true", "/tmp/mytrue")',
        'os.chmod("/tmp/mytrue", 0o755)',
        'with open("/tmp/script.sh", "w") as f: f.write("#!/bin/sh\\necho ran\\n")',
        'os.chmod("/tmp/script.sh", 0o755)',
        'for exe in ("/tmp/mytrue", "/tmp/script.sh"):',
        '    try:',
        '        subprocess.run([exe]); print("executed")',
        '    except PermissionError:',
        '        print("denied")',
      ].join('\n'),
    );
    expect(out).toBe('denied\ndenied');
  });
});

describe('Docker sandbox limits', () => {
  const fill = (file: string, mib: number): string =>
    [
      'import errno',
      'written = 0',
      'try:',
      `    with open(${JSON.stringify(file)}, "wb") as f:`,
      `        for _ in range(${mib}):`,
      '            f.write(b"x" * 1048576); f.flush(); written += 1',
      '    print("ok", written)',
      'except OSError as e:',
      '    print(errno.errorcode[e.errno], written)',
    ].join('\n');

  it('caps the /tmp tmpfs: ENOSPC at its size', async () => {
    const sandbox = await probe({ tmpfsBytes: 8 * MiB });
    const [code, written] = (await sandbox.value(fill('/tmp/big', 32))).split(' ');
    expect(code).toBe('ENOSPC');
    expect(Number(written)).toBeLessThanOrEqual(8);
  });

  it('caps /dev/shm: ENOSPC at its size', async () => {
    const sandbox = await probe({ shmBytes: 8 * MiB });
    const [code, written] = (await sandbox.value(fill('/dev/shm/big', 32))).split(' ');
    expect(code).toBe('ENOSPC');
    expect(Number(written)).toBeLessThanOrEqual(8);
  });

  it('caps file size: EFBIG past fsize, and the REPL survives it', async () => {
    const sandbox = await probe({ fsizeBytes: 2 * MiB, tmpfsBytes: 64 * MiB });
    const [code, written] = (await sandbox.value(fill('/tmp/big', 16))).split(' ');
    expect(code).toBe('EFBIG');
    expect(Number(written)).toBeLessThanOrEqual(2);
    expect(await sandbox.value('print("alive")')).toBe('alive');
  });

  it('caps open files at nofile', async () => {
    const sandbox = await probe({ nofile: 64 });
    const out = await sandbox.value(
      [
        'import errno, resource',
        'files = []',
        'try:',
        '    while True: files.append(open("/dev/null"))',
        'except OSError as e:',
        '    print(errno.errorcode[e.errno], resource.getrlimit(resource.RLIMIT_NOFILE)[0], len(files) < 64)',
      ].join('\n'),
    );
    expect(out).toBe('EMFILE 64 True');
  });

  it('contains a fork bomb at the pids limit; the host is unaffected and kill() still works', async () => {
    const launcher = new DockerLauncher({
      ...defaultSandboxOptions().docker,
      ...TEST_DOCKER,
      // gVisor's own sandbox process needs its threads to start: below the default it may not.
      pidsLimit: TEST_RUNTIME === 'runc' ? 32 : 128,
    });
    launchers.push(launcher);
    const proc = await launcher.launch(PROBE_SERVER);
    const sandbox = new ProbeClient(proc);
    const bomb = sandbox.value(
      [
        'import os, time',
        'if os.fork() == 0:',
        '    while True:',
        '        try:',
        '            os.fork()',
        '        except OSError:',
        '            time.sleep(0.01)',
        'time.sleep(2)',
        'try:',
        '    pid = os.fork()',
        '    if pid == 0: os._exit(0)',
        '    print("forked")',
        'except OSError as e:',
        '    print("pids exhausted", e.errno)',
      ].join('\n'),
    );
    const [id] = await containersOfRun(docker, launcher.runId);
    if (TEST_RUNTIME === 'runc') {
      // The pids cgroup counts the sandbox's processes: fork() fails with EAGAIN inside.
      expect(await bomb).toBe('pids exhausted 11');
      const stats = await docker.getContainer(id ?? '').stats({ stream: false });
      expect(stats.pids_stats?.current).toBeLessThanOrEqual(32);
    } else {
      // runsc: the cgroup counts the threads of gVisor's own sandbox process, not the model's
      // processes; the bomb exhausts them and the whole gVisor sandbox dies, never the host.
      await expect(bomb).rejects.toThrow(/probe exited/);
    }
    expect(execFileSync('echo', ['host ok']).toString().trim()).toBe('host ok');
    await proc.kill();
    expect(await containersOfRun(docker, launcher.runId)).toEqual([]);
  });

  it('background processes do not outlive the sandbox', async () => {
    const marker = String(800_000 + randomInt(100_000));
    const launcher = new DockerLauncher({ ...defaultSandboxOptions().docker, ...TEST_DOCKER });
    launchers.push(launcher);
    const proc = await launcher.launch(PROBE_SERVER);
    const sandbox = new ProbeClient(proc);
    const sleeping = await sandbox.value(
      [
        'import os, subprocess, time',
        `subprocess.Popen(["sleep", "${marker}"], start_new_session=True)`,
        `subprocess.Popen(["sh", "-c", "nohup sleep ${marker} &"])`,
        'time.sleep(0.5)',
        'cmdlines = [open(f"/proc/{p}/cmdline", "rb").read() for p in os.listdir("/proc") if p.isdigit()]',
        `print(sum(c == b"sleep\\0${marker}\\0" for c in cmdlines))`,
      ].join('\n'),
    );
    expect(sleeping).toBe('2');
    const [id] = await containersOfRun(docker, launcher.runId);
    expect(hostRunsSandboxProcess(id ?? '', `sleep ${marker}`)).toBe(true);
    proc.stdin.end();
    await proc.exited;
    expect(await waitForNoContainers(docker, launcher.runId)).toEqual([]);
    expect(await hostHasNoProcessOf(id ?? '', `sleep ${marker}`)).toBe(true);
  });

  it('keeps host memory bounded when stdout floods and nobody reads', async () => {
    const launcher = new DockerLauncher({ ...defaultSandboxOptions().docker, ...TEST_DOCKER });
    launchers.push(launcher);
    const proc = await launcher.launch(
      'import sys\nchunk = b"x" * 1048576\nfor _ in range(256):\n    sys.stdout.buffer.write(chunk)\nsys.stdout.buffer.flush()',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(proc.stdout.readableLength).toBeLessThan(4 * MiB);
    let received = 0;
    proc.stdout.on('data', (chunk: Buffer) => (received += chunk.length));
    await new Promise((resolve) => proc.stdout.once('end', resolve));
    if (TEST_RUNTIME === 'runc') {
      // The writer blocked on the full pipe until the host read: nothing lost, nothing buffered here.
      expect(received).toBe(256 * MiB);
    } else {
      // gVisor does not hand the host's back-pressure to the writer: its sandbox buffers the
      // output (in the container's memory) and drops what is unread when the process exits.
      // The host side stays bounded all the same, which is what this test is about.
      expect(received).toBeLessThanOrEqual(256 * MiB);
    }
    expect((await proc.exited).code).toBe(0);
  });
});

describe('workspace mount', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rlm-workspace-'));
    // An ordinary project directory: owned by a non-root user, whom a writable sandbox runs as.
    chownSync(dir, 1000, 1000);
    chmodSync(dir, 0o755);
    writeFileSync(path.join(dir, 'README.md'), 'hello from the host');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is read-only by default', async () => {
    const sandbox = await probe({ workspaceDir: dir });
    expect(await sandbox.value('import os; print(os.getcwd(), open("README.md").read())')).toBe(
      '/workspace hello from the host',
    );
    const out = await sandbox.value(
      'import errno\ntry:\n    open("/workspace/new.txt", "w")\nexcept OSError as e:\n    print(errno.errorcode[e.errno])',
    );
    // runc checks the read-only mount first (EROFS); gVisor checks the permission first, and
    // nobody may not write to uid 1000's 0755 directory (EACCES). Either way nothing is written.
    expect(out).toBe(TEST_RUNTIME === 'runc' ? 'EROFS' : 'EACCES');
  });

  it('is writable when asked for', async () => {
    const sandbox = await probe({ workspaceDir: dir, workspaceWritable: true });
    await sandbox.value('open("/workspace/new.txt", "w").write("from the sandbox")');
    expect(readFileSync(path.join(dir, 'new.txt'), 'utf8')).toBe('from the sandbox');
    expect(statSync(path.join(dir, 'new.txt'))).toMatchObject({ uid: 1000, gid: 1000 });
  });
});
