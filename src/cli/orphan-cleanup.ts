/**
 * `rlm run` has no post step like the Action's, so each Docker run first
 * removes the sandbox containers that earlier runs on this machine left behind
 * when their host died (see reapOrphanedSandboxes). Best effort: it never fails
 * the run, and the run does not wait for it to start.
 */
import Docker from 'dockerode';
import { engineMessage } from '../sandbox/docker/docker-errors.js';
import { reapOrphanedSandboxes, type OrphanReapClient } from '../sandbox/index.js';

// Removal takes well under a second; this only bounds a daemon that accepts but never answers.
const REAP_DEADLINE_MS = 10_000;

export async function removeOrphanedSandboxes(
  report: (message: string) => void,
  docker: OrphanReapClient = new Docker(),
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([]), REAP_DEADLINE_MS);
  });
  const reaping = reapOrphanedSandboxes(docker, {
    onError: (id, error) =>
      report(`could not remove orphaned sandbox container ${id.slice(0, 12)}: ${engineMessage(error)}`),
  }).catch(() => []);
  const removed = await Promise.race([reaping, deadline]);
  clearTimeout(timer);
  if (removed.length > 0) {
    const noun = removed.length === 1 ? 'container' : 'containers';
    report(`removed ${removed.length} orphaned sandbox ${noun} of earlier runs whose process had died`);
  }
}
