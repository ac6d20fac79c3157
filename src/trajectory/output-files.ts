/**
 * Saves a run's collected outputs into `<log_dir>/<trajectory_id>/outputs/` and reads them back for
 * reports. Both go through SafeDirectory: every directory component is opened without following
 * symlinks, files are created with O_EXCL and read only when regular, so a log dir the sandbox once
 * reached cannot redirect a write or a read.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

import { SafeDirectory } from '../host-fs/safe-directory.js';
import type { CollectedOutputs } from '../sandbox/outputs/types.js';
import { safeFileStem } from './journal.js';
import { mediaTypeOf } from './media-type.js';
import { isInlineImageOutput, MAX_INLINE_IMAGE_BYTES } from './render/outputs.js';
import type { OutputRecord, SavedOutputs, SkippedOutput, Trajectory } from './types.js';

export const OUTPUTS_SUBDIR = 'outputs';

/** `<id>/outputs`, relative to the log dir. */
export function outputsDirFor(trajectoryId: string): string {
  return `${safeFileStem(trajectoryId)}/${OUTPUTS_SUBDIR}`;
}

async function openChain(
  root: SafeDirectory,
  parts: readonly string[],
  create: boolean,
): Promise<SafeDirectory> {
  let directory = root;
  try {
    for (const part of parts) {
      const next = await directory.subdirectory(part, { create });
      if (directory !== root) await directory.close();
      directory = next;
    }
  } catch (error) {
    if (directory !== root) await directory.close();
    throw error;
  }
  return directory;
}

export async function saveOutputFiles(
  logDirectory: SafeDirectory,
  logDir: string,
  trajectoryId: string,
  collected: CollectedOutputs,
): Promise<SavedOutputs> {
  const relativeDir = outputsDirFor(trajectoryId);
  // Sorted: tar lists entries in directory order, which says nothing.
  const skipped: SkippedOutput[] = [...collected.skipped].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  const outputs: OutputRecord[] = [];
  if (collected.files.length === 0) {
    return { outcome: { outputs, outputs_skipped: skipped, outputs_dir: null }, directory: null };
  }
  const root = await openChain(logDirectory, relativeDir.split('/'), true);
  try {
    for (const file of [...collected.files].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    )) {
      const parts = file.path.split('/');
      const name = parts.pop() ?? '';
      try {
        const directory = await openChain(root, parts, true);
        try {
          const handle = await directory.createFile(name, 0o644);
          try {
            await handle.writeFile(file.data);
          } finally {
            await handle.close();
          }
        } finally {
          if (directory !== root) await directory.close();
        }
        outputs.push({
          path: file.path,
          bytes: file.data.length,
          sha256: createHash('sha256').update(file.data).digest('hex'),
          media_type: mediaTypeOf(file.path),
        });
      } catch (error) {
        skipped.push({ path: file.path, reason: `not saved: ${(error as Error).message}` });
      }
    }
  } finally {
    if (root !== logDirectory) await root.close();
  }
  return {
    outcome: { outputs, outputs_skipped: skipped, outputs_dir: outputs.length > 0 ? relativeDir : null },
    directory: outputs.length > 0 ? path.join(logDir, relativeDir) : null,
  };
}

/**
 * The bytes of one saved output, checked against the recorded size and sha256 (a file changed since the
 * run is not shown as its output); undefined when it cannot be read safely.
 */
export async function readOutputFile(
  logDir: string,
  trajectory: Pick<Trajectory, 'outputs_dir'>,
  output: OutputRecord,
  maxBytes: number,
): Promise<Buffer | undefined> {
  if (trajectory.outputs_dir === null || output.bytes > maxBytes) return undefined;
  const parts = [...trajectory.outputs_dir.split('/'), ...output.path.split('/')];
  const name = parts.pop() ?? '';
  let base: SafeDirectory | undefined;
  let directory: SafeDirectory | undefined;
  try {
    base = await SafeDirectory.openAnchored(logDir, null, { create: false });
    directory = await openChain(base, parts, false);
    const data = await directory.readFile(name, maxBytes);
    const sha256 = createHash('sha256').update(data).digest('hex');
    return sha256 === output.sha256 ? data : undefined;
  } catch {
    return undefined;
  } finally {
    if (directory !== undefined && directory !== base) await directory.close();
    await base?.close();
  }
}

/** Image outputs of a trajectory for the HTML report, read safely and checked; missing ones are left out. */
export async function loadOutputImages(
  logDir: string,
  trajectory: Pick<Trajectory, 'outputs' | 'outputs_dir'>,
  maxBytes = MAX_INLINE_IMAGE_BYTES,
): Promise<Map<string, Buffer>> {
  const images = new Map<string, Buffer>();
  let budget = maxBytes;
  for (const output of trajectory.outputs) {
    if (!isInlineImageOutput(output) || output.bytes > budget) continue;
    const data = await readOutputFile(logDir, trajectory, output, budget);
    if (data === undefined) continue;
    images.set(output.path, data);
    budget -= data.length;
  }
  return images;
}
