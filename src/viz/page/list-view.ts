/**
 * The run list: filter by status, model, backend, dates and task text; sort by date, tokens, cost or
 * duration. The controls and the URL hold the same query (`/?status=failed&sort=tokens`), so a link shows
 * what its sender saw. Ticking two or more runs enables Compare.
 */
import { formatCount, formatDuration, formatUsd } from '../../trajectory/render/format.js';
import {
  applyRunQuery,
  distinctValues,
  formatRunQuery,
  parseRunQuery,
  SORT_KEYS,
  STATUSES,
  type RunQuery,
} from '../data/run-query.js';
import type { RunSummary } from '../data/run-summary.js';
import { clear, h, link } from './dom.js';

function select(
  name: keyof RunQuery,
  label: string,
  options: ReadonlyArray<[string, string]>,
  value: string,
): HTMLElement {
  const control = h(
    'select',
    { name, 'aria-label': label },
    ...options.map(([optionValue, text]) => {
      const option = h('option', { value: optionValue }, text);
      option.selected = optionValue === value;
      return option;
    }),
  );
  return h('label', {}, `${label} `, control);
}

function input(name: keyof RunQuery, label: string, type: string, value: string): HTMLElement {
  const control = h('input', { name, type, 'aria-label': label, value });
  return h('label', {}, `${label} `, control);
}

export function listView(runs: readonly RunSummary[], logDir: string): HTMLElement {
  let query = parseRunQuery(location.search);
  const chosen = new Set<string>();
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter and sort runs' },
    select(
      'status',
      'Status',
      [['', 'any'], ...STATUSES.map((status): [string, string] => [status, status])],
      query.status,
    ),
    select(
      'model',
      'Model',
      [['', 'any'], ...distinctValues(runs, 'model').map((model): [string, string] => [model, model])],
      query.model,
    ),
    select(
      'backend',
      'Backend',
      [
        ['', 'any'],
        ...distinctValues(runs, 'backend').map((backend): [string, string] => [backend, backend]),
      ],
      query.backend,
    ),
    input('from', 'From', 'date', query.from),
    input('to', 'To', 'date', query.to),
    input('q', 'Task contains', 'search', query.q),
    select(
      'sort',
      'Sort by',
      SORT_KEYS.map((key): [string, string] => [key, key]),
      query.sort,
    ),
    select(
      'order',
      'Order',
      [
        ['desc', 'descending'],
        ['asc', 'ascending'],
      ],
      query.order,
    ),
  );
  const count = h('p', { class: 'count', 'aria-live': 'polite' });
  const compare = h('button', { type: 'button', class: 'compare', disabled: true }, 'Compare selected');
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'runs' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['', 'Run', 'Started', 'Status', 'Model', 'Backend', 'Tokens', 'Cost', 'Duration', 'Task'].map(
          (name) => h('th', { scope: 'col' }, name),
        ),
      ),
    ),
    body,
  );

  const render = (): void => {
    const shown = applyRunQuery(runs, query);
    clear(body);
    const fragment = document.createDocumentFragment();
    for (const run of shown) {
      const box = h('input', {
        type: 'checkbox',
        'aria-label': `Select ${run.id} for comparison`,
        'data-id': run.id,
      });
      box.checked = chosen.has(run.id);
      fragment.appendChild(
        h(
          'tr',
          { 'data-id': run.id },
          h('td', {}, box),
          h('td', {}, link(`/runs/${encodeURIComponent(run.id)}`, run.id.slice(0, 12), { title: run.id })),
          h('td', {}, run.start_time),
          h('td', { class: `status status-${run.status}` }, run.status),
          h('td', {}, run.model),
          h('td', {}, run.backend),
          h('td', { class: 'num' }, formatCount(run.tokens)),
          h('td', { class: 'num' }, formatUsd(run.cost_usd)),
          h('td', { class: 'num' }, formatDuration(run.duration_ms)),
          h('td', { class: 'task' }, run.task),
        ),
      );
    }
    body.appendChild(fragment);
    count.textContent = `${formatCount(shown.length)} of ${formatCount(runs.length)} runs in ${logDir}`;
  };

  form.addEventListener('input', () => {
    const data = new FormData(form);
    const params = new URLSearchParams();
    for (const [key, value] of data) if (typeof value === 'string' && value !== '') params.set(key, value);
    query = parseRunQuery(params.toString());
    history.replaceState(history.state, '', `${location.pathname}${formatRunQuery(query)}`);
    render();
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  body.addEventListener('change', (event) => {
    const box = event.target as HTMLInputElement;
    const id = box.dataset.id;
    if (!id) return;
    if (box.checked) chosen.add(id);
    else chosen.delete(id);
    compare.disabled = chosen.size < 2;
  });
  compare.addEventListener('click', () => {
    location.assign(`/compare?ids=${[...chosen].map(encodeURIComponent).join(',')}`);
  });
  render();
  return h('section', { class: 'list-view' }, form, h('div', { class: 'toolbar' }, count, compare), table);
}
