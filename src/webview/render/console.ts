/** Learner console output in a collapsed <details>. Open/closed state survives updates. */
import type { ConsoleLine } from '../../grading/types';
import { h, replaceChildren } from '../dom';

export function renderConsole(details: HTMLDetailsElement, lines: ConsoleLine[], truncated: boolean): void {
  if (lines.length === 0) {
    details.hidden = true;
    replaceChildren(details);
    return;
  }
  const wasOpen = details.open;
  details.hidden = false;
  const count = `${lines.length} ${lines.length === 1 ? 'line' : 'lines'}${truncated ? ', truncated' : ''}`;
  replaceChildren(details,
    h('summary', { 'data-testid': 'console-summary' }, `Console output (${count})`),
    h('pre', { class: 'console-output', 'data-testid': 'console-output', tabindex: 0 },
      ...lines.map((line) => h('span', { class: `console-line stream-${line.stream}` },
        line.seed !== undefined ? h('span', { class: 'console-seed' }, `[seed ${line.seed}] `) : null,
        line.text,
        '\n'))),
    truncated && h('p', { class: 'meta' }, 'Output was cut to keep the panel responsive.'),
  );
  details.open = wasOpen;
}
