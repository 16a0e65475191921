/**
 * Proof that the charts a GradeResult carries actually draw, without a browser: each spec goes
 * through the page's own pipeline (themedSpec + vegaLiteConfig), vega-lite compiles it, and vega
 * renders it to SVG headless (View.toSVG) with the expression INTERPRETER (`ast: true`), the same
 * CSP-safe path vega-embed takes in the webview. Specs come from the real chart builder
 * (src/grading/charts.ts) fed with synthetic run outcomes.
 */
import { strict as assert } from 'node:assert';
import { buildCharts } from '../../../src/grading/charts';
import type { ChartSpec } from '../../../src/grading/types';
import { themedSpec, withoutReferenceSeries } from '../../../src/webview/chart-spec';
import { readChartTheme, vegaLiteConfig } from '../../../src/webview/theme';
import { chart, check, exercise, run, vector } from '../grading/fixtures';

// vega and vega-lite are ESM with top-level await: load with import(); the specifier is a variable so
// tsc (node10 resolution, blind to package "exports") does not look for their types.
const VEGA = 'vega';
const VEGA_LITE = 'vega-lite';

const DARK = readChartTheme((name) => ({ '--vscode-editor-background': '#1e1e1e', '--vscode-editor-foreground': '#d4d4d4', '--vscode-charts-blue': '#3794ff' } as Record<string, string>)[name] ?? '', 'dark');

async function renderSvg(spec: ChartSpec): Promise<{ svg: string; warnings: string[] }> {
  const vega: any = await import(VEGA);
  const vl: any = await import(VEGA_LITE);
  const warnings: string[] = [];
  const logger = {
    level(): any { return logger; },
    error: (...a: unknown[]) => { warnings.push(`error: ${a.join(' ')}`); return logger; },
    warn: (...a: unknown[]) => { warnings.push(`warn: ${a.join(' ')}`); return logger; },
    info: () => logger,
    debug: () => logger,
  };
  const compiled = vl.compile(themedSpec(spec, vegaLiteConfig(DARK), 480), { logger }).spec;
  const runtime = vega.parse(compiled, undefined, { ast: true });
  const view = new vega.View(runtime, { renderer: 'none', expr: vega.expressionInterpreter, logger });
  try {
    return { svg: await view.toSVG(), warnings };
  } finally {
    view.finalize();
  }
}

function count(haystack: string, needle: RegExp): number {
  return (haystack.match(needle) ?? []).length;
}

const NORMS_YOURS = [1e-8, 3e-6, 2e-3, 0.5];
const NORMS_REF = [0.2, 0.3, 0.4, 0.5];
const LOSS = [2.3, 1.9, Number.NaN, Number.NaN];

function specs(): ChartSpec[] {
  const manifest = exercise([check({ id: 'c', metric: 'loss', op: 'finite' } as never)], {
    metrics: {
      norms: { description: 'Per-layer gradient norm', kind: 'vector' },
      loss: { description: 'Training loss', kind: 'vector' },
    },
    charts: [
      chart({ id: 'norms', kind: 'layerNorms', metrics: ['norms'], logScale: true, title: 'Gradient norm per layer' }),
      chart({ id: 'loss', kind: 'series', metrics: ['loss'], compareReference: false, title: 'Loss over steps' }),
    ],
  });
  const learner = run([{ norms: vector(NORMS_YOURS, ['layer 1', 'layer 2', 'layer 3', 'layer 4']), loss: vector(LOSS) }]);
  const reference = run([{ norms: vector(NORMS_REF, ['layer 1', 'layer 2', 'layer 3', 'layer 4']), loss: vector([2.3, 1.5, 1.1, 0.9]) }]);
  return buildCharts(manifest, learner, reference);
}

describe('webview charts render to SVG headless (vega-lite → vega, interpreter)', function () {
  this.timeout(30000);

  it('the per-layer norm chart draws two lines with one point per layer, on a log axis, without warnings', async () => {
    const spec = specs()[0];
    const { svg, warnings } = await renderSvg(spec);
    assert.deepEqual(warnings, []);
    assert.match(svg, /^<svg/);
    // Two series (yours, reference) → vega draws one line mark per series, each a single <path>.
    const lineGroups = svg.split('class="mark-line role-mark').slice(1).map((g) => g.split('</g>')[0]);
    assert.equal(lineGroups.length, 2, 'one line per series');
    for (const group of lineGroups) assert.equal(count(group, /<path /g), 1);
    // Point marks: one symbol per value of each series.
    const symbolGroup = svg.split('class="mark-symbol role-mark')[1].split('</g>')[0];
    assert.equal(count(symbolGroup, /<path /g), NORMS_YOURS.length + NORMS_REF.length);
    // The log axis spans the decades between 1e-8 and 0.5: its labels are in exponent form.
    assert.match(svg, />1e-8</);
    assert.match(svg, /Gradient norm per layer/);
  });

  it('uses the theme: background, text colour and the first palette colour', async () => {
    const { svg } = await renderSvg(specs()[0]);
    assert.match(svg, /fill="#1e1e1e"/i);
    assert.match(svg, /fill="#d4d4d4"/i);
    assert.match(svg, /stroke="#3794ff"/i);
  });

  it("the learner's series gets the first palette colour and leads the legend (authored order, not alphabetical)", async () => {
    const spec = specs()[0];
    const series = spec.usermeta.gradlab.table.columns.slice(1);
    assert.ok(/yours/.test(series[0]) && /reference/.test(series[1]), `fixture order: ${series.join(', ')}`);
    const { svg } = await renderSvg(spec);
    const legend = svg.slice(svg.indexOf('role-legend'));
    assert.ok(legend.indexOf(series[0]) < legend.indexOf(series[1]), 'yours listed first');
    // The line through the learner's values is drawn in the first palette colour.
    const lineGroups = svg.split('class="mark-line role-mark').slice(1).map((g) => g.split('</g>')[0]);
    const blue = lineGroups.filter((g) => /stroke="#3794ff"/i.test(g));
    assert.equal(blue.length, 1);
    const ariaOfBlue = /aria-label="([^"]*)"/.exec(blue[0])?.[1] ?? '';
    assert.match(ariaOfBlue + blue[0], /yours/);
  });

  it("the reference line is dashed and the learner's solid, so an exact match still shows the learner's colour", async () => {
    const { svg } = await renderSvg(specs()[0]);
    const lineGroups = svg.split('class="mark-line role-mark').slice(1).map((g) => g.split('</g>')[0]);
    const yours = lineGroups.filter((g) => /stroke="#3794ff"/i.test(g));
    const others = lineGroups.filter((g) => !/stroke="#3794ff"/i.test(g));
    assert.equal(yours.length, 1);
    assert.equal(others.length, 1);
    assert.match(others[0], /stroke-dasharray="6,4"/);
    assert.doesNotMatch(yours[0], /stroke-dasharray="6,4"/);
  });

  it('legend labels lead with whose line it is, so truncating a long description keeps "yours"/"reference"', async () => {
    const spec = specs()[0];
    const [yours, reference] = spec.usermeta.gradlab.table.columns.slice(1);
    const { svg, warnings } = await renderSvg(spec);
    assert.deepEqual(warnings, []);
    const legend = svg.slice(svg.indexOf('role-legend'));
    assert.ok(legend.includes(`yours · ${yours.replace(' (yours)', '')}`), legend.slice(0, 2000));
    assert.ok(legend.includes(`reference · ${reference.replace(' (reference)', '')}`));
  });

  it('without the reference (showResult(result, false)) only the learner\'s line is drawn and tabled', async () => {
    const spec = withoutReferenceSeries(specs()[0]);
    const table = spec.usermeta.gradlab.table;
    assert.equal(table.columns.length, 2);
    assert.doesNotMatch(table.columns.join('|'), /reference/);
    assert.ok(table.rows.every((row) => row.length === 2));
    assert.deepEqual(table.rows.map((row) => row[1]), NORMS_YOURS);
    const { svg, warnings } = await renderSvg(spec);
    assert.deepEqual(warnings, []);
    assert.equal(svg.split('class="mark-line role-mark').length - 1, 1);
    const symbolGroup = svg.split('class="mark-symbol role-mark')[1].split('</g>')[0];
    assert.equal(count(symbolGroup, /<path /g), NORMS_YOURS.length);
    assert.doesNotMatch(svg, /\(reference\)/);
  });

  it('a series that turns NaN still draws its finite part and a dashed marker rule', async () => {
    const { svg, warnings } = await renderSvg(specs()[1]);
    assert.deepEqual(warnings, []);
    const symbolGroup = svg.split('class="mark-symbol role-mark')[1].split('</g>')[0];
    assert.equal(count(symbolGroup, /<path /g), LOSS.filter((x) => Number.isFinite(x)).length);
    assert.match(svg, /class="mark-rule role-mark/);
    assert.match(svg, /stroke-dasharray="4,4"/);
  });
});
