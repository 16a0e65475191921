/** The Vega-Lite theme config built from VS Code's CSS variables. */
import { strict as assert } from 'node:assert';
import { CHART_PALETTE_VARIABLES, readChartTheme, themeKindFromClasses, vegaLiteConfig } from '../../../src/webview/theme';

const DARK_VARS: Record<string, string> = {
  '--vscode-foreground': ' #cccccc',
  '--vscode-editor-foreground': '#d4d4d4',
  '--vscode-editor-background': '#1e1e1e ',
  '--vscode-font-family': 'Segoe WPC, sans-serif',
  '--vscode-font-size': '14px',
  '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-yellow': '#cca700',
};
const reader = (vars: Record<string, string>) => (name: string) => vars[name] ?? '';

describe('webview theme: reading VS Code variables', () => {
  it('takes foreground, background, font and palette from the variables (trimmed)', () => {
    const theme = readChartTheme(reader(DARK_VARS), 'dark');
    assert.equal(theme.foreground, '#d4d4d4'); // editor foreground preferred: charts sit on the editor background
    assert.equal(theme.background, '#1e1e1e');
    assert.equal(theme.fontFamily, 'Segoe WPC, sans-serif');
    assert.equal(theme.fontSize, 14);
    assert.equal(theme.gridColor, 'rgba(204, 204, 204, 0.5)');
    assert.deepEqual(theme.palette, CHART_PALETTE_VARIABLES.map((v) => DARK_VARS[v]));
  });

  it('falls back to defaults per theme kind when variables are missing', () => {
    const light = readChartTheme(reader({}), 'light');
    const dark = readChartTheme(reader({}), 'dark');
    assert.equal(light.palette.length, 6);
    assert.notEqual(light.foreground, dark.foreground);
    assert.notEqual(light.background, dark.background);
    assert.equal(light.fontSize, 13);
    assert.ok(light.palette.every((c) => /^#[0-9a-f]{6}$/i.test(c)));
  });

  it('high contrast uses the contrast border for axes and grid', () => {
    const theme = readChartTheme(reader({ ...DARK_VARS, '--vscode-contrastBorder': '#6fc3df' }), 'high-contrast');
    assert.equal(theme.gridColor, '#6fc3df');
  });

  it('recognises VS Code body classes', () => {
    assert.equal(themeKindFromClasses(['vscode-light']), 'light');
    assert.equal(themeKindFromClasses(['vscode-dark']), 'dark');
    assert.equal(themeKindFromClasses(['vscode-high-contrast']), 'high-contrast');
    assert.equal(themeKindFromClasses(['vscode-high-contrast', 'vscode-high-contrast-light']), 'high-contrast-light');
    assert.equal(themeKindFromClasses([]), 'light');
  });
});

describe('webview theme: Vega-Lite config', () => {
  it('puts the theme into background, axes, legend, title and category range', () => {
    const theme = readChartTheme(reader(DARK_VARS), 'dark');
    const config = vegaLiteConfig(theme) as any;
    assert.equal(config.background, '#1e1e1e');
    assert.equal(config.axis.labelColor, '#d4d4d4');
    assert.equal(config.axis.gridColor, 'rgba(204, 204, 204, 0.5)');
    assert.equal(config.legend.labelColor, '#d4d4d4');
    assert.equal(config.title.color, '#d4d4d4');
    assert.equal(config.font, 'Segoe WPC, sans-serif');
    assert.deepEqual(config.range.category, theme.palette);
    assert.doesNotThrow(() => JSON.stringify(config));
  });

  it('draws thicker lines in high contrast', () => {
    const normal = vegaLiteConfig(readChartTheme(reader(DARK_VARS), 'dark')) as any;
    const hc = vegaLiteConfig(readChartTheme(reader(DARK_VARS), 'high-contrast')) as any;
    assert.ok(hc.line.strokeWidth > normal.line.strokeWidth);
  });
});
