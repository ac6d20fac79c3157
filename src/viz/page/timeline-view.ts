/**
 * Timing: every call as a bar on the wall clock, concurrent calls in lanes side by side, the critical path
 * outlined and the slowest calls marked, plus a list of the slowest calls.
 */
import { formatDuration } from '../../trajectory/render/format.js';
import type { Trajectory } from '../../trajectory/types.js';
import { buildTimeline } from '../data/timeline.js';
import { h, s } from './dom.js';
import { callLabel } from './tree-view.js';

const WIDTH = 1000;
const AXIS = 20;
/** Up to this many calls, each is its own bar with a hover title. */
const SEPARATE_SPANS = 2000;

export function timelineView(trajectory: Trajectory): HTMLElement {
  const timeline = buildTimeline(trajectory.calls);
  const laneHeight = timeline.lanes > 200 ? 3 : timeline.lanes > 40 ? 8 : 18;
  const height = AXIS + timeline.lanes * laneHeight + 4;
  const scale = WIDTH / timeline.total_ms;
  const svg = s('svg', {
    class: 'timeline',
    role: 'img',
    width: WIDTH,
    height,
    viewBox: `0 0 ${WIDTH} ${height}`,
    'data-spans': timeline.spans.length,
    'aria-label': `Timeline of ${timeline.spans.length} calls over ${formatDuration(timeline.total_ms)} in ${timeline.lanes} lanes`,
  });
  for (let tick = 0; tick <= 4; tick += 1) {
    const x = (tick / 4) * (WIDTH - 1);
    svg.appendChild(s('line', { class: 'tick', x1: x, x2: x, y1: 0, y2: height }));
    svg.appendChild(
      s(
        'text',
        { class: 'tick-label', x: Math.min(x + 2, WIDTH - 60), y: 12 },
        formatDuration((tick / 4) * timeline.total_ms),
      ),
    );
  }
  const fragment = document.createDocumentFragment();
  // A huge run draws its ordinary calls as one path per depth (one node each instead of thousands, which is
  // what keeps painting fast); the calls worth pointing at stay separate bars with a hover title.
  const merge = timeline.spans.length > SEPARATE_SPANS;
  const paths = new Map<number, string[]>();
  for (const span of timeline.spans) {
    const call = trajectory.calls[span.index];
    if (!call) continue;
    const x = span.start * scale;
    const y = AXIS + span.lane * laneHeight;
    const width = Math.max(1, (span.end - span.start) * scale);
    const barHeight = Math.max(1, laneHeight - 2);
    if (merge && !span.critical && !span.slow) {
      const depth = span.depth % 6;
      const parts = paths.get(depth) ?? [];
      parts.push(`M${x.toFixed(1)} ${y}h${width.toFixed(1)}v${barHeight}h${(-width).toFixed(1)}z`);
      paths.set(depth, parts);
      continue;
    }
    const classes = [`span depth-${span.depth % 6}`, span.critical ? 'critical' : '', span.slow ? 'slow' : '']
      .filter(Boolean)
      .join(' ');
    fragment.appendChild(
      s(
        'rect',
        { class: classes, 'data-id': span.call_id, x, y, width, height: barHeight },
        s(
          'title',
          {},
          `${callLabel(call)} · ${call.model} · ${formatDuration(span.end - span.start)} from +${formatDuration(span.start)}${span.critical ? ' · critical path' : ''}${span.slow ? ' · among the slowest' : ''}`,
        ),
      ),
    );
  }
  for (const [depth, parts] of paths) {
    svg.appendChild(s('path', { class: `span merged depth-${depth}`, d: parts.join('') }));
  }
  svg.appendChild(fragment);
  const slowest = timeline.spans
    .filter((span) => span.slow)
    .sort((a, b) => b.end - b.start - (a.end - a.start));
  return h(
    'div',
    { class: 'timeline-view' },
    h(
      'p',
      { class: 'note' },
      `${formatDuration(timeline.total_ms)} wall clock · ${timeline.lanes} lane${timeline.lanes === 1 ? '' : 's'} (calls that overlapped sit side by side) · ${timeline.critical_path.length} calls on the critical path (outlined) · slowest calls in red`,
    ),
    h('div', { class: 'scroll' }, svg),
    h('h3', {}, 'Slowest calls'),
    h(
      'ol',
      { class: 'slowest' },
      ...slowest.map((span) => {
        const call = trajectory.calls[span.index];
        return h(
          'li',
          {},
          `${call ? callLabel(call) : span.call_id} · ${formatDuration(span.end - span.start)}${span.critical ? ' · on the critical path' : ''}`,
        );
      }),
    ),
  );
}
