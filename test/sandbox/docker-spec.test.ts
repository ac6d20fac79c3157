import { ConfigError } from '../../src/errors.js';
import {
  buildContainerSpec,
  HOST_LABEL,
  HOST_PID_LABEL,
  replCommand,
  RUN_ID_LABEL,
} from '../../src/sandbox/docker/container-spec.js';
import { defaultSandboxOptions, SANDBOX_LABEL, type DockerHardening } from '../../src/sandbox/options.js';
import { SUPERVISOR_SOURCE } from '../../src/sandbox/supervisor-source.js';

const identity = { runId: 'run-1', hostPid: 4242, hostname: 'build-box-7' };

function hardening(overrides: Partial<DockerHardening> = {}): DockerHardening {
  return { ...defaultSandboxOptions().docker, ...overrides };
}

describe('buildContainerSpec', () => {
  const spec = buildContainerSpec(hardening(), ['python3', '-u', '-c', 'pass'], identity);
  const host = spec.HostConfig ?? {};

  it('isolates the network, the filesystem and the privileges', () => {
    expect(host.NetworkMode).toBe('none');
    expect(spec.NetworkDisabled).toBe(true);
    expect(host.ReadonlyRootfs).toBe(true);
    expect(host.Tmpfs).toEqual({
      '/tmp': `rw,noexec,nosuid,nodev,size=${256 * 1024 * 1024}`,
      '/output': `rw,noexec,nosuid,nodev,size=${64 * 1024 * 1024},nr_inodes=257,mode=1777`,
    });
    expect(host.ShmSize).toBe(64 * 1024 * 1024);
    expect(host.IpcMode).toBe('private');
    expect(spec.User).toBe('65534:65534');
    expect(host.CapDrop).toEqual(['ALL']);
    expect(host.CapAdd).toBeUndefined();
    expect(host.Privileged).toBe(false);
    expect(host.SecurityOpt).toEqual(['no-new-privileges']);
    expect(host.Binds).toBeUndefined();
    expect(host.Mounts).toEqual([]);
  });

  it('limits memory without swap, CPU, pids, open files and file size', () => {
    expect(host.Memory).toBe(1024 * 1024 * 1024);
    expect(host.MemorySwap).toBe(host.Memory);
    expect(host.NanoCpus).toBe(1e9);
    expect(host.PidsLimit).toBe(128);
    expect(host.Ulimits).toEqual([
      { Name: 'nofile', Soft: 1024, Hard: 1024 },
      { Name: 'fsize', Soft: 256 * 1024 * 1024, Hard: 256 * 1024 * 1024 },
    ]);
  });

  it('runs the supervisor as pid 1 (no docker init), without logs, auto-removed and labelled for cleanup', () => {
    expect(host.Init).toBe(false);
    expect(host.LogConfig?.Type).toBe('none');
    expect(host.AutoRemove).toBe(true);
    expect(spec.Labels).toMatchObject({
      [SANDBOX_LABEL]: 'true',
      [HOST_PID_LABEL]: '4242',
      [HOST_LABEL]: 'build-box-7',
      [RUN_ID_LABEL]: 'run-1',
    });
  });

  it('attaches stdio without a TTY and closes stdin with the attach (dead-man switch)', () => {
    expect(spec).toMatchObject({
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      OpenStdin: true,
      StdinOnce: true,
      Tty: false,
      WorkingDir: '/tmp',
      Entrypoint: [],
      Cmd: ['python3', '-u', '-c', 'pass'],
    });
  });

  it('passes only the allowlisted environment, never the host one', () => {
    process.env.RLM_FAKE_SECRET = 'spec-secret-value';
    const withEnv = buildContainerSpec(hardening({ env: { FOO: 'bar' } }), ['true'], identity);
    expect(withEnv.Env).toEqual([
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'LANG=C.UTF-8',
      'HOME=/tmp',
      'PYTHONDONTWRITEBYTECODE=1',
      'MPLBACKEND=Agg',
      'MPLCONFIGDIR=/tmp/matplotlib',
      'FOO=bar',
    ]);
    expect(JSON.stringify(withEnv)).not.toContain('spec-secret-value');
    delete process.env.RLM_FAKE_SECRET;
  });

  it('starts the container with the configured runtime: runc by default, runsc for gVisor', () => {
    expect(host.Runtime).toBe('runc');
    const gvisor = buildContainerSpec(hardening({ runtime: 'runsc' }), ['true'], identity);
    expect(gvisor.HostConfig?.Runtime).toBe('runsc');
  });

  it("mounts the launcher's context staging directory read-only, and nothing when there is none", () => {
    const staged = buildContainerSpec(hardening(), ['true'], identity, {
      contextStagingDir: '/tmp/rlm-context-abc',
    });
    expect(staged.HostConfig?.Mounts).toEqual([
      { Type: 'bind', Source: '/tmp/rlm-context-abc', Target: '/run/rlm-context', ReadOnly: true },
    ]);
    expect(host.Mounts).toEqual([]);
  });

  it('mounts the workspace read-only unless writes are asked for', () => {
    const readOnly = buildContainerSpec(hardening({ workspaceDir: '/srv/repo' }), ['true'], identity);
    expect(readOnly.HostConfig?.Mounts).toEqual([
      { Type: 'bind', Source: '/srv/repo', Target: '/workspace', ReadOnly: true },
    ]);
    expect(readOnly.WorkingDir).toBe('/workspace');
    const writable = buildContainerSpec(
      hardening({ workspaceDir: '/srv/repo', workspaceWritable: true, user: '1000:1000' }),
      ['true'],
      identity,
    );
    expect(writable.HostConfig?.Mounts?.[0]?.ReadOnly).toBe(false);
  });

  it('covers hidden paths inside the workspace (the log dir) with an empty read-only tmpfs', () => {
    const masked = buildContainerSpec(
      hardening({
        workspaceDir: '/srv/repo',
        workspaceWritable: true,
        user: '1000:1000',
        hiddenPaths: ['/srv/repo/logs', '/srv/repo/a/b/logs', '/var/log/rlm', '/srv/repo-other'],
      }),
      ['true'],
      identity,
    );
    const mask = 'ro,noexec,nosuid,nodev,size=4k,mode=0555';
    expect(masked.HostConfig?.Tmpfs).toEqual({
      '/tmp': `rw,noexec,nosuid,nodev,size=${256 * 1024 * 1024}`,
      '/output': `rw,noexec,nosuid,nodev,size=${64 * 1024 * 1024},nr_inodes=257,mode=1777`,
      '/workspace/logs': mask,
      '/workspace/a/b/logs': mask,
    });
  });

  it('refuses a log dir that is the workspace itself: it could not be hidden', () => {
    expect(() =>
      buildContainerSpec(
        hardening({ workspaceDir: '/srv/repo', hiddenPaths: ['/srv/repo/'] }),
        ['true'],
        identity,
      ),
    ).toThrow(/log directory \/srv\/repo is the workspace itself/);
  });

  it('carries the configured limits through', () => {
    const custom = buildContainerSpec(
      hardening({
        memoryBytes: 2 ** 27,
        cpus: 0.5,
        pidsLimit: 32,
        tmpfsBytes: 2 ** 20,
        networkMode: 'bridge',
      }),
      ['true'],
      identity,
    );
    expect(custom.HostConfig).toMatchObject({
      Memory: 2 ** 27,
      MemorySwap: 2 ** 27,
      NanoCpus: 5e8,
      PidsLimit: 32,
    });
    expect(custom.HostConfig?.Tmpfs?.['/tmp']).toContain('size=1048576');
    expect(custom.HostConfig?.NetworkMode).toBe('bridge');
    expect(custom.NetworkDisabled).toBe(false);
  });

  it.each(['0:0', 'root', '0', ''])('refuses to run as root (user %p)', (user) => {
    expect(() => buildContainerSpec(hardening({ user }), ['true'], identity)).toThrow(ConfigError);
  });

  it.each(['memoryBytes', 'pidsLimit', 'fsizeBytes', 'tmpfsBytes'] as const)(
    'refuses a non-positive %s',
    (key) => {
      expect(() => buildContainerSpec(hardening({ [key]: 0 }), ['true'], identity)).toThrow(ConfigError);
    },
  );

  it.each(['/', '/var', '/var/run', '/run'])(
    'refuses a workspace that exposes the Docker socket (%s)',
    (dir) => {
      expect(() => buildContainerSpec(hardening({ workspaceDir: dir }), ['true'], identity)).toThrow(
        /Docker socket/,
      );
    },
  );
});

describe('replCommand', () => {
  it('runs the supervisor with its lifetime cap in seconds, then the server unbuffered, without bytecode', () => {
    expect(replCommand('print(1)', 90_500)).toEqual([
      'python3',
      '-I',
      '-S',
      '-c',
      SUPERVISOR_SOURCE,
      '91',
      'python3',
      '-u',
      '-B',
      '-c',
      'print(1)',
    ]);
  });

  it('refuses a source too long for one argv string', () => {
    expect(() => replCommand('#'.repeat(200 * 1024), 60_000)).toThrow(ConfigError);
  });
});
