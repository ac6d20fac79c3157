/**
 * Tokens and cost: one stacked bar per call (input, output, cache read, cache write) as inline SVG, the
 * cost of each call, and the cost table per model.
 */
import { costTable } from '../../trajectory/render/cost-table.js';
import { formatCount, formatUsd } from '../../trajectory/render/format.js';
import type { Trajectory } from '../../trajectory/types.js';
import { h, s } from './dom.js';
import { callLabel } from './tree-view.js';

const SEGMENTS = [
  { key: 'tokens_in', label: 'input', className: 'seg-in' },
  { key: 'tokens_out', label: 'output', className: 'seg-out' },
  { key: 'cache_read_tokens', label: 'cache read', className: 'seg-cr' },
  { key: 'cache_write_tokens', label: 'cache write', className: 'seg-cw' },
] as const;

const CHART_HEIGHT = 160;
const BAR_GAP = 1;

export function tokensView(trajectory: Trajectory): HTMLElement {
  const calls = trajectory.calls;
  const barWidth = calls.length > 400 ? 2 : calls.length > 100 ? 6 : 16;
  const width = Math.max(200, calls.length * (barWidth + BAR_GAP));
  const tallest = calls.reduce(
    (max, call) =>
      Math.max(max, call.tokens_in + call.tokens_out + call.cache_read_tokens + call.cache_write_tokens),
    1,
  );
  const svg = s('svg', {
    class: 'bars',
    role: 'img',
    width,
    height: CHART_HEIGHT,
    viewBox: `0 0 ${width} ${CHART_HEIGHT}`,
    'aria-label': `Tokens per call for ${calls.length} calls; tallest bar ${formatCount(tallest)} tokens`,
  });
  calls.forEach((call, index) => {
    let y = CHART_HEIGHT;
    const x = index * (barWidth + BAR_GAP);
    const group = s(
      'g',
      {},
      s(
        'title',
        {},
        `${callLabel(call)}: ${formatCount(call.tokens_in)} in, ${formatCount(call.tokens_out)} out, ${formatCount(call.cache_read_tokens)} cache read, ${formatCount(call.cache_write_tokens)} cache write · ${formatUsd(call.cost_usd)}`,
      ),
    );
    for (const segment of SEGMENTS) {
      const value = call[segment.key];
      if (value <= 0) continue;
      const height = (value / tallest) * CHART_HEIGHT;
      y -= height;
      group.appendChild(
        s('rect', { class: segment.className, x, y, width: barWidth, height: Math.max(height, 0.5) }),
      );
    }
    svg.appendChild(group);
  });
  const legend = h(
    'p',
    { class: 'legend' },
    ...SEGMENTS.map((segment) =>
      h('span', {}, h('span', { class: `swatch ${segment.className}` }), ` ${segment.label} `),
    ),
  );

  const table = costTable(trajectory);
  const modelRows = [...table.rows, table.total].map((row, index, all) =>
    h(
      'tr',
      { class: index === all.length - 1 ? 'total' : '' },
      h('td', {}, row.model),
      ...[row.calls, row.tokens_in, row.tokens_out, row.cache_read, row.cache_write].map((value) =>
        h('td', { class: 'num' }, formatCount(value)),
      ),
      h('td', { class: 'num' }, formatUsd(row.cost_usd)),
    ),
  );
  const header = (...names: string[]): HTMLElement =>
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...names.map((name, index) => h('th', { scope: 'col', class: index > 0 ? 'num' : '' }, name)),
      ),
    );

  const perCall = h(
    'table',
    { class: 'per-call' },
    header('Call', 'Model', 'In', 'Out', 'Cache read', 'Cache write', 'Cost'),
    h(
      'tbody',
      {},
      ...calls
        .slice(0, 500)
        .map((call) =>
          h(
            'tr',
            {},
            h('td', {}, callLabel(call)),
            h('td', {}, call.model),
            ...[call.tokens_in, call.tokens_out, call.cache_read_tokens, call.cache_write_tokens].map(
              (value) => h('td', { class: 'num' }, formatCount(value)),
            ),
            h('td', { class: 'num' }, formatUsd(call.cost_usd)),
          ),
        ),
    ),
  );
  return h(
    'div',
    { class: 'tokens-view' },
    h('h3', {}, 'Tokens per call'),
    h('div', { class: 'scroll' }, svg),
    legend,
    h('h3', {}, 'Cost per model'),
    h(
      'table',
      { class: 'per-model' },
      header('Model', 'Calls', 'In', 'Out', 'Cache read', 'Cache write', 'Cost'),
      h('tbody', {}, ...modelRows),
    ),
    h('h3', {}, 'Cost per call'),
    calls.length > 500
      ? h(
          'p',
          { class: 'note' },
          `First 500 of ${formatCount(calls.length)} calls; download the run for all.`,
        )
      : null,
    perCall,
  );
}
