/**
 * Lifecycle of a host process that owns a sandbox: SIGTERM/SIGINT remove its
 * containers and still end the process; SIGKILL leaves nothing either, through
 * the dead-man switch (stdin EOF) and AutoRemove.
 */
import Docker from 'dockerode';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DockerError } from '../../src/errors.js';
import { DockerLauncher } from '../../src/sandbox/docker/docker-launcher.js';
import { signalCleanupInstalled } from '../../src/sandbox/docker/signal-cleanup.js';
import { defaultSandboxOptions } from '../../src/sandbox/options.js';
import { TEST_DOCKER } from '../support/docker-image.js';
import { PROBE_SERVER } from '../support/docker-probe.js';
import { containersOfRun, waitForNoContainers } from '../support/docker-wait.js';

const docker = new Docker();
const FIXTURE = path.resolve('test/support/docker-host-fixture.ts');

interface Host {
  child: ChildProcess;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const BUSY_FIXTURE = path.resolve('test/sandbox/docker-busy-host-fixture.ts');

async function startHost(runId: string, mode?: string, fixture = FIXTURE): Promise<Host> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, runId, ...(mode ? [mode] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    void exit.then(() => reject(new Error(`host fixture exited before ready:\n${stderr}`)));
  });
  return { child, exit };
}

describe('host process signals', () => {
  it('installs the signal listeners with the first launch and removes them on dispose', async () => {
    const launcher = new DockerLauncher({ ...defaultSandboxOptions().docker, ...TEST_DOCKER });
    expect(signalCleanupInstalled()).toBe(false);
    const proc = await launcher.launch(PROBE_SERVER);
    expect(signalCleanupInstalled()).toBe(true);
    await launcher.dispose();
    expect(signalCleanupInstalled()).toBe(false);
    expect(await containersOfRun(docker, launcher.runId)).toEqual([]);
    expect((await proc.exited).code).toBe(137);
    await expect(launcher.launch(PROBE_SERVER)).rejects.toThrow(DockerError);
  });

  it('does not install the listeners for a launch that dispose() overtook', async () => {
    const launcher = new DockerLauncher({ ...defaultSandboxOptions().docker, ...TEST_DOCKER });
    const launching = launcher.launch(PROBE_SERVER);
    await launcher.dispose();
    await expect(launching).rejects.toThrow(DockerError);
    expect(signalCleanupInstalled()).toBe(false);
    expect(await containersOfRun(docker, launcher.runId)).toEqual([]);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s removes the containers, then the process dies of the signal',
    async (signal) => {
      const runId = randomUUID();
      const host = await startHost(runId);
      expect(await containersOfRun(docker, runId)).toHaveLength(1);
      host.child.kill(signal);
      expect(await host.exit).toEqual({ code: null, signal });
      // Removal was awaited before the signal was raised again: nothing to wait for.
      expect(await containersOfRun(docker, runId)).toEqual([]);
    },
  );

  it('leaves the exit to the application when it has its own listener', async () => {
    const runId = randomUUID();
    const host = await startHost(runId, 'own-listener');
    host.child.kill('SIGTERM');
    expect(await host.exit).toEqual({ code: 42, signal: null });
    expect(await containersOfRun(docker, runId)).toEqual([]);
  });

  it('after SIGKILL of the host, the dead-man switch and AutoRemove leave no container', async () => {
    const runId = randomUUID();
    const host = await startHost(runId);
    expect(await containersOfRun(docker, runId)).toHaveLength(1);
    host.child.kill('SIGKILL');
    expect(await host.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await waitForNoContainers(docker, runId)).toEqual([]);
  });

  it('after SIGKILL of the host, a REPL busy running code exits too and its container goes', async () => {
    const runId = randomUUID();
    const host = await startHost(runId, undefined, BUSY_FIXTURE);
    expect(await containersOfRun(docker, runId)).toHaveLength(1);
    host.child.kill('SIGKILL');
    expect(await host.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await waitForNoContainers(docker, runId)).toEqual([]);
  });
});
