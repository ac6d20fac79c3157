/** Accessible tabs (WAI-ARIA pattern): arrow keys move between tabs, panels build on first view. */
import { h } from './dom.js';

export interface TabSpec {
  id: string;
  label: string;
  render: () => HTMLElement;
}

export function tabs(
  specs: readonly TabSpec[],
  initial: string,
  onChange: (id: string) => void,
): HTMLElement {
  const list = h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Views' });
  const panels = h('div', { class: 'panels' });
  const built = new Set<string>();
  const buttons = specs.map((spec) => {
    const button = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${spec.id}`,
        'aria-controls': `panel-${spec.id}`,
        'aria-selected': 'false',
        tabindex: -1,
        'data-tab': spec.id,
      },
      spec.label,
    );
    list.appendChild(button);
    panels.appendChild(
      h('div', {
        role: 'tabpanel',
        id: `panel-${spec.id}`,
        'aria-labelledby': `tab-${spec.id}`,
        hidden: true,
        tabindex: 0,
      }),
    );
    return button;
  });
  const show = (id: string, moveFocus: boolean): void => {
    const spec = specs.find((candidate) => candidate.id === id) ?? specs[0];
    if (!spec) return;
    specs.forEach((candidate, index) => {
      const active = candidate === spec;
      const button = buttons[index];
      button?.setAttribute('aria-selected', String(active));
      button?.setAttribute('tabindex', active ? '0' : '-1');
      const panel = panels.children[index] as HTMLElement | undefined;
      if (!panel) return;
      panel.hidden = !active;
      if (active && !built.has(candidate.id)) {
        built.add(candidate.id);
        panel.appendChild(candidate.render());
      }
    });
    if (moveFocus) buttons[specs.indexOf(spec)]?.focus();
    onChange(spec.id);
  };
  list.addEventListener('click', (event) => {
    const id = (event.target as Element).closest<HTMLElement>('[role="tab"]')?.dataset.tab;
    if (id) show(id, false);
  });
  list.addEventListener('keydown', (event) => {
    const current = buttons.findIndex((button) => button.getAttribute('aria-selected') === 'true');
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    let next = current + step;
    if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = specs.length - 1;
    else if (step === 0) return;
    next = (next + specs.length) % specs.length;
    const spec = specs[next];
    if (spec) show(spec.id, true);
    event.preventDefault();
  });
  show(initial, false);
  return h('div', { class: 'tabbed' }, list, panels);
}
