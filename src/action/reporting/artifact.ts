/**
 * The trajectory as a workflow-run artifact: the redacted trajectory (JSONL, one object) and readable
 * renderings, written to a fresh directory and handed to an ArtifactUploader (the real one is
 * @actions/artifact; tests use a recording one). Runs on success, failure and cancellation alike.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SafeDirectory } from '../../host-fs/safe-directory.js';
import { loadOutputImages, OUTPUTS_SUBDIR, readOutputFile } from '../../trajectory/output-files.js';
import type { Redactor } from '../../trajectory/redactor.js';
import type { Trajectory } from '../../trajectory/types.js';

export interface UploadedArtifact {
  id: number | null;
  /** Link to download it from the workflow run page; null when unknown. */
  url: string | null;
}

export interface ArtifactUploader {
  upload(name: string, files: string[], rootDirectory: string): Promise<UploadedArtifact>;
}

/** Renderings of a trajectory; each returns the file's text. */
export interface TrajectoryRenderers {
  markdown(trajectory: Trajectory): string;
  /** `images`: bytes of image outputs by path, shown inline. */
  html?(trajectory: Trajectory, images?: ReadonlyMap<string, Buffer>): string;
}

export interface PreparedArtifact {
  directory: string;
  files: string[];
}

/**
 * Writes the artifact's files; every text byte goes through the redactor. With `logDir`, the run's
 * collected outputs are copied in under `outputs/` (read without following symlinks and checked against
 * their recorded sha256) and image outputs are shown inline in the HTML report.
 */
export async function prepareArtifactFiles(
  trajectory: Trajectory,
  directory: string,
  redactor: Redactor,
  renderers: TrajectoryRenderers,
  logDir: string | null = null,
): Promise<PreparedArtifact> {
  await mkdir(directory, { recursive: true });
  const redacted = redactor.redactDeep(trajectory);
  const files: Array<[string, string]> = [
    ['trajectory.jsonl', `${JSON.stringify(redacted)}\n`],
    ['trajectory.md', redactor.redact(renderers.markdown(redacted))],
  ];
  const images = logDir === null ? new Map<string, Buffer>() : await loadOutputImages(logDir, trajectory);
  if (renderers.html) files.push(['trajectory.html', redactor.redact(renderers.html(redacted, images))]);
  const paths: string[] = [];
  for (const [name, text] of files) {
    const path = join(directory, name);
    await writeFile(path, text, 'utf8');
    paths.push(path);
  }
  if (logDir !== null && trajectory.outputs.length > 0) {
    paths.push(...(await copyOutputs(trajectory, logDir, directory)));
  }
  return { directory, files: paths };
}

/** Bytes of outputs copied into one artifact at most (the sandbox's /output cap is lower by default). */
export const MAX_ARTIFACT_OUTPUT_BYTES = 256 * 1024 * 1024;

async function copyOutputs(trajectory: Trajectory, logDir: string, directory: string): Promise<string[]> {
  const copied: string[] = [];
  let budget = MAX_ARTIFACT_OUTPUT_BYTES;
  const root = await SafeDirectory.open(directory, [OUTPUTS_SUBDIR], { create: true });
  try {
    for (const output of trajectory.outputs) {
      const data = await readOutputFile(logDir, trajectory, output, budget);
      if (data === undefined) continue;
      budget -= data.length;
      const parts = output.path.split('/');
      const name = parts.pop() ?? '';
      const target = await SafeDirectory.open(root.path, parts, { create: true });
      try {
        const handle = await target.createFile(name, 0o644);
        try {
          await handle.writeFile(data);
        } finally {
          await handle.close();
        }
      } finally {
        await target.close();
      }
      copied.push(join(directory, OUTPUTS_SUBDIR, ...output.path.split('/')));
    }
  } finally {
    await root.close();
  }
  return copied;
}

/**
 * @actions/artifact (v2 artifact service, needs ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL from the runner).
 * Imported on the first upload only: with its gRPC and storage clients it is most of the action's bundle, and
 * runs that upload nothing (ignored events, GHES, upload-artifact: false) never need it.
 */
export class ActionsArtifactUploader implements ArtifactUploader {
  constructor(
    private readonly runPage: string,
    private readonly retentionDays?: number,
  ) {}

  async upload(name: string, files: string[], rootDirectory: string): Promise<UploadedArtifact> {
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const response = await new DefaultArtifactClient().uploadArtifact(
      name,
      files,
      rootDirectory,
      this.retentionDays === undefined ? {} : { retentionDays: this.retentionDays },
    );
    const id = response.id ?? null;
    return { id, url: id === null ? null : `${this.runPage}/artifacts/${id}` };
  }
}
