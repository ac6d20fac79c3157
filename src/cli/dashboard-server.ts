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

export async function startDashboard(logDir: string, port: number): Promise<Dashboard> {
  const server: Server = createServer((request, response) => {
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
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
