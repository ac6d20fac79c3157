/** Runs side by side, per-model figures, and the "Model Comparison … Winner" summary. */
import { formatCount, formatDuration, formatUsd } from '../../trajectory/render/format.js';
import type { Comparison } from '../data/compare.js';
import type { RunSummary } from '../data/run-summary.js';
import { h, link } from './dom.js';

const ROWS: ReadonlyArray<[string, (run: RunSummary) => string]> = [
  ['Status', (run) => run.status],
  ['Model', (run) => run.model],
  ['Backend', (run) => run.backend],
  ['Started', (run) => run.start_time],
  ['Tokens', (run) => formatCount(run.tokens)],
  ['Tokens in / out', (run) => `${formatCount(run.tokens_in)} / ${formatCount(run.tokens_out)}`],
  ['Cost', (run) => formatUsd(run.cost_usd)],
  ['Duration', (run) => formatDuration(run.duration_ms)],
  ['Model calls', (run) => formatCount(run.calls)],
  ['Iterations', (run) => formatCount(run.iterations)],
  ['Depth reached', (run) => formatCount(run.depth)],
  ['Task', (run) => run.task],
];

export function compareView(comparison: Comparison, linkRuns: boolean): HTMLElement {
  const runs = comparison.runs;
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, ''),
    ...runs.map((run) =>
      h(
        'th',
        { scope: 'col' },
        linkRuns
          ? link(`/runs/${encodeURIComponent(run.id)}`, run.id.slice(0, 12), { title: run.id })
          : run.id.slice(0, 12),
      ),
    ),
  );
  const sideBySide = h(
    'table',
    { class: 'compare-runs' },
    h('thead', {}, head),
    h(
      'tbody',
      {},
      ...ROWS.map(([label, value]) =>
        h('tr', {}, h('th', { scope: 'row' }, label), ...runs.map((run) => h('td', {}, value(run)))),
      ),
    ),
  );
  const models = h(
    'table',
    { class: 'compare-models' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Model', 'Runs (root)', 'Succeeded', 'Calls', 'Tokens', 'Cost', 'Mean duration'].map((name) =>
          h('th', { scope: 'col' }, name),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...comparison.models.map((model) =>
        h(
          'tr',
          {},
          h('td', {}, model.model),
          h('td', { class: 'num' }, formatCount(model.runs)),
          h('td', { class: 'num' }, formatCount(model.succeeded)),
          h('td', { class: 'num' }, formatCount(model.calls)),
          h('td', { class: 'num' }, formatCount(model.tokens)),
          h('td', { class: 'num' }, formatUsd(model.cost_usd)),
          h(
            'td',
            { class: 'num' },
            model.mean_duration_ms === null ? '—' : formatDuration(model.mean_duration_ms),
          ),
        ),
      ),
    ),
  );
  return h(
    'section',
    { class: 'compare-view' },
    h('h2', {}, `Comparing ${runs.length} runs`),
    h('pre', { class: 'winner-summary' }, comparison.summary),
    sideBySide,
    h('h3', {}, 'Per model'),
    models,
  );
}
