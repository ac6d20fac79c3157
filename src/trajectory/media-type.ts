/** Media type of a collected output by its extension: enough to show images inline and name the rest. */
const BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  json: 'application/json',
  jsonl: 'application/x-ndjson',
  html: 'text/html',
  xml: 'application/xml',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  py: 'text/x-python',
  pdf: 'application/pdf',
  zip: 'application/zip',
  parquet: 'application/vnd.apache.parquet',
};

export function mediaTypeOf(path: string): string {
  const dot = path.lastIndexOf('.');
  const extension = dot === -1 ? '' : path.slice(dot + 1).toLowerCase();
  return BY_EXTENSION[extension] ?? 'application/octet-stream';
}

/** Raster and vector images a browser shows in an <img> without running anything (SVG as an image runs no script). */
export function isInlineImage(mediaType: string): boolean {
  return mediaType.startsWith('image/');
}
