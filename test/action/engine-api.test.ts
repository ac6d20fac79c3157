/**
 * The post step's own Docker Engine API client (node:http on the daemon's socket) against the real Docker
 * Engine: it lists by label and force-removes exactly like the sandbox reaper, without dockerode.
 */
import Docker from 'dockerode';
import {
  removeLeftoverContainers,
  SANDBOX_LABEL as CLEANUP_SANDBOX_LABEL,
} from '../../src/action/cleanup/cleanup.js';
import { engineFromEnv, httpEngine, plainEndpoint } from '../../src/action/cleanup/engine-api.js';
import { JOB_LABEL } from '../../src/action/cleanup/job-label.js';
import { SANDBOX_LABEL } from '../../src/sandbox/options.js';
import { TEST_IMAGE } from '../support/docker-image.js';

const docker = new Docker();

describe('plainEndpoint', () => {
  it.each([
    [{}, { socketPath: '/var/run/docker.sock' }],
    [{ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, { socketPath: '/run/user/1000/docker.sock' }],
    [{ DOCKER_HOST: 'tcp://10.0.0.2:2375' }, { host: '10.0.0.2', port: 2375 }],
    [{ DOCKER_HOST: 'tcp://10.0.0.2:2376', DOCKER_TLS_VERIFY: '1' }, null],
    [{ DOCKER_HOST: 'ssh://me@host' }, null],
  ])('%j → %j', (env, expected) => {
    expect(plainEndpoint(env)).toEqual(expected);
  });

  it('uses the sandbox label the sandbox itself sets', () => {
    expect(CLEANUP_SANDBOX_LABEL).toBe(SANDBOX_LABEL);
  });
});

describe('httpEngine against the real Docker Engine', () => {
  it("removes this step's labelled containers, and only those; a second removal finds nothing", async () => {
    const id = `bench-${Date.now().toString(16)}`;
    const create = async (cleanupId: string) => {
      const container = await docker.createContainer({
        Image: TEST_IMAGE,
        Cmd: ['sleep', '300'],
        Labels: { [SANDBOX_LABEL]: 'true', [JOB_LABEL]: cleanupId },
        HostConfig: { NetworkMode: 'none' },
      });
      await container.start();
      return container;
    };
    const mine = await create(`${id}-mine`);
    const other = await create(`${id}-other`);
    try {
      const engine = await engineFromEnv(process.env);
      expect(await removeLeftoverContainers(engine, `${id}-mine`)).toEqual([mine.id]);
      expect(await removeLeftoverContainers(engine, `${id}-mine`)).toEqual([]);
      const left = await docker.listContainers({
        all: true,
        filters: { label: [`${JOB_LABEL}=${id}-other`] },
      });
      expect(left.map((c) => c.Id)).toEqual([other.id]);
      expect(await engine.removeContainer(mine.id)).toBe(false);
    } finally {
      await other.remove({ force: true });
      await mine.remove({ force: true }).catch(() => undefined);
    }
  });

  it('refuses anything that is not a container id, and says when the daemon is not there', async () => {
    const engine = httpEngine({ socketPath: '/nonexistent/docker.sock' });
    await expect(engine.removeContainer('../images/x')).rejects.toThrow('is not a container id');
    await expect(engine.listContainers([SANDBOX_LABEL])).rejects.toThrow('ENOENT');
  });
});
