/**
 * The MCP servers the tool tests talk to: real servers from npm, started the
 * way a user would declare them (node + the package's entry point, so the
 * test does not depend on which `node` is first on PATH).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import type { McpStdioServerConfig } from '../../../src/tools/mcp-spec.js';

const PACKAGES = path.resolve('node_modules/@modelcontextprotocol');

export function memoryServer(
  memoryFile: string,
  extra: Partial<McpStdioServerConfig> = {},
): McpStdioServerConfig {
  return {
    command: process.execPath,
    args: [path.join(PACKAGES, 'server-memory/dist/index.js')],
    env: { MEMORY_FILE_PATH: memoryFile },
    ...extra,
  };
}

export function everythingStdioServer(extra: Partial<McpStdioServerConfig> = {}): McpStdioServerConfig {
  return {
    command: process.execPath,
    args: [path.join(PACKAGES, 'server-everything/dist/index.js'), 'stdio'],
    ...extra,
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningHttpServer {
  url: string;
  stop(): Promise<void>;
}

/** server-everything in its Streamable HTTP mode, reached on 127.0.0.1. */
export async function startEverythingHttpServer(): Promise<RunningHttpServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(PACKAGES, 'server-everything/dist/index.js'), 'streamableHttp'],
    { env: { PATH: process.env.PATH ?? '', PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server-everything did not start: ${stderr}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('listening on port')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server-everything exited with ${code}: ${stderr}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
