/**
 * The document around every page: the dashboard's pages and the single-file report. The page script and
 * stylesheet are inline and allowed by their SHA-256 hashes, so the Content-Security-Policy needs neither
 * 'unsafe-inline' nor any network source; the data rides along as inert JSON.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../trajectory/render/format.js';
import { PAGE_SCRIPT } from './page-script.generated.js';
import { PAGE_STYLE } from './page-style.js';

export interface PageOptions {
  title: string;
  /** What main.ts reads from #rlm-data. */
  data: unknown;
  /** Server-rendered markup placed before the app (already escaped by its renderer). */
  headerHtml?: string;
  /** Server-rendered markup after the app: the static report, readable with scripts off. */
  staticHtml?: string;
  /** The dashboard lets the page fetch from its own origin (live updates); the report file may not. */
  allowSameOriginFetch?: boolean;
  /** Inline `data:` images (e.g. a run's image outputs embedded in the report). */
  allowDataImages?: boolean;
}

const hash = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export const PAGE_SCRIPT_HASH = hash(PAGE_SCRIPT);
export const PAGE_STYLE_HASH = hash(PAGE_STYLE);

export function contentSecurityPolicy(allowSameOriginFetch: boolean, allowDataImages = false): string {
  return [
    "default-src 'none'",
    `script-src ${PAGE_SCRIPT_HASH}`,
    `style-src ${PAGE_STYLE_HASH}`,
    `connect-src ${allowSameOriginFetch ? "'self'" : "'none'"}`,
    ...(allowDataImages ? ['img-src data:'] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** JSON that cannot end its <script> element early or start a comment, whatever strings it holds. */
export function inertJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function renderPage(options: PageOptions): string {
  const policy = contentSecurityPolicy(
    options.allowSameOriginFetch === true,
    options.allowDataImages === true,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(options.title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
${options.headerHtml ?? `<h1>${escapeHtml(options.title)}</h1>`}
<main id="rlm-app"></main>
${options.staticHtml === undefined ? '' : `<div id="static-report">\n${options.staticHtml}\n</div>`}
<script type="application/json" id="rlm-data">${inertJson(options.data)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
