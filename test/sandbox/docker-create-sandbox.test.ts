import Docker from 'dockerode';
import {
  createSandbox,
  defaultSandboxOptions,
  SANDBOX_LABEL,
  type SandboxOptions,
} from '../../src/sandbox/index.js';
import { TEST_DOCKER, TEST_IMAGE } from '../support/docker-image.js';

const docker = new Docker();

function options(environment: SandboxOptions['environment']): SandboxOptions {
  const base = defaultSandboxOptions();
  return { ...base, environment, docker: { ...base.docker, ...TEST_DOCKER, pull: false } };
}

describe('createSandbox', () => {
  it('builds a Docker sandbox for environment "docker" that runs code in a labelled container', async () => {
    const progress: string[] = [];
    const sandbox = createSandbox(options('docker'), { onProgress: (line) => progress.push(line) });
    expect(sandbox.kind).toBe('docker');
    let hostname = '';
    try {
      const result = await sandbox.exec(
        'import os, socket; print(os.getppid(), os.getuid(), socket.gethostname())',
      );
      // The REPL's parent is the container's own init, pid 1 of its pid namespace.
      const [ppid, uid, name] = result.stdout.text.trim().split(' ');
      expect([ppid, uid]).toEqual(['1', '65534']);
      hostname = name ?? '';
      // Docker names the container's host after the container id.
      const info = await docker.getContainer(hostname).inspect();
      expect(info.Config.Labels[SANDBOX_LABEL]).toBe('true');
      expect(info.Config.Image).toBe(TEST_IMAGE);
    } finally {
      await sandbox.close();
    }
    await expect(docker.getContainer(hostname).inspect()).rejects.toMatchObject({ statusCode: 404 });
    // The image was present locally: nothing to pull, nothing reported.
    expect(progress).toEqual([]);
  });

  it('builds a local sandbox for environment "repl" that runs code on the host', async () => {
    const sandbox = createSandbox(options('repl'));
    expect(sandbox.kind).toBe('repl');
    try {
      const result = await sandbox.exec(`import os; print(os.getppid() == ${process.pid})`);
      expect(result.stdout.text).toBe('True\n');
    } finally {
      await sandbox.close();
    }
  });
});
