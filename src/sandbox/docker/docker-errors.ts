/**
 * The Docker failures a user can act on, each as a DockerError with its fix.
 * dockerode errors carry `statusCode` and a `json.message` from the engine.
 */
import { DockerError } from '../../errors.js';

export function statusCodeOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    const status = (error as { statusCode: unknown }).statusCode;
    return typeof status === 'number' ? status : undefined;
  }
  return undefined;
}

/** The engine's own message when there is one, else the error text. */
export function engineMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'json' in error) {
    const json = (error as { json: unknown }).json;
    if (typeof json === 'object' && json !== null && 'message' in json) {
      const message = (json as { message: unknown }).message;
      if (typeof message === 'string') return message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}

export function dockerUnreachable(cause: unknown): DockerError {
  return new DockerError(`Docker is not reachable: ${engineMessage(cause)}`, {
    cause,
    fix:
      'Start the Docker Engine (`sudo systemctl start docker`, or `sudo dockerd &`), make sure this user may use ' +
      'its socket (member of the `docker` group) and that DOCKER_HOST, if set, points at it. ' +
      'For trusted code only, `environment: repl` runs without Docker.',
  });
}

export function imageNotFound(
  image: string,
  details: { pullDisabled: boolean; cause?: unknown },
): DockerError {
  const reason = details.cause === undefined ? 'not present locally' : engineMessage(details.cause);
  return new DockerError(`Sandbox image ${image} is not available: ${reason}`, {
    cause: details.cause,
    fix: details.pullDisabled
      ? `Pull or build it first (\`docker pull ${image}\`), or allow pulling missing images (sandbox option pull: true).`
      : `Check the image name and that its registry is reachable (\`docker pull ${image}\`). ` +
        'Offline, build an image with python3 locally (scripts/build-sandbox-image.sh) and set it as the sandbox image.',
  });
}

export function containerFailedToStart(image: string, cause: unknown): DockerError {
  return new DockerError(`The sandbox container (${image}) failed to start: ${engineMessage(cause)}`, {
    cause,
    fix:
      'Check that the image has python3 on its PATH and that the engine accepts the limits ' +
      '(`docker run --rm --memory 1g --pids-limit 128 --init ' +
      `${image} python3 -c 'print(1)'\`); the daemon log usually names the cause.`,
  });
}
