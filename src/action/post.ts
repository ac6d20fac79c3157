/**
 * The post step (action.yml `post:`): runs after the job's steps, even when the main step failed or was
 * cancelled, and removes any sandbox container this job left behind.
 */
import * as core from '@actions/core';
import Docker from 'dockerode';
import { removeLeftoverContainers } from './cleanup.js';

try {
  const removed = await removeLeftoverContainers(new Docker(), process.env);
  core.info(
    removed.length === 0
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
