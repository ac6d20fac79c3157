/**
 * The orphan reaper against a real engine: of a set of running containers it
 * removes exactly the one whose host process on this machine is gone.
 *
 * The real-engine cases use a hostname unique to this test (the option the CLI
 * leaves at its default), so a concurrent `rlm run` of another test file, which
 * reaps with the machine's hostname, cannot take these containers first.
 */
import Docker from 'dockerode';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { HOST_LABEL, HOST_PID_LABEL, RUN_ID_LABEL } from '../../src/sandbox/docker/container-spec.js';
import {
  processIsAlive,
  reapOrphanedSandboxes,
  type OrphanReapClient,
} from '../../src/sandbox/docker/orphan-reaper.js';
import { SANDBOX_LABEL } from '../../src/sandbox/options.js';
import { TEST_IMAGE } from '../support/docker-image.js';

const docker = new Docker();
const runId = randomUUID();
const thisHost = `rlm-test-host-${randomUUID()}`;

/** The pid of a process that has exited (and been reaped), so no process has it now. */
async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('spawn gave no pid');
  return child.pid;
}

async function sleeper(labels: Record<string, string>): Promise<string> {
  const container = await docker.createContainer({
    Image: TEST_IMAGE,
    Cmd: ['sleep', '600'],
    Labels: { [RUN_ID_LABEL]: runId, ...labels },
    HostConfig: { NetworkMode: 'none', LogConfig: { Type: 'none', Config: {} } },
  });
  await container.start();
  return container.id;
}

async function isRunning(id: string): Promise<boolean> {
  try {
    return (await docker.getContainer(id).inspect()).State.Running;
  } catch {
    return false;
  }
}

describe('reapOrphanedSandboxes with a real engine', () => {
  const ids: Record<string, string> = {};
  let removed: string[] = [];

  beforeAll(async () => {
    const dead = String(await deadPid());
    const live = String(process.pid);
    ids.orphan = await sleeper({ [SANDBOX_LABEL]: 'true', [HOST_LABEL]: thisHost, [HOST_PID_LABEL]: dead });
    ids.liveHost = await sleeper({ [SANDBOX_LABEL]: 'true', [HOST_LABEL]: thisHost, [HOST_PID_LABEL]: live });
    ids.otherMachine = await sleeper({
      [SANDBOX_LABEL]: 'true',
      [HOST_LABEL]: `other-${thisHost}`,
      [HOST_PID_LABEL]: dead,
    });
    ids.notSandbox = await sleeper({ [HOST_LABEL]: thisHost, [HOST_PID_LABEL]: dead });
    ids.olderVersion = await sleeper({ [SANDBOX_LABEL]: 'true', [HOST_PID_LABEL]: dead });
    removed = await reapOrphanedSandboxes(docker, { hostname: thisHost });
  });

  afterAll(async () => {
    await Promise.all(
      Object.values(ids).map((id) =>
        docker
          .getContainer(id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
  });

  it('removes a sandbox container of this machine whose host process has exited', async () => {
    expect(removed).toEqual([ids.orphan]);
    await expect(docker.getContainer(ids.orphan ?? '').inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('leaves the container of a live host process running', async () => {
    expect(await isRunning(ids.liveHost ?? '')).toBe(true);
  });

  it('leaves a container of another machine running even though the pid is dead here', async () => {
    expect(await isRunning(ids.otherMachine ?? '')).toBe(true);
  });

  it('leaves a container without the sandbox label running', async () => {
    expect(await isRunning(ids.notSandbox ?? '')).toBe(true);
  });

  it('leaves a sandbox container without the host label (an older version) running', async () => {
    expect(await isRunning(ids.olderVersion ?? '')).toBe(true);
  });

  it('returns [] when Docker is not reachable', async () => {
    const unreachable = new Docker({ socketPath: `/tmp/no-docker-${randomUUID()}.sock` });
    expect(await reapOrphanedSandboxes(unreachable, { hostname: thisHost })).toEqual([]);
  });
});

describe('reapOrphanedSandboxes decisions', () => {
  type Listed = { Id: string; Labels: Record<string, string> };

  /** A client that lists what it is given and fails removals as told. */
  function fakeClient(listed: Listed[], failures: Record<string, unknown> = {}) {
    const filters: string[][] = [];
    const removeCalls: string[] = [];
    const client: OrphanReapClient = {
      listContainers: (options) => {
        filters.push(options.filters.label);
        return Promise.resolve(listed);
      },
      getContainer: (id) => ({
        remove: () => {
          removeCalls.push(id);
          return id in failures ? Promise.reject(failures[id]) : Promise.resolve(undefined);
        },
      }),
    };
    return { client, filters, removeCalls };
  }

  const sandbox = (id: string, pid: string, host = 'box'): Listed => ({
    Id: id,
    Labels: { [SANDBOX_LABEL]: 'true', [HOST_LABEL]: host, [HOST_PID_LABEL]: pid },
  });

  it("asks the engine for this machine's sandbox containers by default", async () => {
    const { client, filters } = fakeClient([]);
    await reapOrphanedSandboxes(client);
    expect(filters).toEqual([[SANDBOX_LABEL, `${HOST_LABEL}=${hostname()}`]]);
  });

  it('collects a failed removal instead of throwing and still removes the rest', async () => {
    const refused = Object.assign(new Error('device or resource busy'), { statusCode: 500 });
    const gone = Object.assign(new Error('no such container'), { statusCode: 404 });
    const { client, removeCalls } = fakeClient(
      [sandbox('refused', '101'), sandbox('gone', '102'), sandbox('ok', '103')],
      { refused, gone },
    );
    const errors: Array<[string, unknown]> = [];
    const removed = await reapOrphanedSandboxes(client, {
      hostname: 'box',
      isAlive: () => false,
      onError: (id, error) => errors.push([id, error]),
    });
    expect(removed).toEqual(['ok']);
    expect(removeCalls.sort()).toEqual(['gone', 'ok', 'refused']);
    // A container that vanished on its own (AutoRemove) is not an error.
    expect(errors).toEqual([['refused', refused]]);
  });

  it('never checks or removes for a pid label that is not a plain positive pid, nor for a live pid', async () => {
    const asked: number[] = [];
    const { client, removeCalls } = fakeClient([
      sandbox('zero', '0'),
      sandbox('group', '-1'),
      sandbox('garbled', '12abc'),
      sandbox('missing', ''),
      sandbox('live', '200'),
      sandbox('elsewhere', '300', 'other-box'),
    ]);
    const removed = await reapOrphanedSandboxes(client, {
      hostname: 'box',
      isAlive: (pid) => {
        asked.push(pid);
        return pid === 200;
      },
    });
    expect(removed).toEqual([]);
    expect(removeCalls).toEqual([]);
    expect(asked).toEqual([200]);
  });
});

describe('processIsAlive', () => {
  it('is true for this process and false for one that has exited', async () => {
    expect(processIsAlive(process.pid)).toBe(true);
    expect(processIsAlive(await deadPid())).toBe(false);
  });

  it("counts EPERM (another user's process) as alive and only ESRCH as dead", () => {
    const failWith = (code: string) => () => {
      throw Object.assign(new Error(code), { code });
    };
    expect(processIsAlive(1234, failWith('EPERM'))).toBe(true);
    expect(processIsAlive(1234, failWith('ESRCH'))).toBe(false);
  });
});
