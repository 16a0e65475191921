/**
 * A plain-text table: padded columns, a header underline, no box drawing (it copies cleanly into
 * issues, CI logs and e-mails). Cells may contain ANSI colour; widths ignore it.
 */
import { displayWidth } from './style';

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Cells longer than this are cut with an ellipsis so one long value cannot wreck the layout. */
  maxWidth?: number;
}

export function truncate(text: string, maxWidth: number, ellipsis = '…'): string {
  if (displayWidth(text) <= maxWidth) return text;
  const chars = Array.from(text);
  return chars.slice(0, Math.max(0, maxWidth - Array.from(ellipsis).length)).join('') + ellipsis;
}

export function renderTable(columns: Column[], rows: string[][], opts: { indent?: string; ellipsis?: string } = {}): string {
  const indent = opts.indent ?? '';
  const cells = rows.map((row) =>
    columns.map((col, i) => {
      const cell = row[i] ?? '';
      return col.maxWidth !== undefined ? truncate(cell, col.maxWidth, opts.ellipsis) : cell;
    }),
  );
  const widths = columns.map((col, i) => Math.max(displayWidth(col.header), ...cells.map((row) => displayWidth(row[i]))));
  const pad = (text: string, i: number) => {
    const fill = ' '.repeat(widths[i] - displayWidth(text));
    return columns[i].align === 'right' ? fill + text : text + fill;
  };
  const line = (row: string[]) => indent + row.map(pad).join('  ').replace(/\s+$/, '');
  const out = [line(columns.map((c) => c.header)), indent + widths.map((w, i) => (columns[i].header ? '-' : ' ').repeat(w)).join('  ').replace(/\s+$/, '')];
  for (const row of cells) out.push(line(row));
  return out.join('\n') + '\n';
}
