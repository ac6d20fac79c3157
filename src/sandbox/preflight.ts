/**
 * Checks that only need the engine, run before the first model call: a run that cannot get the
 * sandbox it asked for must fail before it pays for a model turn. (The launcher repeats them for
 * callers that use createSandbox directly.)
 */
import Docker from 'dockerode';
import { assertRuntimeRegistered, type RuntimeInfoClient } from './docker/runtime-check.js';
import type { SandboxOptions } from './options.js';

export async function preflightSandbox(
  options: Pick<SandboxOptions, 'environment' | 'docker'>,
  docker: RuntimeInfoClient = new Docker(),
): Promise<void> {
  if (options.environment !== 'docker') return;
  await assertRuntimeRegistered(docker, options.docker.runtime);
}
