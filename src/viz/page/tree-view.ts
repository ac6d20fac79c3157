/**
 * The call tree: a keyboard-operable ARIA tree, colour-coded by depth, each node with tokens, cost and
 * latency. Children are built the first time a node opens, so a 10,000-call run costs only what is shown.
 * Selecting a node shows its prompt, response, code blocks and their output in the detail panel.
 */
import { callTree, type CallTreeNode } from '../../trajectory/render/call-tree.js';
import { formatCount, formatDuration, formatUsd } from '../../trajectory/render/format.js';
import type { CallRecord, Trajectory } from '../../trajectory/types.js';
import { callDetail } from './call-detail.js';
import { clear, h } from './dom.js';

/** Runs with at most this many calls open fully; larger ones open only the first top-level call. */
const OPEN_ALL_UP_TO = 200;
const DEPTH_CLASSES = 6;
/** Siblings drawn at a time; a level with thousands of calls stays quick to open. */
const CHUNK = 200;

export function callLabel(call: CallRecord): string {
  return call.kind === 'root'
    ? `${call.node_id} · iteration ${call.iteration}`
    : `${call.node_id} · llm_query`;
}

export function treeView(trajectory: Trajectory): HTMLElement {
  const detail = h(
    'section',
    { class: 'detail', 'aria-live': 'polite', 'aria-label': 'Selected call' },
    h('p', { class: 'note' }, 'Select a call to see its prompt, response, code and output.'),
  );
  const tree = h('ul', { role: 'tree', class: 'calltree', 'aria-label': 'Call tree' });
  const roots = callTree(trajectory);
  const openAll = trajectory.calls.length <= OPEN_ALL_UP_TO;
  let selected: HTMLElement | undefined;

  const select = (item: HTMLElement, node: CallTreeNode): void => {
    selected?.setAttribute('aria-selected', 'false');
    item.setAttribute('aria-selected', 'true');
    selected = item;
    clear(detail);
    detail.appendChild(callDetail(node.call));
  };

  /** Siblings come in chunks: a "show more" item stands for the rest until it is pressed. */
  const build = (nodes: readonly CallTreeNode[], level: number, into: HTMLElement, from = 0): void => {
    const fragment = document.createDocumentFragment();
    const until = Math.min(nodes.length, from + CHUNK);
    for (let index = from; index < until; index += 1) {
      const node = nodes[index];
      if (node) fragment.appendChild(item(node, level));
    }
    if (until < nodes.length) {
      const more = h(
        'li',
        { role: 'none', class: 'more' },
        h(
          'button',
          { type: 'button' },
          `Show ${formatCount(Math.min(CHUNK, nodes.length - until))} more of ${formatCount(nodes.length - until)}`,
        ),
      );
      more.querySelector('button')?.addEventListener('click', (event) => {
        event.stopPropagation();
        more.remove();
        build(nodes, level, into, until);
      });
      fragment.appendChild(more);
    }
    into.appendChild(fragment);
  };

  const item = (node: CallTreeNode, level: number): HTMLElement => {
    const call = node.call;
    const failed = call.error !== null || call.executions.some((e) => e.error !== null || e.status !== 'ok');
    const row = h(
      'div',
      { class: 'row' },
      h('span', { class: 'twisty' }, node.children.length > 0 ? '▸' : '·'),
      h('span', { class: 'label' }, callLabel(call)),
      h('span', { class: 'model' }, call.model),
      h('span', { class: 'num' }, `${formatCount(call.tokens_in + call.tokens_out)} tok`),
      h('span', { class: 'num' }, formatUsd(call.cost_usd)),
      h('span', { class: 'num' }, formatDuration(call.latency_ms)),
      failed ? h('span', { class: 'bad' }, '✘') : null,
      node.children.length > 0
        ? h('span', { class: 'note' }, `${formatCount(node.children.length)} sub`)
        : null,
    );
    const li = h(
      'li',
      {
        role: 'treeitem',
        class: `depth-${call.depth % DEPTH_CLASSES}`,
        'aria-level': level,
        'aria-selected': 'false',
        tabindex: -1,
        'data-id': call.call_id,
      },
      row,
    );
    const handlers = { node, built: false };
    if (node.children.length > 0) li.setAttribute('aria-expanded', 'false');
    itemNodes.set(li, handlers);
    if (node.children.length > 0 && (openAll || (level === 1 && node === roots[0]))) toggle(li, true);
    return li;
  };

  const itemNodes = new WeakMap<HTMLElement, { node: CallTreeNode; built: boolean }>();

  const toggle = (li: HTMLElement, open: boolean): void => {
    const state = itemNodes.get(li);
    if (!state || state.node.children.length === 0) return;
    if (open && !state.built) {
      const group = h('ul', { role: 'group' });
      build(state.node.children, Number(li.getAttribute('aria-level')) + 1, group);
      li.appendChild(group);
      state.built = true;
    }
    li.setAttribute('aria-expanded', String(open));
    const twisty = li.querySelector(':scope > .row > .twisty');
    if (twisty) twisty.textContent = open ? '▾' : '▸';
  };

  const visibleItems = (): HTMLElement[] =>
    [...tree.querySelectorAll<HTMLElement>('li[role="treeitem"]')].filter(
      (li) => li.closest('li[aria-expanded="false"] > ul li') === null,
    );

  const focus = (li: HTMLElement | undefined): void => {
    if (!li) return;
    tree.querySelectorAll('li[tabindex="0"]').forEach((other) => other.setAttribute('tabindex', '-1'));
    li.setAttribute('tabindex', '0');
    li.focus();
  };

  tree.addEventListener('click', (event) => {
    const target = event.target as Element;
    const li = target.closest<HTMLElement>('li[role="treeitem"]');
    const state = li ? itemNodes.get(li) : undefined;
    if (!li || !state) return;
    if (target.closest('.twisty')) toggle(li, li.getAttribute('aria-expanded') !== 'true');
    else select(li, state.node);
    focus(li);
    event.stopPropagation();
  });

  tree.addEventListener('keydown', (event) => {
    const li = (event.target as Element).closest<HTMLElement>('li[role="treeitem"]');
    const state = li ? itemNodes.get(li) : undefined;
    if (!li || !state) return;
    const items = visibleItems();
    const index = items.indexOf(li);
    const expanded = li.getAttribute('aria-expanded');
    switch (event.key) {
      case 'ArrowDown':
        focus(items[index + 1]);
        break;
      case 'ArrowUp':
        focus(items[index - 1]);
        break;
      case 'ArrowRight':
        if (expanded === 'false') toggle(li, true);
        else if (expanded === 'true') focus(li.querySelector<HTMLElement>(':scope > ul > li') ?? undefined);
        break;
      case 'ArrowLeft':
        if (expanded === 'true') toggle(li, false);
        else focus(li.parentElement?.closest<HTMLElement>('li[role="treeitem"]') ?? undefined);
        break;
      case 'Home':
        focus(items[0]);
        break;
      case 'End':
        focus(items[items.length - 1]);
        break;
      case 'Enter':
      case ' ':
        select(li, state.node);
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  const controls = h(
    'div',
    { class: 'controls' },
    h('button', { type: 'button', class: 'expand-all' }, 'Expand all'),
    h('button', { type: 'button', class: 'collapse-all' }, 'Collapse all'),
  );
  controls.querySelector('.expand-all')?.addEventListener('click', () => {
    // Breadth-first so newly built groups are opened too.
    for (
      let pending = [...tree.querySelectorAll<HTMLElement>('li[aria-expanded="false"]')];
      pending.length > 0;
      pending = [...tree.querySelectorAll<HTMLElement>('li[aria-expanded="false"]')]
    ) {
      pending.forEach((li) => toggle(li, true));
    }
  });
  controls.querySelector('.collapse-all')?.addEventListener('click', () => {
    tree.querySelectorAll<HTMLElement>('li[aria-expanded="true"]').forEach((li) => toggle(li, false));
  });

  if (roots.length === 0) return h('p', { class: 'note' }, 'No model calls.');
  build(roots, 1, tree);
  tree.querySelector('li')?.setAttribute('tabindex', '0');
  return h('div', { class: 'tree-view' }, controls, h('div', { class: 'split' }, tree, detail));
}
