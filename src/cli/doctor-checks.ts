/**
 * The checks behind `rlm doctor`, one per problem in the guide's Troubleshooting
 * section: config valid, Docker installed / running / usable by this user, the
 * sandbox image present, an API key for the backend, a writable log directory.
 * Each failure carries the fix the user should apply.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import type Docker from 'dockerode';
import { readApiKey } from '../config/api-key.js';
import type { Settings } from '../config/settings.js';
import { API_KEY_ENV, apiKeyRequired } from '../models/api-key.js';
import { engineMessage, statusCodeOf } from '../sandbox/docker/docker-errors.js';

export interface CheckResult {
  name: string;
  ok: boolean;
  /** What was found, in a few words. */
  detail: string;
  /** What to do about it; only for failures. */
  fix?: string;
}

const pass = (name: string, detail: string): CheckResult => ({ name, ok: true, detail });
const fail = (name: string, detail: string, fix: string): CheckResult => ({ name, ok: false, detail, fix });

/** `docker` on PATH, or an engine socket where DOCKER_HOST (or the default) says: either means it is installed. */
export function checkDockerInstalled(env: Record<string, string | undefined>): CheckResult {
  const cli = (env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, 'docker'))
    .find((path) => isExecutable(path));
  const socket = socketPath(env);
  if (cli !== undefined) return pass('docker installed', cli);
  if (socket !== undefined && existsSync(socket)) return pass('docker installed', `engine socket ${socket}`);
  if (socket === undefined) return pass('docker installed', `remote engine ${env.DOCKER_HOST ?? ''}`);
  return fail(
    'docker installed',
    `no docker command on PATH and no engine socket at ${socket}`,
    'Install Docker (https://docs.docker.com/engine/install/), or set DOCKER_HOST to your engine. ' +
      'For trusted code only, `environment: repl` runs without Docker.',
  );
}

/** What the engine checks need of a Docker client (dockerode's Docker has both). */
export type DockerProbe = Pick<Docker, 'ping' | 'getImage'>;

/** "running" and "permission" from one ping: EACCES means it runs but this user may not use it. */
export async function checkDockerEngine(
  docker: Pick<DockerProbe, 'ping'>,
  env: Record<string, string | undefined>,
): Promise<CheckResult[]> {
  const where = env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  try {
    await withinMs(docker.ping(), PING_TIMEOUT_MS);
    return [pass('docker running', `engine answers at ${where}`), pass('docker permission', 'socket usable')];
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'EACCES' || code === 'EPERM') {
      return [
        pass('docker running', `socket present at ${where}`),
        fail(
          'docker permission',
          `permission denied on ${where}`,
          'Add yourself to the docker group (`sudo usermod -aG docker $USER`), log out and back in, then `docker ps`.',
        ),
      ];
    }
    return [
      fail(
        'docker running',
        `engine not reachable at ${where}: ${engineMessage(error)}`,
        'Start Docker (Linux: `sudo systemctl start docker`; macOS / Windows: open Docker Desktop), then `docker ps`.',
      ),
    ];
  }
}

export async function checkImage(
  docker: Pick<DockerProbe, 'getImage'>,
  image: string,
  pull: boolean,
): Promise<CheckResult> {
  try {
    await docker.getImage(image).inspect();
    return pass('sandbox image', `${image} present`);
  } catch (error) {
    const missing = statusCodeOf(error) === 404;
    return fail(
      'sandbox image',
      missing ? `${image} is not present locally` : `cannot inspect ${image}: ${engineMessage(error)}`,
      `\`docker pull ${image}\`${pull ? ' (rlm run would also pull it on first use)' : ''}, ` +
        'or set docker.image to an image with python3 (scripts/build-sandbox-image.sh builds one offline).',
    );
  }
}

export function checkApiKey(settings: Settings, env: Record<string, string | undefined>): CheckResult {
  const variable = settings.apiKeyEnv ?? API_KEY_ENV[settings.backend];
  if (variable === null) return pass('api key', `backend ${settings.backend} needs none`);
  if (readApiKey(settings, env) !== undefined) return pass('api key', `${variable} is set`);
  if (!apiKeyRequired(settings.backend, settings.baseUrl ?? undefined)) {
    return pass('api key', `${variable} not set (optional for backend ${settings.backend} here)`);
  }
  return fail(
    'api key',
    `${variable} is not set (backend ${settings.backend})`,
    `export ${variable}=... (or add it to ~/.bashrc / ~/.zshrc); api_key_env names another variable.`,
  );
}

/** Writable if it exists and is a writable directory, or if the nearest existing parent is. */
export function checkLogDir(logDir: string): CheckResult {
  let probe = logDir;
  while (!existsSync(probe)) {
    const parent = dirname(probe);
    if (parent === probe) break;
    probe = parent;
  }
  const fix = `Point log_dir (or --log-dir / RLM_LOG_DIR) at a directory you can write, or fix the permissions of ${probe}.`;
  if (!statSync(probe, { throwIfNoEntry: false })?.isDirectory()) {
    return fail('log dir', `${probe} is not a directory, so ${logDir} cannot be created`, fix);
  }
  try {
    accessSync(probe, constants.W_OK);
  } catch {
    return fail('log dir', `${probe} is not writable`, fix);
  }
  return pass('log dir', probe === logDir ? `${logDir} is writable` : `${logDir} can be created`);
}

// An engine that accepts the connection but never answers must not hang the doctor.
const PING_TIMEOUT_MS = 10_000;

async function withinMs<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function socketPath(env: Record<string, string | undefined>): string | undefined {
  const host = env.DOCKER_HOST;
  if (host === undefined || host === '') return '/var/run/docker.sock';
  return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function errnoOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
