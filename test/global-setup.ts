/**
 * Docker tests run against a real Docker Engine, always. When the engine or
 * the test image is missing the whole suite fails here, loudly, with the fix.
 */
import Docker from 'dockerode';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// jest does not apply moduleNameMapper to globalSetup, so the image name cannot be imported from
// ./support/docker-image.ts here: the build script names the default image (the same name,
// checked by test/sandbox/default-image.test.ts).
const TEST_IMAGE =
  process.env.RLM_TEST_IMAGE ??
  execFileSync(
    'bash',
    [fileURLToPath(new URL('../scripts/build-sandbox-image.sh', import.meta.url)), '--print-name'],
    {
      encoding: 'utf8',
    },
  ).trim();

/** jest passes the project's config; only its display name matters here. */
interface ProjectConfig {
  displayName?: { name?: string } | string;
}

export default async function globalSetup(_global: unknown, project: ProjectConfig): Promise<void> {
  const docker = new Docker();
  try {
    await docker.ping();
  } catch (error) {
    throw new Error(
      `The test suite needs a running Docker Engine and none answered (${String(error)}).\n` +
        'Fix: run `bash scripts/setup.sh` (installs docker.io and starts dockerd), or start dockerd yourself.',
    );
  }
  try {
    await docker.getImage(TEST_IMAGE).inspect();
  } catch {
    throw new Error(
      `The sandbox test image ${TEST_IMAGE} is missing.\nFix: run \`bash scripts/build-sandbox-image.sh\` (or \`rlm image build\`).`,
    );
  }
  const name = typeof project.displayName === 'string' ? project.displayName : project.displayName?.name;
  if (name === 'runsc') {
    const info = (await docker.info()) as { Runtimes?: Record<string, unknown> };
    if (info.Runtimes?.runsc === undefined) {
      throw new Error(
        'The jest project runsc runs the Docker sandbox tests under gVisor, and Docker has no runtime runsc.\n' +
          'Fix: run `bash scripts/setup-gvisor.sh` (Debian; part of scripts/setup.sh), or `--selectProjects runc`.',
      );
    }
  }
}
