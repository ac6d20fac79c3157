import Docker from 'dockerode';
import {
  createSandbox,
  defaultSandboxOptions,
  SANDBOX_LABEL,
  type SandboxOptions,
} from '../../src/sandbox/index.js';
import { TEST_IMAGE } from '../support/docker-image.js';

const docker = new Docker();

function options(environment: SandboxOptions['environment']): SandboxOptions {
  const base = defaultSandboxOptions();
  return { ...base, environment, docker: { ...base.docker, image: TEST_IMAGE, pull: false } };
}

async function sandboxContainerIds(): Promise<string[]> {
  const list = await docker.listContainers({ all: true, filters: { label: [SANDBOX_LABEL] } });
  return list.map((container) => container.Id);
}

describe('createSandbox', () => {
  it('builds a Docker sandbox for environment "docker" that runs code in a new container', async () => {
    const before = new Set(await sandboxContainerIds());
    const progress: string[] = [];
    const sandbox = createSandbox(options('docker'), { onProgress: (line) => progress.push(line) });
    expect(sandbox.kind).toBe('docker');
    try {
      const result = await sandbox.exec('import os; print(os.getppid(), os.getuid())');
      // In the container the REPL's parent is the container's own init, pid 1 of its pid namespace.
      expect(result.stdout.text).toBe('1 65534\n');
      const added = (await sandboxContainerIds()).filter((id) => !before.has(id));
      expect(added).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
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
