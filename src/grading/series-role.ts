/**
 * Whose line a chart series is: the learner's ("yours") or the reference solution's. charts.ts
 * names series "<metric title> (yours)" / "<metric title> (reference)"; the webview only receives
 * the chart JSON, so it tells the roles apart by those same suffixes. Pure: bundled into the webview.
 */
export type SeriesRole = 'yours' | 'reference';

/** The suffix a series name carries when a chart shows both roles. */
export const SERIES_SUFFIX: Readonly<Record<SeriesRole, string>> = { yours: ' (yours)', reference: ' (reference)' };

/** True for a series name charts.ts gave the reference solution's series. */
export function isReferenceSeries(name: unknown): boolean {
  return typeof name === 'string' && name.endsWith(SERIES_SUFFIX.reference);
}
