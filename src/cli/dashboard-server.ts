/**
 * The local dashboard behind `rlm visualize`: a read-only HTTP server on
 * 127.0.0.1. What it serves (run list, run views, compare, JSON) is in
 * src/viz/routes.ts; this file only listens and answers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DASHBOARD_CSP, route } from '../viz/routes.js';

export interface Dashboard {
  url: string;
  close(): Promise<void>;
}

// The page's own policy, also as a header: only its hashed script and style, fetches to this origin only.
const HEADERS = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * Names a browser may use for this server. Anything else in the Host header means a page elsewhere got
 * a name it controls to resolve to this address (DNS rebinding) and is trying to read the runs.
 */
function allowedHost(hostHeader: string | undefined, listenHost: string, port: number): boolean {
  if (hostHeader === undefined) return false;
  const names = new Set([
    '127.0.0.1',
    'localhost',
    '[::1]',
    listenHost.includes(':') ? `[${listenHost}]` : listenHost,
  ]);
  return [...names].some((name) => hostHeader.toLowerCase() === `${name}:${port}`);
}

/** `host` is where it listens; anything but loopback is the caller's explicit choice. */
export async function startDashboard(logDir: string, port: number, host = '127.0.0.1'): Promise<Dashboard> {
  let boundPort = port;
  const server: Server = createServer((request, response) => {
    if (!allowedHost(request.headers.host, host, boundPort)) {
      response.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('unexpected Host header\n');
      return;
    }
    void route(logDir, request.method ?? 'GET', request.url ?? '/').then(
      ({ status, body, contentType }) => {
        response.writeHead(status, { ...HEADERS, 'content-type': contentType });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`error: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  boundPort = bound;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
