import Docker from 'dockerode';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { PassThrough } from 'node:stream';
import { DockerError } from '../../src/errors.js';
import { HOST_LABEL, HOST_PID_LABEL, RUN_ID_LABEL } from '../../src/sandbox/docker/container-spec.js';
import { DockerLauncher } from '../../src/sandbox/docker/docker-launcher.js';
import { followPull } from '../../src/sandbox/docker/image.js';
import { reapSandboxContainers } from '../../src/sandbox/docker/reaper.js';
import { defaultSandboxOptions, SANDBOX_LABEL, type DockerHardening } from '../../src/sandbox/options.js';
import { TEST_DOCKER, TEST_IMAGE } from '../support/docker-image.js';
import { ProbeClient, PROBE_SERVER } from '../support/docker-probe.js';
import { containersOfRun, waitForNoContainers } from '../support/docker-wait.js';

const docker = new Docker();

function hardening(overrides: Partial<DockerHardening> = {}): DockerHardening {
  return { ...defaultSandboxOptions().docker, ...TEST_DOCKER, pull: false, ...overrides };
}

describe('DockerLauncher', () => {
  const launchers: DockerLauncher[] = [];
  function launcher(overrides: Partial<DockerHardening> = {}): DockerLauncher {
    const created = new DockerLauncher(hardening(overrides));
    launchers.push(created);
    return created;
  }
  afterAll(async () => {
    await Promise.all(launchers.map((l) => l.dispose()));
  });

  it('starts a container whose inspected HostConfig carries every hardening field', async () => {
    const l = launcher();
    const proc = await l.launch(PROBE_SERVER);
    const [id] = await containersOfRun(docker, l.runId);
    expect(id).toBeDefined();
    const info = await docker.getContainer(id ?? '').inspect();
    expect(info.HostConfig).toMatchObject({
      NetworkMode: 'none',
      ReadonlyRootfs: true,
      Tmpfs: { '/tmp': `rw,noexec,nosuid,nodev,size=${256 * 1024 * 1024}` },
      ShmSize: 64 * 1024 * 1024,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Memory: 1024 * 1024 * 1024,
      MemorySwap: 1024 * 1024 * 1024,
      NanoCpus: 1e9,
      PidsLimit: 128,
      Init: false,
      AutoRemove: true,
      Privileged: false,
      LogConfig: { Type: 'none' },
      Ulimits: [
        { Name: 'nofile', Soft: 1024, Hard: 1024 },
        { Name: 'fsize', Soft: 256 * 1024 * 1024, Hard: 256 * 1024 * 1024 },
      ],
    });
    expect(info.Config.User).toBe('65534:65534');
    expect(info.Config.Tty).toBe(false);
    expect(info.Config.Labels[SANDBOX_LABEL]).toBe('true');
    expect(info.Config.Labels[RUN_ID_LABEL]).toBe(l.runId);
    // What the orphan reaper matches on: this machine and this (live) process.
    expect(info.Config.Labels[HOST_LABEL]).toBe(hostname());
    expect(info.Config.Labels[HOST_PID_LABEL]).toBe(String(process.pid));
    expect(info.Mounts.some((mount) => mount.Source.includes('docker.sock'))).toBe(false);
    await proc.kill();
  });

  it('keeps state across requests and answers in order', async () => {
    const probe = new ProbeClient(await launcher().launch(PROBE_SERVER));
    await probe.value('x = 41');
    expect(await probe.value('x += 1; print(x)')).toBe('42');
  });

  it('kill() removes the container and reports the exit', async () => {
    const l = launcher();
    const proc = await l.launch(PROBE_SERVER);
    await proc.kill();
    const exit = await proc.exited;
    expect(exit.code).toBe(137);
    expect(exit.oomKilled).toBe(false);
    expect(await containersOfRun(docker, l.runId)).toEqual([]);
  });

  it('closing stdin is a dead-man switch: the REPL exits and the container removes itself', async () => {
    const l = launcher();
    const proc = await l.launch(PROBE_SERVER);
    proc.stdin.end();
    const exit = await proc.exited;
    expect(exit.code).toBe(0);
    expect(await waitForNoContainers(docker, l.runId)).toEqual([]);
  });

  it('reports a crash with its exit code and the stderr tail', async () => {
    const proc = await launcher().launch(
      'import sys, os\nsys.stderr.write("x" * 10000 + "last words")\nos._exit(7)',
    );
    const exit = await proc.exited;
    expect(exit.code).toBe(7);
    expect(exit.stderrTail.endsWith('last words')).toBe(true);
    expect(exit.stderrTail.length).toBeLessThanOrEqual(4096);
  });

  it('reports an out-of-memory kill as oomKilled', async () => {
    const proc = await launcher({ memoryBytes: 64 * 1024 * 1024 }).launch(
      'chunks = []\nwhile True:\n    chunks.append(bytearray(8 * 1024 * 1024))',
    );
    const exit = await proc.exited;
    expect(exit).toMatchObject({ code: 137, oomKilled: true });
  });

  it('fails with a DockerError and its fix when the image is missing and pulling is off', async () => {
    const l = launcher({ image: `rlm-missing-image-${randomUUID()}:none`, pull: false });
    const error: unknown = await l.launch(PROBE_SERVER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerError);
    expect((error as DockerError).message).toMatch(/not available/);
    expect((error as DockerError).fix).toMatch(/docker pull/);
  });

  it('fails with a DockerError when a pull of a missing image fails', async () => {
    const l = launcher({ image: `localhost:1/rlm-missing-${randomUUID().slice(0, 8)}:none`, pull: true });
    const error: unknown = await l.launch(PROBE_SERVER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerError);
    expect((error as DockerError).fix).toMatch(/registry|docker pull/);
  });

  it('detects an error reported inside the pull progress stream', async () => {
    const stream = new PassThrough();
    const progress: string[] = [];
    const pulled = followPull(docker, stream, 'some/image:1', (message) => progress.push(message));
    stream.write(JSON.stringify({ status: 'Pulling fs layer', id: 'abc' }) + '\n');
    stream.write(JSON.stringify({ status: 'Downloading', id: 'abc', progress: '[=>  ]' }) + '\n');
    stream.write(
      JSON.stringify({ errorDetail: { message: 'unexpected EOF' }, error: 'unexpected EOF' }) + '\n',
    );
    stream.end();
    await expect(pulled).rejects.toThrow(/unexpected EOF/);
    await expect(pulled).rejects.toBeInstanceOf(DockerError);
    expect(progress).toEqual(['some/image:1: abc Pulling fs layer', 'some/image:1: abc Downloading']);
  });

  it('accepts a pull stream that ends without an error', async () => {
    const stream = new PassThrough();
    const pulled = followPull(docker, stream, 'some/image:1');
    stream.end(JSON.stringify({ status: 'Status: Downloaded newer image for some/image:1' }) + '\n');
    await expect(pulled).resolves.toBeUndefined();
  });

  it('fails with a DockerError and its fix when Docker is not reachable', async () => {
    const unreachable = new Docker({ socketPath: `/tmp/no-docker-here-${randomUUID()}.sock` });
    const l = new DockerLauncher(hardening(), { docker: unreachable });
    const error: unknown = await l.launch(PROBE_SERVER).catch((e: unknown) => e);
    await l.dispose();
    expect(error).toBeInstanceOf(DockerError);
    expect((error as DockerError).message).toMatch(/not reachable/);
    expect((error as DockerError).fix).toMatch(/Start the Docker Engine/);
    expect((error as DockerError).exitCode).toBe(3);
  });

  it('fails with a DockerError when the container cannot start', async () => {
    const l = launcher({ workspaceDir: `/nonexistent-${randomUUID()}` });
    const error: unknown = await l.launch(PROBE_SERVER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerError);
    expect((error as DockerError).message).toMatch(/failed to start/);
    expect(await containersOfRun(docker, l.runId)).toEqual([]);
  });
});

describe('reapSandboxContainers', () => {
  it('removes labelled leftovers and only those it is asked for', async () => {
    const runId = randomUUID();
    const created = await docker.createContainer({
      Image: TEST_IMAGE,
      Cmd: ['sleep', '600'],
      Labels: { [SANDBOX_LABEL]: 'true', [RUN_ID_LABEL]: runId },
      HostConfig: { NetworkMode: 'none', LogConfig: { Type: 'none', Config: {} } },
    });
    await created.start();
    const young = await reapSandboxContainers(docker, {
      labels: { [RUN_ID_LABEL]: runId },
      olderThanMs: 3_600_000,
    });
    expect(young).toEqual([]);
    const removed = await reapSandboxContainers(docker, { labels: { [RUN_ID_LABEL]: runId } });
    expect(removed).toEqual([created.id]);
    expect(await containersOfRun(docker, runId)).toEqual([]);
  });
});
