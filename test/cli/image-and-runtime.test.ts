/**
 * `rlm image build` (the real build script, on this machine where the default image exists) and
 * `rlm run --runtime runsc` against an engine that has no runsc: the run must fail with the
 * install step as its fix before it makes a single model call. The engine without runsc is a
 * wire-level stand-in on a unix socket answering the Engine API's `GET /info` as Docker 20.10
 * does (this machine's real engine has runsc registered); the model is the fake provider.
 */
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { DEFAULT_IMAGE } from '../../src/sandbox/default-image.js';
import { startFakeProvider, type FakeProvider } from '../support/fake-provider/server.js';
import { ensureBuilt, makeTempDir, runRlm } from './support/cli-process.js';

let fake: FakeProvider;
let engine: Server;
let engineSocket: string;
const engineRequests: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  fake = await startFakeProvider();
  engineSocket = join(makeTempDir('engine'), 'docker.sock');
  engine = createServer((request, response) => {
    engineRequests.push(`${request.method ?? ''} ${(request.url ?? '').replace(/^\/v[\d.]+/, '')}`);
    if (request.url?.endsWith('/_ping') === true) {
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      response.end('OK');
      return;
    }
    const body =
      request.url?.endsWith('/info') === true
        ? {
            Runtimes: { runc: { path: 'runc' }, 'io.containerd.runc.v2': { path: 'runc' } },
            DefaultRuntime: 'runc',
          }
        : { message: 'not served by this stand-in' };
    response.writeHead(request.url?.endsWith('/info') === true ? 200 : 404, {
      'Content-Type': 'application/json',
    });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => engine.listen(engineSocket, resolve));
});

afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => engine.close(resolve));
});

describe('rlm image build', () => {
  it('runs the build script, which finds the default image already built and leaves it be', async () => {
    const run = await runRlm(['image', 'build']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`rlm: building the sandbox image ${DEFAULT_IMAGE}`);
    expect(run.stdout).toBe(`build-sandbox-image: ${DEFAULT_IMAGE} already present\n`);
  });

  it('refuses an unknown recipe as a usage error (exit 5)', async () => {
    const run = await runRlm(['image', 'build', '--recipe', 'nix']);
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/Allowed choices are debootstrap, dockerfile/);
  });
});

describe('rlm run --runtime runsc on an engine without gVisor', () => {
  it('exits 3 with the install step as the fix, before any model call or container', async () => {
    const run = await runRlm(
      ['run', 'hi', '--runtime', 'runsc', '--backend', 'anthropic', '--base-url', fake.anthropicBaseUrl],
      { env: { ANTHROPIC_API_KEY: 'sk-ant-test-000000000000', DOCKER_HOST: `unix://${engineSocket}` } },
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      'rlm: error: The container runtime runsc is not registered with the Docker Engine (registered: runc, io.containerd.runc.v2)',
    );
    expect(run.stderr).toContain('sudo /usr/local/bin/runsc install -- --network=none');
    expect(fake.requests).toEqual([]);
    expect(engineRequests.filter((line) => line.includes('/containers/create'))).toEqual([]);
    expect(engineRequests).toContain('GET /info');
  });
});
