/**
 * The local dashboard behind `rlm visualize`: a read-only HTTP server on
 * viz.host (localhost by default) that lists the trajectories in a log directory and shows each one
 * as the self-contained HTML report. Files are re-read on every request, so
 * runs that finish (or are still journalling) while it is open show up.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readTrajectories, readTrajectory } from '../trajectory/reader.js';
import {
  formatCount,
  formatUsd,
  renderTrajectoryHtml,
  trajectoryStatus,
} from '../trajectory/render/index.js';
import { escapeHtml } from '../trajectory/render/format.js';
import type { Trajectory } from '../trajectory/types.js';

export interface Dashboard {
  url: string;
  close(): Promise<void>;
}

const LIST_LIMIT = 200;
// Same policy as the report pages: no scripts, nothing external.
const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/** `host` is where it listens (viz.host); anything but loopback is the caller's explicit choice. */
export async function startDashboard(logDir: string, port: number, host = '127.0.0.1'): Promise<Dashboard> {
  const server: Server = createServer((request, response) => {
    void route(logDir, request.method ?? 'GET', request.url ?? '/').then(
      ({ status, body, json }) => {
        response.writeHead(
          status,
          json ? { 'content-type': 'application/json', 'cache-control': 'no-store' } : HEADERS,
        );
        response.end(body);
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
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Reply {
  status: number;
  body: string;
  json?: boolean;
}

async function route(logDir: string, method: string, url: string): Promise<Reply> {
  if (method !== 'GET') return { status: 405, body: page('Not allowed', '<p>Read-only.</p>') };
  const path = new URL(url, 'http://localhost').pathname;
  if (path === '/')
    return { status: 200, body: indexPage(logDir, await readTrajectories(logDir, { limit: LIST_LIMIT })) };
  if (path === '/api/trajectories') {
    return {
      status: 200,
      json: true,
      body: JSON.stringify(await readTrajectories(logDir, { limit: LIST_LIMIT })),
    };
  }
  const match = /^\/(api\/)?runs\/([^/]+)$/.exec(path);
  if (match?.[2]) {
    const trajectory = await readTrajectory(logDir, decodeURIComponent(match[2]));
    if (trajectory === undefined)
      return { status: 404, body: page('Not found', '<p>No such run. <a href="/">All runs</a></p>') };
    return match[1]
      ? { status: 200, json: true, body: JSON.stringify(trajectory) }
      : { status: 200, body: renderTrajectoryHtml(trajectory) };
  }
  return { status: 404, body: page('Not found', '<p><a href="/">All runs</a></p>') };
}

function indexPage(logDir: string, trajectories: Trajectory[]): string {
  const rows = trajectories.map((t) => {
    const id = escapeHtml(t.trajectory_id);
    return (
      `<tr><td><a href="/runs/${encodeURIComponent(t.trajectory_id)}"><code>${id.slice(0, 8)}</code></a></td>` +
      `<td>${escapeHtml(t.start_time)}</td><td>${escapeHtml(trajectoryStatus(t))}</td><td>${escapeHtml(t.model)}</td>` +
      `<td class="num">${formatCount(t.total_tokens)}</td><td class="num">${escapeHtml(formatUsd(t.total_cost_usd))}</td>` +
      `<td>${escapeHtml(t.task.slice(0, 120))}</td></tr>`
    );
  });
  const table =
    rows.length === 0
      ? '<p>No trajectories yet.</p>'
      : `<table><tr><th>run</th><th>started</th><th>status</th><th>model</th><th>tokens</th><th>cost</th><th>task</th></tr>\n${rows.join('\n')}</table>`;
  return page(
    'RLM runs',
    `<p>Trajectories in <code>${escapeHtml(logDir)}</code>, newest first.</p>\n${table}`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:24px}table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:4px 10px;text-align:left}td.num{text-align:right}td:not(:last-child){white-space:nowrap}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}
