import { chownSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../src/errors.js';
import { buildContainerSpec } from '../../src/sandbox/docker/container-spec.js';
import { NOBODY, resolveSandboxUser } from '../../src/sandbox/docker/sandbox-user.js';
import { defaultSandboxOptions, type DockerHardening } from '../../src/sandbox/options.js';

function hardening(overrides: Partial<DockerHardening> = {}): DockerHardening {
  return { ...defaultSandboxOptions().docker, ...overrides };
}

function ownedDir(uid: number, gid: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rlm-owner-'));
  chownSync(dir, uid, gid);
  return dir;
}

describe('resolveSandboxUser', () => {
  it('is nobody without a workspace or with a read-only one', async () => {
    expect(await resolveSandboxUser(hardening())).toBe(NOBODY);
    expect(await resolveSandboxUser(hardening({ workspaceDir: ownedDir(1001, 1002) }))).toBe(NOBODY);
  });

  it('is the owner of a writable workspace', async () => {
    const workspaceDir = ownedDir(1001, 1002);
    expect(await resolveSandboxUser(hardening({ workspaceDir, workspaceWritable: true }))).toBe('1001:1002');
  });

  it('refuses a root-owned writable workspace', async () => {
    const workspaceDir = ownedDir(0, 0);
    await expect(
      resolveSandboxUser(hardening({ workspaceDir, workspaceWritable: true })),
    ).rejects.toBeInstanceOf(ConfigError);
  });

  it('keeps an explicit user', async () => {
    const workspaceDir = ownedDir(1001, 1002);
    expect(
      await resolveSandboxUser(hardening({ workspaceDir, workspaceWritable: true, user: '4000:4000' })),
    ).toBe('4000:4000');
  });

  it('the container spec never sees an unresolved user for a writable workspace', () => {
    expect(buildContainerSpec(hardening(), ['true'], { runId: 'r', hostPid: 1, hostname: 'h' }).User).toBe(
      NOBODY,
    );
    expect(() =>
      buildContainerSpec(hardening({ workspaceDir: '/srv/repo', workspaceWritable: true }), ['true'], {
        runId: 'r',
        hostPid: 1,
        hostname: 'h',
      }),
    ).toThrow(/resolve the sandbox user/);
  });
});
