/** Download a run as JSON (one pretty document) or JSONL (one line, as the log dir stores it). */
import type { Trajectory } from '../../trajectory/types.js';
import { h } from './dom.js';

export function exportText(trajectory: Trajectory, format: 'json' | 'jsonl'): string {
  return format === 'json' ? `${JSON.stringify(trajectory, null, 2)}\n` : `${JSON.stringify(trajectory)}\n`;
}

/** A file name from the id, kept to a safe alphabet. */
export function exportFileName(trajectory: Trajectory, format: 'json' | 'jsonl'): string {
  return `trajectory_${trajectory.trajectory_id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80)}.${format}`;
}

function download(trajectory: Trajectory, format: 'json' | 'jsonl'): void {
  const blob = new Blob([exportText(trajectory, format)], {
    type: format === 'json' ? 'application/json' : 'application/x-ndjson',
  });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.setAttribute('href', url); // a blob: URL this page just made, never model text
  anchor.setAttribute('download', exportFileName(trajectory, format));
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function exportButtons(trajectory: Trajectory): HTMLElement {
  const json = h('button', { type: 'button', class: 'download-json' }, 'Download JSON');
  const jsonl = h('button', { type: 'button', class: 'download-jsonl' }, 'Download JSONL');
  json.addEventListener('click', () => download(trajectory, 'json'));
  jsonl.addEventListener('click', () => download(trajectory, 'jsonl'));
  return h('span', { class: 'export' }, json, ' ', jsonl);
}
