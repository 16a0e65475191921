/**
 * Vega-Lite config from the VS Code theme. Pure: it takes a reader of CSS custom properties, so it
 * is unit-tested with fake values; the page passes one backed by getComputedStyle(document.body).
 *
 * Why resolved colours rather than `var(--vscode-…)` strings: vega computes with some colours (e.g.
 * opacity blends in legends) and the accessible table and tests want real values. The page re-renders
 * the charts when VS Code switches theme (body class vscode-light / vscode-dark / vscode-high-contrast).
 */

export type CssVariableReader = (name: string) => string;

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface ChartTheme {
  kind: ThemeKind;
  foreground: string;
  background: string;
  /** Axis lines, ticks and grid (a quieter colour than the foreground). */
  gridColor: string;
  fontFamily: string;
  fontSize: number;
  /** Category colours, learner series first. */
  palette: string[];
}

/** VS Code's chart colour tokens in the order series get them. */
export const CHART_PALETTE_VARIABLES = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-red',
  '--vscode-charts-yellow',
] as const;

// VS Code's own default values of those tokens (Default Light+/Dark+), used when a variable is not
// set, e.g. in the dev preview or an older host.
const FALLBACK_PALETTE: Record<'light' | 'dark', string[]> = {
  light: ['#1a85ff', '#d18616', '#388a34', '#652d90', '#e51400', '#bf8803'],
  dark: ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'],
};
const FALLBACK_FOREGROUND: Record<'light' | 'dark', string> = { light: '#616161', dark: '#cccccc' };
const FALLBACK_BACKGROUND: Record<'light' | 'dark', string> = { light: '#ffffff', dark: '#1f1f1f' };
const FALLBACK_FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", "Ubuntu", "Droid Sans", sans-serif';

/** The theme kind from the body's classes, as VS Code sets them on webview bodies. */
export function themeKindFromClasses(classes: Iterable<string>): ThemeKind {
  const set = new Set(classes);
  if (set.has('vscode-high-contrast-light')) return 'high-contrast-light';
  if (set.has('vscode-high-contrast')) return 'high-contrast';
  if (set.has('vscode-dark')) return 'dark';
  return 'light';
}

function darkish(kind: ThemeKind): 'light' | 'dark' {
  return kind === 'dark' || kind === 'high-contrast' ? 'dark' : 'light';
}

export function readChartTheme(read: CssVariableReader, kind: ThemeKind): ChartTheme {
  const get = (name: string): string => read(name).trim();
  const base = darkish(kind);
  const foreground = get('--vscode-editor-foreground') || get('--vscode-foreground') || FALLBACK_FOREGROUND[base];
  const palette = CHART_PALETTE_VARIABLES.map((name, i) => get(name) || FALLBACK_PALETTE[base][i]);
  const highContrast = kind === 'high-contrast' || kind === 'high-contrast-light';
  const fontSize = Number.parseFloat(get('--vscode-font-size'));
  return {
    kind,
    foreground,
    background: get('--vscode-editor-background') || FALLBACK_BACKGROUND[base],
    // In high contrast every line must be visible at full contrast; otherwise use the theme's chart line colour.
    gridColor: highContrast
      ? (get('--vscode-contrastBorder') || foreground)
      : (get('--vscode-charts-lines') || get('--vscode-panel-border') || foreground),
    fontFamily: get('--vscode-font-family') || FALLBACK_FONT,
    fontSize: Number.isFinite(fontSize) && fontSize > 0 ? fontSize : 13,
    palette,
  };
}

/** A Vega-Lite `config` object. Only plain JSON, so it can be merged into any spec. */
export function vegaLiteConfig(theme: ChartTheme): Record<string, unknown> {
  const highContrast = theme.kind === 'high-contrast' || theme.kind === 'high-contrast-light';
  const small = Math.max(10, Math.round(theme.fontSize * 0.85));
  const text = { font: theme.fontFamily, fill: theme.foreground };
  const axis = {
    domainColor: theme.gridColor,
    gridColor: theme.gridColor,
    gridOpacity: highContrast ? 0.6 : 0.35,
    tickColor: theme.gridColor,
    labelColor: theme.foreground,
    titleColor: theme.foreground,
    labelFont: theme.fontFamily,
    titleFont: theme.fontFamily,
    labelFontSize: small,
    titleFontSize: theme.fontSize,
    titleFontWeight: 'normal',
  };
  return {
    background: theme.background,
    font: theme.fontFamily,
    padding: 8,
    view: { stroke: null },
    title: { color: theme.foreground, font: theme.fontFamily, fontSize: theme.fontSize + 1, fontWeight: 600, anchor: 'start', offset: 8 },
    axis,
    legend: {
      labelColor: theme.foreground,
      titleColor: theme.foreground,
      labelFont: theme.fontFamily,
      titleFont: theme.fontFamily,
      labelFontSize: small,
      orient: 'bottom',
      direction: 'vertical',
      labelLimit: 400,
    },
    range: { category: theme.palette },
    line: { strokeWidth: highContrast ? 3 : 2 },
    point: { filled: true, size: highContrast ? 60 : 36 },
    rule: { color: theme.foreground },
    text,
  };
}
