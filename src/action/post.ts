/**
 * The post step (action.yml `post:`): runs after the job's steps, even when the main step failed or was
 * cancelled, and removes any sandbox container its own main step left behind (found by the cleanup id the
 * main step saved with core.saveState, so a matrix leg never touches another leg's live container).
 */
import * as core from '@actions/core';
import Docker from 'dockerode';
import { removeLeftoverContainers } from './cleanup.js';
import { CLEANUP_STATE } from './job-label.js';

try {
  const cleanupId = core.getState(CLEANUP_STATE);
  const removed = await removeLeftoverContainers(new Docker(), cleanupId);
  core.info(
    cleanupId === ''
      ? 'The main step saved no cleanup id (it started no sandbox): nothing to clean.'
      : removed.length === 0
        ? 'No sandbox container left behind.'
        : `Removed ${removed.length} sandbox container(s) left behind: ${removed.map((id) => id.slice(0, 12)).join(', ')}`,
  );
} catch (error) {
  // No Docker here (the job never used it, or the runner is going away): nothing to clean, nothing to fail.
  core.warning(
    `Could not check for leftover sandbox containers: ${error instanceof Error ? error.message : String(error)}`,
  );
}
process.exit(0);
