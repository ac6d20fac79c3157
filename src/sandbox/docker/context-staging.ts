/**
 * Large contexts reach the container through a file, not the attach stream: Docker's attach
 * path copies every byte through dockerd and the shim (≈ 1 s per 100 MB on a busy machine, with
 * the host's encoding on top), a file in a read-only bind mount is one page-cache copy.
 *
 * One host directory per launcher, created by the host (mode 0711: enterable, not listable),
 * mounted read-only at STAGING_MOUNT in its containers. Only the host writes there, with
 * O_EXCL and random names, and it never reads anything back: the sandbox cannot plant a file
 * or a symlink the host would follow. Each file is removed as soon as the REPL has read it.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StagedContext } from '../launcher.js';

/** Where the staging directory appears inside the container (repl_server.py reads from it). */
export const STAGING_MOUNT = '/run/rlm-context';

export class ContextStaging {
  private constructor(readonly dir: string) {}

  static async create(): Promise<ContextStaging> {
    const dir = await mkdtemp(path.join(tmpdir(), 'rlm-context-'));
    // The sandbox user is not the owner: it may enter the directory and open a file by name.
    await chmod(dir, 0o711);
    return new ContextStaging(dir);
  }

  async stage(data: Buffer): Promise<StagedContext> {
    const name = randomBytes(16).toString('hex');
    const file = path.join(this.dir, name);
    await writeFile(file, data, { flag: 'wx', mode: 0o644 });
    return { name, release: () => rm(file, { force: true }) };
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
