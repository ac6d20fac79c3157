/**
 * The trajectory as a workflow-run artifact: the redacted trajectory (JSONL, one object) and readable
 * renderings, written to a fresh directory and handed to an ArtifactUploader (the real one is
 * @actions/artifact; tests use a recording one). Runs on success, failure and cancellation alike.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  html?(trajectory: Trajectory): string;
}

export interface PreparedArtifact {
  directory: string;
  files: string[];
}

/** Writes the artifact's files; every byte goes through the redactor. */
export async function prepareArtifactFiles(
  trajectory: Trajectory,
  directory: string,
  redactor: Redactor,
  renderers: TrajectoryRenderers,
): Promise<PreparedArtifact> {
  await mkdir(directory, { recursive: true });
  const redacted = redactor.redactDeep(trajectory);
  const files: Array<[string, string]> = [
    ['trajectory.jsonl', `${JSON.stringify(redacted)}\n`],
    ['trajectory.md', redactor.redact(renderers.markdown(redacted))],
  ];
  if (renderers.html) files.push(['trajectory.html', redactor.redact(renderers.html(redacted))]);
  const paths: string[] = [];
  for (const [name, text] of files) {
    const path = join(directory, name);
    await writeFile(path, text, 'utf8');
    paths.push(path);
  }
  return { directory, files: paths };
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
