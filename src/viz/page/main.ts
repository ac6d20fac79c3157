/**
 * Entry of the page script. The server or the report writer embeds the data as JSON in
 * `<script type="application/json" id="rlm-data">`; this reads it and builds the view into #rlm-app.
 */
import type { Trajectory } from '../../trajectory/types.js';
import type { Comparison } from '../data/compare.js';
import type { RunSummary } from '../data/run-summary.js';
import { compareView } from './compare-view.js';
import { clear, h } from './dom.js';
import { importControl } from './import-file.js';
import { listView } from './list-view.js';
import { startLiveUpdates } from './live.js';
import { runView } from './run-view.js';

export type PageData =
  | { view: 'list'; runs: RunSummary[]; log_dir: string }
  | { view: 'run'; trajectory: Trajectory; live_url: string | null }
  | { view: 'compare'; comparison: Comparison; served: boolean };

function readData(): PageData | undefined {
  const text = document.getElementById('rlm-data')?.textContent;
  return text ? (JSON.parse(text) as PageData) : undefined;
}

function showImported(app: HTMLElement, runs: Trajectory[], name: string): void {
  document.getElementById('static-report')?.setAttribute('hidden', '');
  clear(app);
  app.appendChild(
    h('p', { class: 'note imported' }, `Opened ${name} in this page (not copied into the log dir).`),
  );
  if (runs.length > 1) {
    const picker = h(
      'ol',
      { class: 'imported-runs' },
      ...runs.map((run, index) => {
        const button = h(
          'button',
          { type: 'button', 'data-index': index },
          `${run.trajectory_id} · ${run.model} · ${run.start_time}`,
        );
        return h('li', {}, button);
      }),
    );
    const holder = h('div');
    picker.addEventListener('click', (event) => {
      const index = Number((event.target as HTMLElement).closest('button')?.dataset.index);
      const run = runs[index];
      if (run) {
        clear(holder);
        holder.appendChild(runView(run, { title: run.trajectory_id, initialTab: 'tree' }));
      }
    });
    app.append(picker, holder);
    return;
  }
  const run = runs[0];
  if (run) app.appendChild(runView(run, { title: run.trajectory_id, initialTab: 'tree' }));
}

function main(): void {
  const app = document.getElementById('rlm-app');
  const data = readData();
  if (!app || !data) return;
  const errors = h('p', { class: 'bad import-error', role: 'alert' });
  const content = h('div');
  const importer = importControl(
    (runs, name) => {
      errors.textContent = '';
      showImported(content, runs, name);
    },
    (message) => {
      errors.textContent = message;
    },
  );
  app.append(h('div', { class: 'toolbar' }, importer), errors, content);
  if (data.view === 'list') content.appendChild(listView(data.runs, data.log_dir));
  else if (data.view === 'compare') content.appendChild(compareView(data.comparison, data.served));
  else {
    content.appendChild(runView(data.trajectory));
    if (data.live_url !== null) startLiveUpdates(content, data.trajectory, data.live_url);
  }
}

main();
