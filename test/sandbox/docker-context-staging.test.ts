/**
 * Large contexts travel as a file in a read-only host directory mounted into the container
 * (src/sandbox/docker/context-staging.ts), small ones and engine-less set-ups through the stream.
 * Real engine, real image, both runtimes.
 */
import Docker from 'dockerode';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { STAGING_MOUNT } from '../../src/sandbox/docker/context-staging.js';
import { DockerLauncher } from '../../src/sandbox/docker/docker-launcher.js';
import { defaultSandboxOptions, type SandboxOptions } from '../../src/sandbox/options.js';
import { ReplSandbox } from '../../src/sandbox/repl-sandbox.js';
import { TEST_DOCKER } from '../support/docker-image.js';
import { containersOfRun } from '../support/docker-wait.js';

const docker = new Docker();
const MiB = 1024 * 1024;

function open(contextStaging?: boolean): { sandbox: ReplSandbox; runId: string } {
  const base = defaultSandboxOptions();
  const options: SandboxOptions = { ...base, docker: { ...base.docker, ...TEST_DOCKER, pull: false } };
  const runId = randomUUID();
  const launcher = new DockerLauncher(options.docker, {
    runId,
    ...(contextStaging === undefined ? {} : { contextStaging }),
  });
  return { sandbox: new ReplSandbox(launcher, options), runId };
}

/** The host directory bound at STAGING_MOUNT in the run's container, or null when there is none. */
async function stagingDirOf(runId: string): Promise<string | null> {
  const [id] = await containersOfRun(docker, runId);
  const info = await docker.getContainer(id ?? '').inspect();
  const mount = info.Mounts.find((candidate) => candidate.Destination === STAGING_MOUNT);
  if (mount === undefined) return null;
  expect(mount.RW).toBe(false);
  return mount.Source;
}

const CHECK = 'import hashlib\nprint(len(context), hashlib.sha256(context.encode()).hexdigest())';

function bigText(size: number): { text: string; expected: string } {
  const text = 'line of a large log file\n'.repeat(Math.ceil(size / 25)).slice(0, size);
  return { text, expected: `${size} ${createHash('sha256').update(text).digest('hex')}\n` };
}

describe('context staging', () => {
  it('hands a large context over as a file the sandbox can read but neither list nor change, then removes it', async () => {
    const { sandbox, runId } = open();
    try {
      await sandbox.start();
      const dir = (await stagingDirOf(runId)) ?? '';
      expect(dir).not.toBe('');
      const before = statSync(dir, { bigint: true }).mtimeNs;
      const { text, expected } = bigText(8 * MiB + 3);
      await sandbox.createNamespace('root', { kind: 'text', text });
      expect((await sandbox.exec(CHECK)).stdout.text).toBe(expected);
      // The file was created and removed there (the directory changed), not streamed, and
      // nothing of the context stays on the host.
      expect(statSync(dir, { bigint: true }).mtimeNs).not.toBe(before);
      expect(readdirSync(dir)).toEqual([]);
      const probe = await sandbox.exec(
        [
          'import errno, os',
          'def attempt(action):',
          '    try:',
          '        action()',
          '        return "allowed"',
          '    except OSError as e:',
          '        return errno.errorcode[e.errno]',
          `print(attempt(lambda: os.listdir("${STAGING_MOUNT}")),`,
          `      attempt(lambda: open("${STAGING_MOUNT}/planted", "w")))`,
        ].join('\n'),
      );
      expect(probe.stdout.text).toMatch(/^EACCES (EROFS|EACCES)\n$/);
    } finally {
      await sandbox.close();
    }
  });

  it('keeps small contexts on the stream and removes the staging directory on close', async () => {
    const { sandbox, runId } = open();
    await sandbox.start();
    const dir = (await stagingDirOf(runId)) ?? '';
    const before = statSync(dir, { bigint: true }).mtimeNs;
    await sandbox.createNamespace('root', { kind: 'text', text: 'small context' });
    expect((await sandbox.exec('print(context)')).stdout.text).toBe('small context\n');
    expect(statSync(dir, { bigint: true }).mtimeNs).toBe(before);
    await sandbox.close();
    expect(existsSync(dir)).toBe(false);
  });

  it('sends a large context through the stream when staging is off (a remote engine)', async () => {
    const { sandbox, runId } = open(false);
    try {
      const { text, expected } = bigText(3 * MiB);
      await sandbox.createNamespace('root', { kind: 'text', text });
      expect(await stagingDirOf(runId)).toBeNull();
      expect((await sandbox.exec(CHECK)).stdout.text).toBe(expected);
    } finally {
      await sandbox.close();
    }
  });
});
