/**
 * The post step (action.yml `post:`): runs after the job's steps, even when the main step failed or was
 * cancelled, and removes any sandbox container its own main step left behind (found by the cleanup id the
 * main step saved with core.saveState, so a matrix leg never touches another leg's live container).
 * Kept small on purpose (no dockerode, no @actions/core unless needed): it runs in every job.
 */
import { removeLeftoverContainers } from './cleanup/cleanup.js';
import { engineFromEnv } from './cleanup/engine-api.js';
import { CLEANUP_STATE } from './cleanup/job-label.js';
import { getState, info, warning } from './cleanup/workflow-commands.js';

try {
  const cleanupId = getState(CLEANUP_STATE);
  if (cleanupId === '') {
    info('The main step saved no cleanup id (it started no sandbox): nothing to clean.');
  } else {
    const removed = await removeLeftoverContainers(await engineFromEnv(process.env), cleanupId);
    info(
      removed.length === 0
        ? 'No sandbox container left behind.'
        : `Removed ${removed.length} sandbox container(s) left behind: ${removed.map((id) => id.slice(0, 12)).join(', ')}`,
    );
  }
} catch (error) {
  // No Docker here (the job never used it, or the runner is going away): nothing to clean, nothing to fail.
  warning(
    `Could not check for leftover sandbox containers: ${error instanceof Error ? error.message : String(error)}`,
  );
}
process.exit(0);
