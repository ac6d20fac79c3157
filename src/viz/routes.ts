/**
 * What the dashboard serves, as a pure function of the request path and the log dir: the run list, one
 * run (live while it is in progress), compare, and the same data as JSON. Read-only; files are re-read on
 * every request, so runs that finish or are still journalling while the page is open show up.
 */
import { findTrajectory, readTrajectories } from '../trajectory/reader.js';
import { loadOutputImages } from '../trajectory/output-files.js';
import { renderTrajectoryHtml } from '../trajectory/render/html.js';
import { escapeHtml } from '../trajectory/render/format.js';
import type { Trajectory } from '../trajectory/types.js';
import { compareRuns } from './data/compare.js';
import { runStatus, summarizeRun } from './data/run-summary.js';
import { contentSecurityPolicy, PAGE_STYLE_HASH, renderPage } from './page-html.js';
import { PAGE_STYLE } from './page-style.js';

export interface Reply {
  status: number;
  body: string;
  contentType: 'text/html; charset=utf-8' | 'application/json';
}

/** Compare pages take at most this many runs: more would not fit side by side. */
export const MAX_COMPARE = 12;

// Also sent as a header; pages add their own <meta> policy, and the stricter of the two holds.
export const DASHBOARD_CSP = contentSecurityPolicy(true, true);

const html = (status: number, body: string): Reply => ({
  status,
  body,
  contentType: 'text/html; charset=utf-8',
});
const json = (value: unknown): Reply => ({
  status: 200,
  body: JSON.stringify(value),
  contentType: 'application/json',
});

export async function route(logDir: string, method: string, url: string): Promise<Reply> {
  if (method !== 'GET' && method !== 'HEAD')
    return html(405, messagePage('Not allowed', 'The dashboard is read-only.'));
  const parsed = new URL(url, 'http://localhost');
  const path = parsed.pathname;
  if (path === '/') {
    const runs = (await readTrajectories(logDir)).map(summarizeRun);
    return html(
      200,
      renderPage({
        title: 'RLM runs',
        data: { view: 'list', runs, log_dir: logDir },
        allowSameOriginFetch: true,
      }),
    );
  }
  if (path === '/api/runs' || path === '/api/trajectories') {
    return json((await readTrajectories(logDir)).map(summarizeRun));
  }
  if (path === '/compare') return comparePage(logDir, parsed.searchParams.get('ids') ?? '');
  const match = /^\/(api\/)?runs\/([^/]+)$/.exec(path);
  if (match?.[2]) {
    const id = safeDecode(match[2]);
    const trajectory = id === undefined ? undefined : findTrajectory(await readTrajectories(logDir), id);
    if (trajectory === undefined) return html(404, messagePage('Not found', 'No such run.'));
    if (match[1]) return json(trajectory);
    const live = runStatus(trajectory) === 'running';
    // Image outputs inline; read from the log dir without following symlinks, checked by sha256.
    const images = await loadOutputImages(logDir, trajectory);
    return html(
      200,
      renderTrajectoryHtml(trajectory, {
        images,
        ...(live ? { liveUrl: `/api/runs/${encodeURIComponent(trajectory.trajectory_id)}` } : {}),
      }),
    );
  }
  return html(404, messagePage('Not found', 'Nothing here.'));
}

async function comparePage(logDir: string, ids: string): Promise<Reply> {
  const wanted = ids
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
    .slice(0, MAX_COMPARE);
  if (wanted.length < 2) return html(400, messagePage('Compare', 'Pick at least two runs: /compare?ids=A,B'));
  const all = await readTrajectories(logDir);
  const found = wanted.map((id) => findTrajectory(all, id));
  const missing = wanted.filter((_, index) => found[index] === undefined);
  if (missing.length > 0) return html(404, messagePage('Not found', `No run with id ${missing.join(', ')}.`));
  const comparison = compareRuns(found.filter((run): run is Trajectory => run !== undefined));
  return html(
    200,
    renderPage({
      title: 'Compare RLM runs',
      data: { view: 'compare', comparison, served: true },
      allowSameOriginFetch: true,
    }),
  );
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Script-free page for errors; shares the stylesheet and its hash. */
function messagePage(title: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${PAGE_STYLE_HASH}"><title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head><body><h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)} <a href="/">All runs</a></p>
</body></html>
`;
}
