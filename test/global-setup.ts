/**
 * Docker tests run against a real Docker Engine, always. When the engine or
 * the test image is missing the whole suite fails here, loudly, with the fix.
 */
import Docker from 'dockerode';

// jest does not apply moduleNameMapper to globalSetup, so the image name cannot be
// imported from ./support/docker-image.ts here; keep the two in step.
const TEST_IMAGE = process.env.RLM_TEST_IMAGE ?? 'rlm-sandbox:bookworm';

export default async function globalSetup(): Promise<void> {
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
      `The sandbox test image ${TEST_IMAGE} is missing.\nFix: run \`bash scripts/build-sandbox-image.sh\`.`,
    );
  }
}
