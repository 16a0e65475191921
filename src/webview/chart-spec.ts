/**
 * Pure: a grader ChartSpec + a theme config → the Vega-Lite spec the page embeds. Shared by the page
 * and by the Node test that compiles and renders every chart to SVG (test/unit/webview/charts-render.test.ts).
 */
import type { ChartSpec } from '../grading/types';

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

export function themedSpec(spec: ChartSpec, config: Record<string, unknown>, width: number | 'container' = 'container'): Record<string, unknown> {
  const own = typeof spec.config === 'object' && spec.config !== null ? spec.config as Record<string, unknown> : {};
  return {
    ...spec,
    width,
    height: CHART_HEIGHT,
    // fit-x: the plot uses the panel's width (it sits beside the editor, often narrow).
    autosize: { type: 'fit-x', contains: 'padding' },
    // Our theme first; a spec's own config (none today) wins on purpose, as the more specific one.
    config: { ...config, ...own },
  };
}
