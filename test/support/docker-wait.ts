/** Polling helpers for Docker lifecycle tests: correctness waits with generous deadlines, not speed checks. */
import Docker from 'dockerode';
import { RUN_ID_LABEL } from '../../src/sandbox/docker/container-spec.js';

export async function containersOfRun(docker: Docker, runId: string): Promise<string[]> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${RUN_ID_LABEL}=${runId}`] } });
  return list.map((container) => container.Id);
}

export async function waitForNoContainers(
  docker: Docker,
  runId: string,
  deadlineMs = 30_000,
): Promise<string[]> {
  const end = Date.now() + deadlineMs;
  let left = await containersOfRun(docker, runId);
  while (left.length > 0 && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    left = await containersOfRun(docker, runId);
  }
  return left;
}
