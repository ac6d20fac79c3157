/**
 * Filter and sort of the run list, shared by the page (controls) and the URL (`/?status=failed&sort=tokens`),
 * so a link reproduces what someone saw. Unknown or malformed parameters are ignored, never an error.
 */
import type { RunStatus, RunSummary } from './run-summary.js';

export const SORT_KEYS = ['date', 'tokens', 'cost', 'duration'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const STATUSES: readonly RunStatus[] = ['ok', 'failed', 'unfinished', 'running'];

export interface RunQuery {
  status: RunStatus | '';
  model: string;
  backend: string;
  /** Inclusive day bounds, YYYY-MM-DD (UTC), or ''. */
  from: string;
  to: string;
  /** Case-insensitive text searched in the task. */
  q: string;
  sort: SortKey;
  order: 'asc' | 'desc';
}

export const DEFAULT_QUERY: RunQuery = {
  status: '',
  model: '',
  backend: '',
  from: '',
  to: '',
  q: '',
  sort: 'date',
  order: 'desc',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Accepts `location.search` with or without the `?`. */
export function parseRunQuery(search: string): RunQuery {
  const params = new URLSearchParams(search);
  const text = (name: string): string => (params.get(name) ?? '').slice(0, 200);
  const status = STATUSES.find((value) => value === params.get('status')) ?? '';
  const sort = SORT_KEYS.find((value) => value === params.get('sort')) ?? 'date';
  const order = params.get('order') === 'asc' ? 'asc' : 'desc';
  const day = (name: string): string => (DAY.test(text(name)) ? text(name) : '');
  return {
    status,
    model: text('model'),
    backend: text('backend'),
    from: day('from'),
    to: day('to'),
    q: text('q'),
    sort,
    order,
  };
}

/** Only the parameters that differ from the defaults, in a stable order: short, shareable URLs. */
export function formatRunQuery(query: RunQuery): string {
  const params = new URLSearchParams();
  for (const key of ['status', 'model', 'backend', 'from', 'to', 'q', 'sort', 'order'] as const) {
    if (query[key] !== DEFAULT_QUERY[key]) params.set(key, query[key]);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function applyRunQuery(runs: readonly RunSummary[], query: RunQuery): RunSummary[] {
  const needle = query.q.toLowerCase();
  const fromMs = query.from === '' ? -Infinity : Date.parse(`${query.from}T00:00:00.000Z`);
  const toMs = query.to === '' ? Infinity : Date.parse(`${query.to}T23:59:59.999Z`);
  const kept = runs.filter((run) => {
    if (query.status !== '' && run.status !== query.status) return false;
    if (query.model !== '' && run.model !== query.model && run.sub_model !== query.model) return false;
    if (query.backend !== '' && run.backend !== query.backend) return false;
    const started = Date.parse(run.start_time);
    if (started < fromMs || started > toMs) return false;
    return needle === '' || run.task.toLowerCase().includes(needle);
  });
  const value = sortValue(query.sort);
  const direction = query.order === 'asc' ? 1 : -1;
  // Unknown cost sorts last in both directions: it is not "cheapest".
  return kept.sort((a, b) => {
    const left = value(a);
    const right = value(b);
    if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1;
    return (left - right) * direction || a.id.localeCompare(b.id);
  });
}

function sortValue(key: SortKey): (run: RunSummary) => number | null {
  switch (key) {
    case 'tokens':
      return (run) => run.tokens;
    case 'cost':
      return (run) => run.cost_usd;
    case 'duration':
      return (run) => run.duration_ms;
    case 'date':
      return (run) => Date.parse(run.start_time) || 0;
  }
}

/** Distinct values for the model and backend pickers. */
export function distinctValues(runs: readonly RunSummary[], field: 'model' | 'backend'): string[] {
  return [...new Set(runs.map((run) => run[field]))].sort();
}
