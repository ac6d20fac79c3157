/**
 * Who the sandbox runs as. `auto` (the default): nobody (65534:65534) when the workspace is read-only or
 * absent; with a writable workspace, the uid:gid that owns the workspace directory, so files model code
 * writes land on the host owned like the rest of the project, never by root or by nobody. Never uid 0:
 * a root-owned workspace cannot be written safely, and is refused with a fix.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../../errors.js';
import type { DockerHardening } from '../options.js';

export const AUTO_USER = 'auto';
export const NOBODY = '65534:65534';

export async function resolveSandboxUser(hardening: DockerHardening): Promise<string> {
  if (hardening.user !== AUTO_USER) return hardening.user;
  if (hardening.workspaceDir === null || !hardening.workspaceWritable) return NOBODY;
  const workspace = path.resolve(hardening.workspaceDir);
  // stat, not lstat: the workspace path is the user's own (the current directory, the checkout).
  const owner = await stat(workspace).catch(() => undefined);
  if (owner === undefined) return NOBODY; // Docker reports the missing directory when it mounts it.
  if (owner.uid === 0) {
    throw new ConfigError(
      `--writable: the workspace ${workspace} is owned by root, and the sandbox never runs as root`,
      {
        key: 'docker.writable_workspace',
        fix:
          'Give the directory to a non-root user (e.g. `chown -R 1000:1000 <dir>`; GitHub-hosted runners ' +
          'already do), or keep the workspace read-only and have model code write to /output instead.',
      },
    );
  }
  return `${owner.uid}:${owner.gid}`;
}
