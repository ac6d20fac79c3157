/**
 * One image name everywhere: the constant the CLI, library and Action default to is the name the
 * build script gives the image it builds (so the local build satisfies the default), and the tag
 * follows the package list and recipes (so an edited list cannot keep an old tag).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTING_KEYS } from '../../src/config/keys.js';
import {
  DEFAULT_IMAGE,
  SANDBOX_IMAGE_REPOSITORY,
  SANDBOX_IMAGE_TAG,
} from '../../src/sandbox/default-image.js';
import { defaultSandboxOptions } from '../../src/sandbox/options.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'build-sandbox-image.sh');

describe('the default sandbox image name', () => {
  it('is exactly the name scripts/build-sandbox-image.sh builds', () => {
    const printed = execFileSync('bash', [SCRIPT, '--print-name'], { encoding: 'utf8' }).trim();
    expect(printed).toBe(DEFAULT_IMAGE);
  });

  it('has a tag derived from sandbox/packages.txt, install-packages.sh and the Dockerfile', () => {
    const hash = createHash('sha256');
    for (const file of ['packages.txt', 'install-packages.sh', 'Dockerfile']) {
      hash.update(readFileSync(join(ROOT, 'sandbox', file)));
    }
    expect(SANDBOX_IMAGE_TAG).toBe(`bookworm-${hash.digest('hex').slice(0, 12)}`);
    expect(DEFAULT_IMAGE).toBe(`${SANDBOX_IMAGE_REPOSITORY}:${SANDBOX_IMAGE_TAG}`);
  });

  it('is the default of the library options and of the config key docker.image', () => {
    expect(defaultSandboxOptions().docker.image).toBe(DEFAULT_IMAGE);
    expect(SETTING_KEYS['docker.image'].default).toBe(DEFAULT_IMAGE);
  });
});
