/**
 * A run that asks for gVisor must not silently fall back to runc, and must fail before its first
 * model call, not after paying for one: the engine is asked which runtimes it knows
 * (`docker info` → Runtimes) and a missing one is a DockerError whose fix installs it.
 */
import type Docker from 'dockerode';
import type { ContainerRuntime } from '../options.js';
import { dockerUnreachable, runtimeNotRegistered } from './docker-errors.js';

/**
 * The commands that install gVisor on a GitHub-hosted (Ubuntu) runner and register it with
 * Docker as `runsc`, network off as the sandbox needs (docs/action.md shows them as a step).
 */
export const GVISOR_RUNNER_STEP = [
  'url="https://storage.googleapis.com/gvisor/releases/release/latest/$(uname -m)"',
  'curl -fsSLO "$url/runsc" -fsSLO "$url/runsc.sha512"',
  'sha512sum -c runsc.sha512',
  'sudo install -m 0755 runsc /usr/local/bin/runsc',
  'sudo /usr/local/bin/runsc install -- --network=none',
  'sudo systemctl reload docker',
];

export const GVISOR_FIX =
  'Install gVisor and register it with Docker as runsc. On a GitHub-hosted runner add a step before this one ' +
  `that runs: ${GVISOR_RUNNER_STEP.join(' && ')} (docs/action.md). On Debian: \`bash scripts/setup.sh\` ` +
  "(Debian's runsc package, registered in /etc/docker/daemon.json; docs/sandbox-docker.md). " +
  'Or run with runtime runc.';

export type RuntimeInfoClient = Pick<Docker, 'info'>;

export async function assertRuntimeRegistered(
  docker: RuntimeInfoClient,
  runtime: ContainerRuntime,
): Promise<void> {
  // runc is Docker's built-in default: every engine has it.
  if (runtime === 'runc') return;
  let info: unknown;
  try {
    info = await docker.info();
  } catch (error) {
    throw dockerUnreachable(error);
  }
  const registered = registeredRuntimes(info);
  if (!registered.includes(runtime)) throw runtimeNotRegistered(runtime, registered, GVISOR_FIX);
}

function registeredRuntimes(info: unknown): string[] {
  if (typeof info !== 'object' || info === null || !('Runtimes' in info)) return [];
  const runtimes = info.Runtimes;
  return typeof runtimes === 'object' && runtimes !== null ? Object.keys(runtimes) : [];
}
