/**
 * The exercise instructions: HTML rendered by the host with markdown-it (html disabled, see
 * src/extension/panel/markdown.ts), so inserting it as HTML is the intended trust boundary.
 * Re-rendered only when the HTML changes, so the learner's scroll position and <details> state stay.
 */
import { h, replaceChildren } from '../dom';

const shownHtml = new WeakMap<HTMLElement, string>();

export function renderInstructions(details: HTMLDetailsElement, html: string | undefined): void {
  if (!html) {
    details.hidden = true;
    replaceChildren(details);
    return;
  }
  details.hidden = false;
  if (shownHtml.get(details) === html) return;
  const content = h('div', { class: 'markdown-body', 'data-testid': 'instructions-body' });
  content.innerHTML = html;
  shownHtml.set(details, html);
  replaceChildren(details, h('summary', {}, h('span', { class: 'section-title' }, 'Instructions')), content);
}
