/**
 * The two Docker Engine API calls the post step needs (list containers by label, remove one), over plain
 * node:http on the daemon's socket. The post step runs in every job that uses the action and must start
 * fast: dockerode with its SSH and TLS transports would be most of its bundle. A DOCKER_HOST this client
 * does not speak (TLS, ssh://) goes through dockerode, loaded only then.
 */
import { request, type RequestOptions } from 'node:http';

export interface ContainerSummary {
  Id: string;
}

export interface ContainerEngine {
  listContainers(labels: readonly string[]): Promise<ContainerSummary[]>;
  /** Force-removes a container; resolves to false when it is already gone or being removed. */
  removeContainer(id: string): Promise<boolean>;
}

/** Where node:http reaches the daemon, or null when DOCKER_HOST needs a transport it lacks. */
export function plainEndpoint(
  env: Readonly<Record<string, string | undefined>>,
): Pick<RequestOptions, 'socketPath' | 'host' | 'port'> | null {
  const host = env.DOCKER_HOST?.trim() || 'unix:///var/run/docker.sock';
  if (env.DOCKER_TLS_VERIFY || env.DOCKER_CERT_PATH) return null;
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  if (host.startsWith('/')) return { socketPath: host };
  const tcp = /^tcp:\/\/([^:/]+):(\d+)\/?$/.exec(host);
  if (tcp) return { host: tcp[1] ?? '', port: Number(tcp[2]) };
  return null;
}

const TIMEOUT_MS = 30_000;

function call(
  endpoint: Pick<RequestOptions, 'socketPath' | 'host' | 'port'>,
  method: string,
  path: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ ...endpoint, method, path, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`Docker Engine API ${method} ${path}: no answer in 30 s`)));
    req.on('error', reject);
    req.end();
  });
}

export function httpEngine(endpoint: Pick<RequestOptions, 'socketPath' | 'host' | 'port'>): ContainerEngine {
  return {
    async listContainers(labels) {
      const filters = encodeURIComponent(JSON.stringify({ label: labels }));
      const { status, body } = await call(endpoint, 'GET', `/containers/json?all=1&filters=${filters}`);
      if (status !== 200)
        throw new Error(`Docker Engine API: listing containers answered ${status}: ${body.trim()}`);
      const parsed: unknown = JSON.parse(body);
      if (!Array.isArray(parsed)) throw new Error('Docker Engine API: the container list is not an array');
      return parsed.filter(
        (item): item is ContainerSummary =>
          item !== null && typeof item === 'object' && typeof (item as { Id?: unknown }).Id === 'string',
      );
    },
    async removeContainer(id) {
      if (!/^[0-9a-f]{12,64}$/.test(id)) throw new Error(`Docker Engine API: "${id}" is not a container id`);
      const { status, body } = await call(endpoint, 'DELETE', `/containers/${id}?force=1`);
      if (status === 204) return true;
      if (status === 404 || status === 409) return false;
      throw new Error(`Docker Engine API: removing ${id.slice(0, 12)} answered ${status}: ${body.trim()}`);
    },
  };
}

/** dockerode, for transports node:http does not speak; imported only when needed. */
export async function dockerodeEngine(): Promise<ContainerEngine> {
  const { default: Docker } = await import('dockerode');
  const docker = new Docker();
  return {
    async listContainers(labels) {
      return docker.listContainers({ all: true, filters: { label: [...labels] } });
    },
    async removeContainer(id) {
      try {
        await docker.getContainer(id).remove({ force: true });
        return true;
      } catch (error) {
        const status = (error as { statusCode?: unknown }).statusCode;
        if (status === 404 || status === 409) return false;
        throw error;
      }
    },
  };
}

export async function engineFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Promise<ContainerEngine> {
  const endpoint = plainEndpoint(env);
  return endpoint ? httpEngine(endpoint) : dockerodeEngine();
}
