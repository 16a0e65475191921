/**
 * Charts: one <figure> per ChartSpec, drawn by vega-embed (SVG renderer, CSP-safe options), each with
 * a "Show as table" toggle that shows usermeta.gradlab.table as an accessible <table>.
 * The only module that imports vega-embed (and through it vega and vega-lite).
 */
import embed, { type EmbedResult } from 'vega-embed';
import type { AccessibleTable, ChartSpec } from '../../grading/types';
import { EMBED_OPTIONS, themedSpec } from '../chart-spec';
import { button, h, replaceChildren } from '../dom';
import { chartLabel, tableCell } from '../view-model';

export class ChartsView {
  private embedded: EmbedResult[] = [];
  private shownKey = '';
  /** Chart ids whose table is open: kept across results and theme changes. */
  private readonly openTables = new Set<string>();
  private generation = 0;

  constructor(private readonly section: HTMLElement) {}

  /** Draw `charts` with `config`; a no-op when neither changed since the last call. */
  render(charts: ChartSpec[], config: Record<string, unknown>): void {
    const key = JSON.stringify([charts, config]);
    if (key === this.shownKey) return;
    this.shownKey = key;
    this.clear();
    if (charts.length === 0) {
      this.section.hidden = true;
      replaceChildren(this.section);
      return;
    }
    this.section.hidden = false;
    const generation = ++this.generation;
    const figures = charts.map((spec, index) => this.figure(spec, index, config, generation));
    replaceChildren(this.section, h('h2', { id: 'charts-heading' }, 'Charts'), ...figures);
  }

  private clear(): void {
    for (const result of this.embedded.splice(0)) result.finalize();
  }

  private figure(spec: ChartSpec, index: number, config: Record<string, unknown>, generation: number): HTMLElement {
    const id = spec.usermeta?.gradlab?.id ?? `chart-${index}`;
    const domId = `chart-${index}`;
    const label = chartLabel(spec);
    const canvas = h('div', { class: 'chart-canvas', role: 'img', 'aria-label': label, 'data-testid': 'chart-canvas' });
    const table = spec.usermeta?.gradlab?.table;
    const tableId = `${domId}-table`;
    const tableBox = h('div', { id: tableId, class: 'chart-table', 'data-testid': 'chart-table', hidden: !this.openTables.has(id) },
      table ? accessibleTable(table) : h('p', {}, 'No table for this chart.'));
    const toggle = button(this.openTables.has(id) ? 'Hide table' : 'Show as table', {
      class: 'link-button', 'aria-expanded': String(this.openTables.has(id)), 'aria-controls': tableId, 'data-testid': 'chart-table-toggle',
    }, () => {
      const open = tableBox.hidden;
      tableBox.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = open ? 'Hide table' : 'Show as table';
      if (open) this.openTables.add(id); else this.openTables.delete(id);
    });
    const figure = h('figure', { id: domId, class: 'chart', 'data-testid': 'chart', 'data-chart-id': id, 'data-rendered': 'false' },
      canvas, h('div', { class: 'chart-tools' }, toggle), tableBox);

    // Embed after the figure is in the document, so 'container' width can be measured.
    queueMicrotask(() => {
      embed(canvas, themedSpec(spec, config), { ...EMBED_OPTIONS, tooltip: { ...EMBED_OPTIONS.tooltip } })
        .then((result) => {
          if (generation !== this.generation) { result.finalize(); return; } // a newer result replaced this one
          this.embedded.push(result);
          result.view.container()?.querySelector('svg')?.setAttribute('data-testid', 'chart-svg');
          figure.dataset.rendered = 'true';
        })
        .catch((error: unknown) => {
          if (generation !== this.generation) return;
          figure.dataset.rendered = 'error';
          replaceChildren(canvas, h('p', { class: 'chart-error', 'data-testid': 'chart-error' },
            `This chart could not be drawn (${error instanceof Error ? error.message : String(error)}). Its numbers are in the table below.`));
          tableBox.hidden = false;
          toggle.setAttribute('aria-expanded', 'true');
          toggle.textContent = 'Hide table';
        });
    });
    return figure;
  }
}

/** usermeta.gradlab.table → <table> with caption and scoped headers. */
export function accessibleTable(table: AccessibleTable): HTMLTableElement {
  const [first, ...rest] = table.columns;
  return h('table', { class: 'data-table' },
    h('caption', {}, table.caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, first ?? ''), ...rest.map((c) => h('th', { scope: 'col', class: 'num' }, c)))),
    h('tbody', {}, ...table.rows.map(([head, ...cells]) => h('tr', {},
      h('th', { scope: 'row' }, tableCell(head ?? null)),
      ...cells.map((cell) => h('td', { class: 'num' }, tableCell(cell)))))),
  );
}
