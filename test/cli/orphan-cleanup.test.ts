/**
 * `rlm run` with Docker removes the sandbox containers an earlier run on this
 * machine left behind when its process died, and leaves those of live processes.
 */
import Docker from 'dockerode';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { removeOrphanedSandboxes } from '../../src/cli/orphan-cleanup.js';
import { HOST_LABEL, HOST_PID_LABEL, RUN_ID_LABEL } from '../../src/sandbox/docker/container-spec.js';
import type { OrphanReapClient } from '../../src/sandbox/docker/orphan-reaper.js';
import { SANDBOX_LABEL } from '../../src/sandbox/options.js';
import { TEST_IMAGE } from '../support/docker-image.js';
import { containersOfRun } from '../support/docker-wait.js';
import { ensureBuilt, makeTempDir, runRlm } from './support/cli-process.js';
import { repl, writeScript } from './support/scripts.js';

async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('spawn gave no pid');
  return child.pid;
}

describe('rlm run with Docker', () => {
  const docker = new Docker();
  const runId = randomUUID();
  const created: string[] = [];

  async function sleeper(hostPid: number): Promise<string> {
    const container = await docker.createContainer({
      Image: TEST_IMAGE,
      Cmd: ['sleep', '600'],
      Labels: {
        [SANDBOX_LABEL]: 'true',
        [RUN_ID_LABEL]: runId,
        [HOST_LABEL]: hostname(),
        [HOST_PID_LABEL]: String(hostPid),
      },
      HostConfig: { NetworkMode: 'none', LogConfig: { Type: 'none', Config: {} } },
    });
    created.push(container.id);
    await container.start();
    return container.id;
  }

  /** Waits (generous deadline, a removal may still be finishing) until only `kept` is left of this test's containers. */
  async function waitUntilOnly(kept: string): Promise<string[]> {
    const end = Date.now() + 30_000;
    let left = await containersOfRun(docker, runId);
    while (left.some((id) => id !== kept) && Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      left = await containersOfRun(docker, runId);
    }
    return left;
  }

  beforeAll(() => ensureBuilt());
  afterAll(async () => {
    await Promise.all(
      created.map((id) =>
        docker
          .getContainer(id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
  });

  it("removes an orphan of a dead process, keeps a live process's container, and still runs", async () => {
    const orphan = await sleeper(await deadPid());
    const kept = await sleeper(process.pid);
    const cwd = makeTempDir('orphans');
    writeScript(cwd, [repl('FINAL(str(6 * 7))')]);
    const run = await runRlm(
      ['run', 'task', '--json', '--backend', 'scripted', '--script', 'script.yaml', '--image', TEST_IMAGE],
      { cwd },
    );
    // The run's own container carries the live pid of rlm: the reaper must not have taken it.
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { response: string }).response).toBe('42');
    // Any concurrent `rlm run` on this machine may have been the one that removed it; gone is what counts.
    expect(await waitUntilOnly(kept)).toEqual([kept]);
    await expect(docker.getContainer(orphan).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await docker.getContainer(kept).inspect()).State.Running).toBe(true);
  });
});

describe('removeOrphanedSandboxes (progress lines)', () => {
  function client(pids: number[], failing: string[] = []): OrphanReapClient {
    return {
      listContainers: () =>
        Promise.resolve(
          pids.map((pid, i) => ({
            Id: String(i).repeat(64),
            Labels: { [SANDBOX_LABEL]: 'true', [HOST_LABEL]: hostname(), [HOST_PID_LABEL]: String(pid) },
          })),
        ),
      getContainer: (id) => ({
        remove: () =>
          failing.includes(id)
            ? Promise.reject(Object.assign(new Error('x'), { statusCode: 500, json: { message: 'busy' } }))
            : Promise.resolve(undefined),
      }),
    };
  }

  it('says how many orphans were removed and which could not be', async () => {
    const dead = await deadPid();
    const lines: string[] = [];
    await removeOrphanedSandboxes((line) => lines.push(line), client([dead, dead, dead], ['1'.repeat(64)]));
    expect(lines.sort()).toEqual([
      // The short id, as `docker ps` shows it.
      'could not remove orphaned sandbox container 111111111111: busy',
      'removed 2 orphaned sandbox containers of earlier runs whose process had died',
    ]);
  });

  it('says nothing when there is nothing to remove or Docker cannot be asked', async () => {
    const lines: string[] = [];
    await removeOrphanedSandboxes((line) => lines.push(line), client([process.pid]));
    const unreachable = new Docker({ socketPath: `/tmp/no-docker-${randomUUID()}.sock` });
    await removeOrphanedSandboxes((line) => lines.push(line), unreachable);
    expect(lines).toEqual([]);
  });
});
