/**
 * What the host can see of a sandbox's processes. Under runc they are host processes, so
 * `ps` shows the command itself. Under runsc (gVisor) they live inside gVisor's user-space
 * kernel: the host sees only the sandbox process (`runsc-sandbox`), whose arguments name the
 * container. Either way, nothing of the sandbox may be left on the host once it is closed.
 */
import { execFileSync } from 'node:child_process';
import { TEST_RUNTIME } from './docker-image.js';

function hostProcessLines(): string[] {
  return execFileSync('ps', ['-eo', 'args']).toString().split('\n');
}

/** True while the host runs `command` for the container (runc), or the container's gVisor sandbox (runsc). */
export function hostRunsSandboxProcess(containerId: string, command: string): boolean {
  const lines = hostProcessLines();
  return TEST_RUNTIME === 'runc'
    ? lines.some((line) => line.includes(command))
    : lines.some((line) => line.startsWith('runsc-sandbox') && line.includes(containerId));
}

/**
 * Waits (up to 10 s, polling) until the host has no process of the container, under either
 * runtime: neither `command` nor a gVisor sandbox naming it. Resolves to whether that happened.
 */
export async function hostHasNoProcessOf(containerId: string, command: string): Promise<boolean> {
  const gone = (): boolean =>
    !hostProcessLines().some(
      (line) => line.includes(command) || (line.startsWith('runsc') && line.includes(containerId)),
    );
  const end = Date.now() + 10_000;
  while (!gone() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 200));
  return gone();
}
