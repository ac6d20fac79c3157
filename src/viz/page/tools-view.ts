/** Tools: every function the model's code used, with count, success rate and mean latency. */
import { formatCount, formatDuration } from '../../trajectory/render/format.js';
import type { Trajectory } from '../../trajectory/types.js';
import { toolStats } from '../data/tool-stats.js';
import { h } from './dom.js';

export function toolsView(trajectory: Trajectory): HTMLElement {
  const stats = toolStats(trajectory);
  if (stats.length === 0) return h('p', { class: 'note' }, "The model's code called no host functions.");
  return h(
    'div',
    { class: 'tools-view' },
    h(
      'table',
      { class: 'tools' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Function', 'Count', 'Success', 'Mean latency', 'Counted per'].map((name, index) =>
            h('th', { scope: 'col', class: index > 0 && index < 4 ? 'num' : '' }, name),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...stats.map((stat) =>
          h(
            'tr',
            {},
            h('td', {}, stat.name),
            h('td', { class: 'num' }, formatCount(stat.count)),
            h('td', { class: 'num' }, `${Math.round(stat.success_rate * 100)}%`),
            h('td', { class: 'num' }, formatDuration(stat.mean_latency_ms)),
            h('td', {}, stat.counted_per === 'call' ? 'call' : 'code block'),
          ),
        ),
      ),
    ),
    h(
      'p',
      { class: 'note' },
      'llm_query and rlm_query are counted per call (rlm_query: per child RLM, its whole span). Registered and MCP tools are recorded per code block, so their figures are those of the blocks that called them.',
    ),
  );
}
