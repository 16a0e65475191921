/**
 * Pure: a grader ChartSpec + a theme config → the Vega-Lite spec the page embeds. Shared by the page
 * and by the Node test that compiles and renders every chart to SVG (test/unit/webview/charts-render.test.ts).
 */
import { isReferenceSeries } from '../grading/series-role';
import type { AccessibleTable, ChartSpec } from '../grading/types';

export const CHART_HEIGHT = 220;

/**
 * The options vega-embed needs under the webview CSP (checked in VS Code 1.100.3): `ast: true` makes
 * vega evaluate expressions with its interpreter instead of `new Function` (no 'unsafe-eval');
 * `defaultStyle: false` and the tooltip's `disableDefaultStyle` stop it injecting <style> elements
 * (no 'unsafe-inline'); media/webview.css carries the tooltip styles instead.
 */
export const EMBED_OPTIONS = {
  ast: true,
  actions: false,
  renderer: 'svg',
  defaultStyle: false,
  tooltip: { disableDefaultStyle: true },
} as const;

/**
 * Series in authored order (the table's columns after the x column: "yours" before "reference"),
 * so the learner's own line gets the first palette colour and leads the legend. Vega-Lite would
 * otherwise sort series names alphabetically. Only layers colouring by the `series` field change.
 */
function withSeriesOrder(spec: ChartSpec): ChartSpec {
  const order = spec.usermeta?.gradlab?.table?.columns?.slice(1);
  if (!order?.length || !Array.isArray(spec.layer)) return spec;
  const layer = (spec.layer as Array<Record<string, unknown>>).map((l) => {
    const encoding = l.encoding as Record<string, Record<string, unknown> | undefined> | undefined;
    const color = encoding?.color;
    if (!color || color.field !== 'series' || color.sort !== undefined) return l;
    const scale = (color.scale ?? {}) as Record<string, unknown>;
    // A fixed domain keeps colours stable across layers (a marker layer may hold only one series).
    return { ...l, encoding: { ...encoding, color: { ...color, sort: order, scale: { domain: order, ...scale } } } };
  });
  return { ...spec, layer };
}

export function themedSpec(spec: ChartSpec, config: Record<string, unknown>, width: number | 'container' = 'container'): Record<string, unknown> {
  const own = typeof spec.config === 'object' && spec.config !== null ? spec.config as Record<string, unknown> : {};
  return {
    ...withSeriesOrder(spec),
    width,
    height: CHART_HEIGHT,
    // fit-x: the plot uses the panel's width (it sits beside the editor, often narrow).
    autosize: { type: 'fit-x', contains: 'padding' },
    // Our theme first; a spec's own config (none today) wins on purpose, as the more specific one.
    config: { ...config, ...own },
  };
}

// The page receives chart JSON only, so the reference series is recognised by the name charts.ts gave it.
export { isReferenceSeries };

/**
 * The chart without the reference solution's series (ExercisePanel.showResult(result, false), e.g.
 * the setting gradlab.showReferenceCurve is off so the curve does not give the answer away):
 * reference points and markers are dropped from every layer and their columns from the table.
 */
export function withoutReferenceSeries(spec: ChartSpec): ChartSpec {
  const layer = Array.isArray(spec.layer)
    ? (spec.layer as Array<Record<string, unknown>>).map((l) => {
      const data = l.data as { values?: Array<Record<string, unknown>> } | undefined;
      if (!data || !Array.isArray(data.values)) return l;
      return { ...l, data: { ...data, values: data.values.filter((v) => !isReferenceSeries(v.series)) } };
    })
    : spec.layer;
  const table = spec.usermeta?.gradlab?.table;
  let newTable: AccessibleTable | undefined = table;
  if (table) {
    const keep = table.columns.map((c, i) => i === 0 || !isReferenceSeries(c));
    newTable = {
      caption: table.caption,
      columns: table.columns.filter((_, i) => keep[i]),
      rows: table.rows.map((row) => row.filter((_, i) => keep[i])),
    };
  }
  return {
    ...spec,
    layer,
    usermeta: { ...spec.usermeta, gradlab: { ...spec.usermeta.gradlab, table: newTable as AccessibleTable } },
  };
}
