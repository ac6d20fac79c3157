/**
 * The only way the page creates markup: elements with text set through `textContent` and attributes from
 * a closed list, so model output can never become markup, an event handler or a `javascript:` link.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Attributes the views may set; `on*`, `style`, `src` and `href` are deliberately absent. */
const ALLOWED = new Set([
  'class',
  'id',
  'role',
  'tabindex',
  'title',
  'type',
  'name',
  'value',
  'placeholder',
  'for',
  'accept',
  'aria-label',
  'aria-expanded',
  'aria-selected',
  'aria-controls',
  'aria-level',
  'aria-live',
  'aria-pressed',
  'aria-labelledby',
  'aria-current',
  'data-id',
  'data-index',
  'data-tab',
  'data-sort',
  'data-spans',
  'd',
  'hidden',
  'checked',
  'min',
  'max',
  'x',
  'y',
  'x1',
  'x2',
  'y1',
  'y2',
  'width',
  'height',
  'viewBox',
  'fill',
  'stroke',
  'stroke-width',
  'rx',
  'text-anchor',
  'dominant-baseline',
  'preserveAspectRatio',
  'colspan',
  'scope',
  'open',
  'disabled',
]);

export type Attributes = Record<string, string | number | boolean | undefined>;
export type Child = Node | string | null | undefined | false;

function setAttributes(node: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (!ALLOWED.has(name)) throw new Error(`attribute not allowed: ${name}`);
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(node: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttributes(node, attributes);
  append(node, children);
  return node;
}

export function s(tag: string, attributes: Attributes = {}, ...children: Child[]): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attributes);
  append(node, children);
  return node;
}

/**
 * Links are built only from a path on this site plus encoded parts: a model-chosen string can never
 * become a scheme (`javascript:`) or another origin.
 */
export function link(path: string, text: string, attributes: Attributes = {}): HTMLAnchorElement {
  if (!path.startsWith('/') || path.startsWith('//')) throw new Error(`not a local path: ${path}`);
  const node = h('a', attributes, text);
  node.setAttribute('href', path);
  return node;
}

export function clear(node: Element): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}
