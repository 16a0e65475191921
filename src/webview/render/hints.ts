/** Hints revealed so far and the "Show next hint" button. Hints are text, never HTML. */
import { button, h, replaceChildren } from '../dom';
import { nextHintLabel } from '../view-model';

export function renderHints(section: HTMLElement, hints: string[], total: number, requestNextHint: () => void): void {
  if (total <= 0) {
    section.hidden = true;
    replaceChildren(section);
    return;
  }
  section.hidden = false;
  const label = nextHintLabel(hints.length, total);
  const hadFocus = document.activeElement?.getAttribute('data-testid') === 'next-hint';
  const next = label === undefined ? null : button(label, { class: 'secondary', id: 'next-hint', 'data-testid': 'next-hint' }, requestNextHint);
  replaceChildren(section,
    h('h2', { id: 'hints-heading' }, `Hints (${hints.length} of ${total})`),
    hints.length > 0 && h('ol', { class: 'hints', 'data-testid': 'hint-list' },
      ...hints.map((hint, i) => h('li', { 'data-testid': 'hint', 'data-hint-index': i }, hint))),
    next,
    label === undefined && h('p', { class: 'meta' }, 'All hints are shown.'),
  );
  // The button was rebuilt: keep keyboard users where they were.
  if (hadFocus) (next ?? section.querySelector<HTMLElement>('li:last-child'))?.focus();
}
