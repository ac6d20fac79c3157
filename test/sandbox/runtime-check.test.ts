/**
 * The runtime check and the errors whose fixes tell users how to get what they asked for.
 * The engine's `docker info` answers come from the real engine where the behaviour needs one;
 * the "not registered" answer is a recorded Engine API reply shape (the machine has runsc).
 */
import Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import { DockerError, ExitCode } from '../../src/errors.js';
import { DEFAULT_IMAGE } from '../../src/sandbox/default-image.js';
import { imageNotFound } from '../../src/sandbox/docker/docker-errors.js';
import {
  assertRuntimeRegistered,
  GVISOR_FIX,
  GVISOR_RUNNER_STEP,
  type RuntimeInfoClient,
} from '../../src/sandbox/docker/runtime-check.js';

/** `GET /info` as Docker 20.10 answers it on a machine without gVisor (only the field read here). */
const infoWithoutRunsc: RuntimeInfoClient = {
  info: () =>
    Promise.resolve({
      Runtimes: { runc: { path: 'runc' }, 'io.containerd.runc.v2': { path: 'runc' } },
      DefaultRuntime: 'runc',
    }),
};

const unreachable: RuntimeInfoClient = {
  info: () =>
    Promise.reject(Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT' })),
};

describe('assertRuntimeRegistered', () => {
  it('passes runsc on this machine, where scripts/setup-gvisor.sh registered it with the real engine', async () => {
    await expect(assertRuntimeRegistered(new Docker(), 'runsc')).resolves.toBeUndefined();
  });

  it('fails with exit code 3, the registered runtimes and the install step when runsc is missing', async () => {
    const error: unknown = await assertRuntimeRegistered(infoWithoutRunsc, 'runsc').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerError);
    const dockerError = error as DockerError;
    expect(dockerError.exitCode).toBe(ExitCode.Docker);
    expect(dockerError.message).toBe(
      'The container runtime runsc is not registered with the Docker Engine (registered: runc, io.containerd.runc.v2)',
    );
    expect(dockerError.fix).toBe(GVISOR_FIX);
    expect(dockerError.fix).toContain('sudo /usr/local/bin/runsc install -- --network=none');
    expect(dockerError.fix).toContain('scripts/setup.sh');
  });

  it('never asks the engine for runc, which every engine has', async () => {
    await expect(assertRuntimeRegistered(unreachable, 'runc')).resolves.toBeUndefined();
  });

  it('reports an unreachable engine as such, not as a missing runtime', async () => {
    const error: unknown = await assertRuntimeRegistered(unreachable, 'runsc').catch((e: unknown) => e);
    expect((error as DockerError).message).toMatch(/^Docker is not reachable/);
  });
});

describe('docs/action.md', () => {
  it('shows the same gVisor install step the error suggests', () => {
    const docs = readFileSync(new URL('../../docs/action.md', import.meta.url), 'utf8');
    for (const command of GVISOR_RUNNER_STEP) expect(docs).toContain(`    ${command}\n`);
  });
});

describe('a missing sandbox image', () => {
  it('names `rlm image build` and the set-up script when it is the default image', () => {
    const error = imageNotFound(DEFAULT_IMAGE, {
      pullDisabled: false,
      cause: new Error('pull access denied'),
    });
    expect(error.message).toBe(`Sandbox image ${DEFAULT_IMAGE} is not available: pull access denied`);
    expect(error.fix).toMatch(/^Build it locally with `rlm image build`/);
    expect(error.fix).toContain('scripts/setup.sh');
  });

  it('suggests docker pull for another image, and the default image for offline machines', () => {
    const error = imageNotFound('example.org/custom:1', { pullDisabled: true });
    expect(error.fix).toContain('docker pull example.org/custom:1');
    const offline = imageNotFound('example.org/custom:1', { pullDisabled: false });
    expect(offline.fix).toContain(`Offline, use the default image (${DEFAULT_IMAGE})`);
  });
});
