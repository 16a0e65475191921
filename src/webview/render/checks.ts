/** Summary line + the check table (✓/✗, title, measured vs threshold, message, points). */
import type { GradeResult } from '../../grading/types';
import { button, h, replaceChildren } from '../dom';
import { checkRows, type CheckRow } from '../view-model';

export interface OpenFileRequest { line?: number; column?: number; file?: string }

function rowElement(row: CheckRow, openFile: (request: OpenFileRequest) => void): HTMLTableRowElement {
  const status = h('td', { class: 'check-status' },
    h('span', { class: 'check-symbol', 'aria-hidden': 'true' }, row.symbol),
    h('span', { class: 'visually-hidden' }, row.statusLabel),
  );
  const titleCell = h('th', { scope: 'row', class: 'check-title' },
    h('span', { class: 'check-name', 'data-testid': 'check-title' }, row.title),
    row.hidden && h('span', { class: 'tag' }, 'hidden check'),
  );
  const details = h('div', { class: 'check-details' },
    row.message && h('p', { class: 'check-message', 'data-testid': 'check-message' }, row.message),
    row.hint && h('p', { class: 'check-hint' }, h('span', { class: 'label' }, 'Hint: '), row.hint),
    row.location && button(`Go to line ${row.location.line}`, { class: 'link-button', 'data-testid': 'check-go-to-line' },
      () => openFile({ line: row.location!.line, file: row.location!.file })),
  );
  if (details.childNodes.length) titleCell.appendChild(details);
  return h('tr', {
    class: `check-row ${row.passed ? 'passed' : 'failed'}${row.hidden ? ' hidden-check' : ''}`,
    'data-testid': 'check-row',
    'data-check-id': row.id,
    'data-passed': String(row.passed),
    'data-hidden': String(row.hidden),
  },
    status,
    titleCell,
    h('td', { class: 'num', 'data-testid': 'check-measured' }, row.measured),
    h('td', { class: 'num', 'data-testid': 'check-threshold' }, row.threshold, row.reference && h('span', { class: 'reference' }, row.reference)),
    h('td', { class: 'num', 'data-testid': 'check-points' }, row.points),
  );
}

export function renderResults(section: HTMLElement, result: GradeResult | undefined, showReference: boolean, openFile: (request: OpenFileRequest) => void): void {
  if (!result) {
    section.hidden = true;
    replaceChildren(section);
    return;
  }
  section.hidden = false;
  const rows = checkRows(result, { showReference });
  const table = rows.length === 0 ? null : h('table', { class: 'checks', 'data-testid': 'checks-table' },
    h('caption', { class: 'visually-hidden' }, 'Checks and their results'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', class: 'check-status' }, h('span', { class: 'visually-hidden' }, 'Result')),
      h('th', { scope: 'col' }, 'Check'),
      h('th', { scope: 'col', class: 'num' }, 'Measured'),
      h('th', { scope: 'col', class: 'num' }, 'Threshold'),
      h('th', { scope: 'col', class: 'num' }, 'Points'),
    )),
    h('tbody', {}, ...rows.map((row) => rowElement(row, openFile))),
  );
  const seeds = result.seeds.length ? `Seeds ${result.seeds.join(', ')}` : '';
  const meta = [seeds, `${(result.durationMs / 1000).toFixed(1)} s`].filter(Boolean).join(' · ');
  replaceChildren(section,
    h('h2', { id: 'results-heading' }, 'Checks'),
    h('p', { id: 'summary', class: `summary ${result.passed ? 'passed' : 'failed'}`, 'data-testid': 'summary' }, result.summary),
    table,
    h('p', { class: 'meta', 'data-testid': 'result-meta' }, meta),
  );
}
