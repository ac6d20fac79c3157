/**
 * Makes sure the sandbox image exists locally: used as is when present,
 * otherwise pulled (when allowed) with progress reported. `docker.pull()`
 * resolves as soon as the pull *starts*; the outcome is in the progress
 * stream, where a line can carry `error`/`errorDetail` instead of a status.
 */
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { DockerError } from '../../errors.js';
import { dockerUnreachable, imageNotFound, statusCodeOf } from './docker-errors.js';

export type ProgressReporter = (message: string) => void;

export async function ensureImage(
  docker: Docker,
  image: string,
  options: { pull: boolean; onProgress?: ProgressReporter },
): Promise<void> {
  if (await imageIsLocal(docker, image)) return;
  if (!options.pull) throw imageNotFound(image, { pullDisabled: true });
  options.onProgress?.(`Pulling sandbox image ${image}`);
  let stream: Readable;
  try {
    stream = (await docker.pull(image)) as Readable;
  } catch (error) {
    throw imageNotFound(image, { pullDisabled: false, cause: error });
  }
  await followPull(docker, stream, image, options.onProgress);
  if (!(await imageIsLocal(docker, image))) throw imageNotFound(image, { pullDisabled: false });
  options.onProgress?.(`Pulled sandbox image ${image}`);
}

async function imageIsLocal(docker: Docker, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch (error) {
    if (statusCodeOf(error) === 404) return false;
    throw dockerUnreachable(error);
  }
}

/** Waits for a pull stream to end; rejects with a DockerError when any line of it reports an error. */
export function followPull(
  docker: Docker,
  stream: Readable,
  image: string,
  onProgress?: ProgressReporter,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let streamError: string | undefined;
    const lastStatus = new Map<string, string>();
    const onLine = (line: unknown): void => {
      const event = asPullEvent(line);
      if (event.error !== undefined) {
        streamError ??= event.error;
        return;
      }
      // Report each layer's status changes, not every tick of its progress bar.
      if (event.status === undefined || onProgress === undefined) return;
      const key = event.id ?? '';
      if (lastStatus.get(key) === event.status) return;
      lastStatus.set(key, event.status);
      onProgress(`${image}: ${event.id === undefined ? '' : `${event.id} `}${event.status}`);
    };
    docker.modem.followProgress(
      stream,
      (error: Error | null) => {
        const failure = error?.message ?? streamError;
        if (failure === undefined) resolve();
        else reject(imageNotFound(image, { pullDisabled: false, cause: new DockerError(failure) }));
      },
      onLine,
    );
  });
}

interface PullEvent {
  status?: string;
  id?: string;
  error?: string;
}

function asPullEvent(line: unknown): PullEvent {
  if (typeof line !== 'object' || line === null) return {};
  const record = line as Record<string, unknown>;
  const detail = record.errorDetail;
  const detailMessage =
    typeof detail === 'object' &&
    detail !== null &&
    typeof (detail as { message?: unknown }).message === 'string'
      ? (detail as { message: string }).message
      : undefined;
  return {
    status: typeof record.status === 'string' ? record.status : undefined,
    id: typeof record.id === 'string' ? record.id : undefined,
    error: typeof record.error === 'string' ? record.error : detailMessage,
  };
}
