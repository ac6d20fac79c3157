/**
 * The container ends by itself when its host is gone or its lifetime cap has
 * passed, whatever model code does inside: the supervisor (pid 1, outside the
 * untrusted interpreter) owns the container's stdin and the deadline.
 */
import Docker from 'dockerode';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DockerLauncher } from '../../src/sandbox/docker/docker-launcher.js';
import { defaultSandboxOptions } from '../../src/sandbox/options.js';
import { ReplSandbox } from '../../src/sandbox/repl-sandbox.js';
import { TEST_IMAGE } from '../support/docker-image.js';
import { containersOfRun, waitForNoContainers } from '../support/docker-wait.js';

const docker = new Docker();
const FIXTURE = path.resolve('test/sandbox/docker-defiant-host-fixture.ts');

describe('the dead-man switch, against code that defeats the REPL', () => {
  it('removes the container soon after the host is SIGKILLed, whatever the code did', async () => {
    const runId = randomUUID();
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, runId], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exit = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const report = await new Promise<{ stop_supervisor: string }>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) =>
        resolve(JSON.parse(chunk.toString()) as { stop_supervisor: string }),
      );
      void exit.then(() => reject(new Error(`host fixture exited before the code ran:\n${stderr}`)));
    });
    // Pid 1 cannot be frozen (the kernel protects a namespace's init under runc, the REPL's
    // seccomp filter under gVisor too). The code holds the container's stdin where it can
    // (gVisor lets it open /proc/1/fd/0; under runc pid 1 is not dumpable): that keeps nothing alive.
    expect(report.stop_supervisor).toBe('PermissionError');
    expect(await containersOfRun(docker, runId)).toHaveLength(1);
    child.kill('SIGKILL');
    expect(await exit).toBe('SIGKILL');
    // A correctness wait, generous for a loaded machine: without the supervisor it never ends.
    expect(await waitForNoContainers(docker, runId, 15_000)).toEqual([]);
  });

  it('ends a container at its lifetime cap even while its host is alive and the code spins', async () => {
    const base = defaultSandboxOptions();
    const options = {
      ...base,
      docker: { ...base.docker, image: TEST_IMAGE, pull: false, maxLifetimeMs: 3_000 },
    };
    const sandbox = new ReplSandbox(new DockerLauncher(options.docker, { runId: randomUUID() }), options);
    try {
      const result = await sandbox.exec('while True:\n    pass', { timeoutMs: 600_000 });
      expect(result.status).toBe('crashed');
      expect(result.error).toMatch(/exit code 124/);
    } finally {
      await sandbox.close();
    }
  });
});
