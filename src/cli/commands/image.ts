/**
 * `rlm image build`: builds the default sandbox image locally, under exactly the name the CLI,
 * the library and the Action use, so no registry is needed. It runs the repository's own recipe,
 * scripts/build-sandbox-image.sh (shipped in the package with sandbox/), the script set-up and CI
 * run too: one recipe, not a second copy of it.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DockerError } from '../../errors.js';
import { DEFAULT_IMAGE } from '../../sandbox/default-image.js';
import type { CliIo } from '../io.js';

export const IMAGE_RECIPES = ['debootstrap', 'dockerfile'] as const;
export type ImageRecipe = (typeof IMAGE_RECIPES)[number];

/** Same path from src/cli/commands (tsx, tests) and lib/cli/commands (the package). */
export const BUILD_SCRIPT = fileURLToPath(
  new URL('../../../scripts/build-sandbox-image.sh', import.meta.url),
);

export async function imageBuildCommand(io: CliIo, options: { recipe?: ImageRecipe }): Promise<number> {
  const args = [BUILD_SCRIPT, ...(options.recipe === undefined ? [] : ['--recipe', options.recipe])];
  io.stderr.write(`rlm: building the sandbox image ${DEFAULT_IMAGE} (bash ${args.join(' ')})\n`);
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('bash', args, { cwd: io.cwd, env: io.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => io.stdout.write(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => io.stderr.write(chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve(exitCode ?? 1));
  });
  if (code !== 0) {
    throw new DockerError(
      `Building the sandbox image ${DEFAULT_IMAGE} failed (the build script exited ${code})`,
      {
        fix:
          'The lines above name the failing step. The debootstrap recipe needs root or sudo and a Debian mirror; ' +
          'elsewhere `rlm image build --recipe dockerfile` builds sandbox/Dockerfile with Docker (needs Docker Hub).',
      },
    );
  }
  return 0;
}
