/**
 * A tiny element builder. Text always goes in through text nodes (never innerHTML), so grader
 * messages, hints and console output can never become markup. The one exception, the host-rendered
 * instructions HTML, is inserted explicitly in render/instructions.ts.
 * No `style` attributes anywhere: the CSP has no 'unsafe-inline' for styles.
 */
export type Child = Node | string | null | undefined | false;
export type Attributes = Record<string, string | number | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === 'style') throw new Error('h(): style attributes are blocked by the CSP; use a class');
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replace all children of `parent` (keeps the element itself, so focus rings/ids stay stable). */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

export function button(label: string, attributes: Attributes, onClick: (event: MouseEvent) => void): HTMLButtonElement {
  const el = h('button', { type: 'button', ...attributes }, label);
  el.addEventListener('click', onClick);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`webview: element #${id} missing from the page skeleton`);
  return el as T;
}
