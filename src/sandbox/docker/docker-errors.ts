/**
 * The Docker failures a user can act on, each as a DockerError with its fix.
 * dockerode errors carry `statusCode` and a `json.message` from the engine.
 */
import { DockerError } from '../../errors.js';
import { DEFAULT_IMAGE } from '../default-image.js';

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
    fix: image === DEFAULT_IMAGE ? buildDefaultImageFix(details.pullDisabled) : otherImageFix(image, details),
  });
}

/** The default image can always be built here, from Debian packages, under exactly its name. */
function buildDefaultImageFix(pullDisabled: boolean): string {
  return (
    'Build it locally with `rlm image build` (from Debian packages, no registry needed; ' +
    'in a checkout `bash scripts/build-sandbox-image.sh`, or `bash scripts/setup.sh` for the whole set-up)' +
    (pullDisabled ? ', or allow pulling missing images (docker.pull: true).' : '.')
  );
}

function otherImageFix(image: string, details: { pullDisabled: boolean }): string {
  return details.pullDisabled
    ? `Pull or build it first (\`docker pull ${image}\`), or allow pulling missing images (docker.pull: true).`
    : `Check the image name and that its registry is reachable (\`docker pull ${image}\`). ` +
        `Offline, use the default image (${DEFAULT_IMAGE}), which \`rlm image build\` builds locally.`;
}

/**
 * The runtime a run asks for is not registered with the engine (`docker info` Runtimes).
 * `fix` names the way to install gVisor for where the run happens.
 */
export function runtimeNotRegistered(runtime: string, registered: string[], fix: string): DockerError {
  const known = registered.length === 0 ? 'none' : registered.join(', ');
  return new DockerError(
    `The container runtime ${runtime} is not registered with the Docker Engine (registered: ${known})`,
    { fix },
  );
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
