/**
 * The image and container runtime the Docker tests use. The image is the default sandbox image,
 * built locally from Debian packages by scripts/build-sandbox-image.sh (RLM_TEST_IMAGE overrides).
 * RLM_TEST_RUNTIME=runsc runs the Docker sandbox suite under gVisor (the jest project `runsc`
 * sets it; see jest.config.js).
 */
import { DEFAULT_IMAGE } from '../../src/sandbox/default-image.js';
import { CONTAINER_RUNTIMES, type ContainerRuntime } from '../../src/sandbox/options.js';

export const TEST_IMAGE = process.env.RLM_TEST_IMAGE ?? DEFAULT_IMAGE;

function testRuntime(value: string | undefined): ContainerRuntime {
  const runtime = CONTAINER_RUNTIMES.find((known) => known === (value ?? 'runc'));
  if (runtime === undefined) throw new Error(`RLM_TEST_RUNTIME must be runc or runsc, got "${value}"`);
  return runtime;
}

export const TEST_RUNTIME: ContainerRuntime = testRuntime(process.env.RLM_TEST_RUNTIME);

/** Spread into DockerHardening: `{ ...defaultSandboxOptions().docker, ...TEST_DOCKER }`. */
export const TEST_DOCKER = { image: TEST_IMAGE, runtime: TEST_RUNTIME } as const;
