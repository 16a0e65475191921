/**
 * Chart specs: compiled with vega-lite's own compile() (no warnings, no errors), then the compiled
 * Vega is inspected for the scale types and marks a learner will see.
 */
import { strict as assert } from 'node:assert';
import { buildCharts, VEGA_LITE_SCHEMA } from '../../../src/grading/charts';
import type { ChartSpec } from '../../../src/grading/types';
import { chart, check, exercise, run, runSame, vector } from './fixtures';

interface CompiledVega {
  marks?: Array<{ type: string; marks?: CompiledVega['marks'] }>;
  scales?: Array<{ name: string; type?: string }>;
}

/**
 * vega-lite is ESM with top-level await: load it with import(), not require(). The specifier is a
 * variable so tsc (node10 resolution, which ignores package "exports") does not look for its types.
 */
const VEGA_LITE = 'vega-lite';
async function compileProblems(spec: object): Promise<{ problems: string[]; vega: CompiledVega }> {
  const vl: any = await import(VEGA_LITE);
  const problems: string[] = [];
  const logger = {
    level(): any { return logger; },
    error: (...args: unknown[]) => { problems.push(`error: ${args.join(' ')}`); return logger; },
    warn: (...args: unknown[]) => { problems.push(`warn: ${args.join(' ')}`); return logger; },
    info: () => logger,
    debug: () => logger,
  };
  const out = vl.compile(spec, { logger });
  return { problems, vega: out.spec as CompiledVega };
}

async function compileStrict(spec: ChartSpec): Promise<CompiledVega> {
  const { problems, vega } = await compileProblems(spec);
  assert.deepEqual(problems, [], `vega-lite reported problems for ${spec.usermeta.gradlab.id}`);
  return vega;
}

function markTypes(v: CompiledVega): string[] {
  const out: string[] = [];
  const walk = (marks: CompiledVega['marks']) => {
    for (const m of marks ?? []) { out.push(m.type); walk(m.marks); }
  };
  walk(v.marks);
  return out;
}

/**
 * The tick labels vega actually draws on the x axis: compile, run the dataflow headless
 * (renderer 'none', no canvas) and read the scenegraph's axis labels.
 */
const VEGA = 'vega';
async function renderedXAxisLabels(spec: object): Promise<string[]> {
  const vl: any = await import(VEGA_LITE);
  const vega: any = await import(VEGA);
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  await view.runAsync();
  const labels: string[] = [];
  const walk = (item: any, inXAxis: boolean) => {
    const isAxis = item.marktype === 'group' && item.role === 'axis';
    const x = isAxis ? item.items?.[0]?.datum?.scale === 'x' : inXAxis;
    if (x && item.marktype === 'text' && item.role === 'axis-label') labels.push(...item.items.map((t: any) => String(t.text)));
    for (const child of item.items ?? []) walk(child, x);
  };
  walk(view.scenegraph().root, false);
  view.finalize();
  return labels;
}

function yScaleType(v: CompiledVega): string | undefined {
  return v.scales?.find((s) => s.name === 'y')?.type;
}

/** The inline data rows of layer `i`. */
function layerValues(spec: ChartSpec, i: number): Array<Record<string, unknown>> {
  return ((spec.layer as any[])[i].data.values) as Array<Record<string, unknown>>;
}

const layerLabels = ['layer 1', 'layer 2', 'layer 3', 'layer 4'];

describe('grading/charts', () => {
  const ex = exercise([check({ id: 'c', metric: 'before', reduce: 'flatness', op: '<=', threshold: 2 })], {
    metrics: {
      before: { description: 'Gradient norms before the fix', kind: 'vector' },
      after: { description: 'Gradient norms after the fix', kind: 'vector' },
      loss: { description: 'Training loss', kind: 'vector' },
      gradNorm: { description: 'Global gradient norm', kind: 'vector' },
      ht: { description: '‖∂L/∂h_t‖', kind: 'vector' },
    },
    charts: [
      chart({ id: 'norms', title: 'Gradient norm per layer', kind: 'layerNorms', metrics: ['before'], logScale: true, yLabel: '‖∂L/∂W‖' }),
      chart({ id: 'fix', title: 'Before and after', kind: 'layerNorms', metrics: ['before', 'after'], logScale: true, compareReference: false }),
      chart({ id: 'train', title: 'Training', kind: 'series', metrics: ['loss', 'gradNorm'], logScale: false, xLabel: 'Step' }),
      chart({ id: 'bptt', title: 'BPTT', kind: 'timesteps', metrics: ['ht'], logScale: true }),
    ],
  });
  const learner = run([
    {
      before: vector([1e-8, 1e-5, 1e-2, 1], layerLabels),
      after: vector([0.5, 0.7, 0.9, 1], layerLabels),
      loss: vector([2, 1, NaN, NaN], ['step 10', 'step 20', 'step 30', 'step 40']),
      gradNorm: vector([3, 30, Infinity, NaN], ['step 10', 'step 20', 'step 30', 'step 40']),
      ht: vector([1e-6, 1e-4, 1e-2, 0]),
    },
    { before: vector([9, 9, 9, 9], layerLabels) },
  ]);
  const reference = runSame({
    before: vector([0.3, 0.5, 0.8, 1], layerLabels),
    after: vector([0.3, 0.5, 0.8, 1], layerLabels),
    loss: vector([2, 1, 0.5, 0.25]),
    gradNorm: vector([3, 2, 1, 0.5]),
    ht: vector([0.1, 0.1, 0.1, 0.1]),
  }, 2);
  const specs = buildCharts(ex, learner, reference);

  it('one spec per ChartDef, Vega-Lite v6 schema, data inline, title set', () => {
    assert.deepEqual(specs.map((s) => s.usermeta.gradlab.id), ['norms', 'fix', 'train', 'bptt']);
    for (const s of specs) {
      assert.equal(s.$schema, VEGA_LITE_SCHEMA);
      assert.ok(typeof s.title === 'string' && s.title.length > 0);
      assert.ok(!JSON.stringify(s).includes('"url"'), 'no data URLs');
    }
  });

  it('no colours are hard-coded (the consumer themes the chart)', () => {
    const json = JSON.stringify(specs);
    assert.ok(!/#[0-9a-fA-F]{3,6}\b|"(color|fill|stroke)"\s*:\s*"/.test(json), json);
  });

  it('layerNorms: log y, ordinal layer axis, learner vs reference, first seed only; compiles cleanly', async () => {
    const s = specs[0];
    const v = await compileStrict(s);
    assert.equal(yScaleType(v), 'log');
    assert.equal(v.scales?.find((sc) => sc.name === 'x')?.type, 'point'); // ordinal positions
    assert.ok(markTypes(v).includes('line') && markTypes(v).includes('symbol'));
    const rows = layerValues(s, 0);
    assert.deepEqual(rows.filter((r) => r.series === 'Gradient norms before the fix (yours)').map((r) => r.y), [1e-8, 1e-5, 1e-2, 1]);
    assert.deepEqual(rows.filter((r) => r.series === 'Gradient norms before the fix (reference)').map((r) => r.y), [0.3, 0.5, 0.8, 1]);
    const enc = (s.layer as any[])[0].encoding;
    assert.equal(enc.y.title, '‖∂L/∂W‖');
    assert.equal(enc.x.title, 'Layer');
    assert.deepEqual(enc.x.sort, layerLabels);
  });

  it('layerNorms before/after: series named by the metric descriptions, no reference when compareReference is false', () => {
    const names = [...new Set(layerValues(specs[1], 0).map((r) => r.series))];
    assert.deepEqual(names, ['Gradient norms before the fix', 'Gradient norms after the fix']);
  });

  it('series: two lines over steps (x from the labels), NaN/inf dropped from the line but marked', async () => {
    const s = specs[2];
    const v = await compileStrict(s);
    assert.equal(yScaleType(v), 'linear');
    const types = markTypes(v);
    assert.ok(types.includes('line') && types.includes('rule'), types.join(','));
    const yours = layerValues(s, 0).filter((r) => r.series === 'Training loss (yours)');
    assert.deepEqual(yours.map((r) => [r.x, r.y]), [[10, 2], [20, 1]]);
    const notes = layerValues(s, 1).map((r) => r.note);
    assert.deepEqual(notes, ['Training loss (yours): NaN from step 30', 'Global gradient norm (yours): inf from step 30']);
    assert.match(String(s.description), /NaN from step 30/);
  });

  it('timesteps: log y; a 0 cannot be drawn on a log axis and is marked instead', async () => {
    const s = specs[3];
    const v = await compileStrict(s);
    assert.equal(yScaleType(v), 'log');
    const yours = layerValues(s, 0).filter((r) => r.series === '‖∂L/∂h_t‖ (yours)');
    assert.deepEqual(yours.map((r) => [r.x, r.y]), [[1, 1e-6], [2, 1e-4], [3, 1e-2]]);
    assert.deepEqual(layerValues(s, 1).map((r) => r.note), ['‖∂L/∂h_t‖ (yours): 0 at timestep 4 (cannot be drawn on a log axis)']);
    assert.equal((s.layer as any[])[0].encoding.x.title, 'Timestep t');
  });

  it('step and timestep axes count in whole numbers (tickMinStep 1, integer format); layers stay ordinal', () => {
    const x = (spec: ChartSpec) => (spec.layer as any[])[0].encoding.x;
    for (const spec of [specs[2], specs[3]]) {
      assert.equal(x(spec).type, 'quantitative');
      assert.deepEqual(x(spec).axis, { tickMinStep: 1, format: 'd' }, spec.usermeta.gradlab.id);
      // The NaN/0 marker rules share the x encoding, so they sit on the same whole-number axis.
      assert.deepEqual((spec.layer as any[])[1].encoding.x, x(spec));
    }
    for (const spec of [specs[0], specs[1]]) {
      assert.equal(x(spec).type, 'ordinal');
      assert.equal(x(spec).axis.tickMinStep, undefined);
    }
  });

  it('a timestep chart of 4 points is drawn with ticks 1, 2, 3, 4, not 1.0, 1.5, …', async () => {
    const spec = specs[3];
    const labels = await renderedXAxisLabels(spec);
    assert.ok(labels.length >= 2, labels.join(' '));
    assert.ok(labels.every((l) => /^\d+$/.test(l)), `x ticks: ${labels.join(' ')}`);
    // Control: the same chart without the axis setting does get fractional ticks, so the check above can fail.
    const plain = JSON.parse(JSON.stringify(spec));
    for (const layer of plain.layer) delete layer.encoding.x.axis;
    assert.ok((await renderedXAxisLabels(plain)).some((l) => l.includes('.')));
  });

  it('a learner series whose metric description ends in "(reference)" is still drawn solid as the learner\'s', () => {
    const named = exercise([check({ id: 'c', metric: 'loss', reduce: 'last', op: '<=', threshold: 1 })], {
      metrics: { loss: { description: 'Loss (reference)', kind: 'vector' } },
      charts: [chart({ id: 'l', title: 'Loss', kind: 'series', metrics: ['loss'], logScale: false, compareReference: false })],
    });
    const [spec] = buildCharts(named, run([{ loss: vector([1, 2]) }]));
    assert.deepEqual(layerValues(spec, 0).map((r) => [r.series, r.role]), [['Loss (reference)', 'yours'], ['Loss (reference)', 'yours']]);
  });

  it('positions parsed from fractional labels keep the default axis (no rounding "0.5" to "1")', () => {
    const ratios = exercise([check({ id: 'c', metric: 'loss', reduce: 'last', op: '<=', threshold: 1 })], {
      metrics: { loss: { description: 'Loss per learning rate', kind: 'vector' } },
      charts: [chart({ id: 'lr', title: 'Learning rates', kind: 'series', metrics: ['loss'], logScale: false, compareReference: false })],
    });
    const [spec] = buildCharts(ratios, run([{ loss: vector([1, 2, 3], ['lr 0.1', 'lr 0.5', 'lr 1']) }]));
    const x = (spec.layer as any[])[0].encoding.x;
    assert.equal(x.axis, undefined);
    assert.deepEqual(layerValues(spec, 0).map((r) => r.x), [0.1, 0.5, 1]);
  });

  it('every chart compiles without warnings', async () => {
    for (const s of specs) await compileStrict(s);
  });

  it('the accessible table carries the same numbers, NaN spelled out', () => {
    const t = specs[2].usermeta.gradlab.table;
    assert.equal(t.caption, 'Training (seed 1)');
    assert.deepEqual(t.columns, ['Step', 'Training loss (yours)', 'Training loss (reference)', 'Global gradient norm (yours)', 'Global gradient norm (reference)']);
    // Reference series have no labels, so their positions are "step 1".."step 4" — rows of their own.
    assert.deepEqual(t.rows[0], ['step 10', 2, null, 3, null]);
    assert.deepEqual(t.rows[2], ['step 30', 'NaN', null, 'inf', null]);
    assert.deepEqual(t.rows[4], ['step 1', null, 2, null, 3]);
    const norms = specs[0].usermeta.gradlab.table;
    assert.deepEqual(norms.rows, [
      ['layer 1', 1e-8, 0.3], ['layer 2', 1e-5, 0.5], ['layer 3', 1e-2, 0.8], ['layer 4', 1, 1],
    ]);
    assert.equal(specs[0].usermeta.gradlab.kind, 'layerNorms');
  });

  it('a learner run that failed still yields compilable charts (reference only)', async () => {
    const failed = { seeds: [], error: { kind: 'syntax' as const, message: 'x', line: 1 }, console: [], consoleTruncated: false, durationMs: 1 };
    const out = buildCharts(ex, failed, reference);
    for (const s of out) await compileStrict(s);
    assert.deepEqual([...new Set(layerValues(out[0], 0).map((r) => r.series))], ['Gradient norms before the fix (reference)']);
  });

  it('the strict compile helper does catch vega-lite warnings (so the checks above can fail)', async () => {
    const { problems } = await compileProblems({
      $schema: VEGA_LITE_SCHEMA, data: { values: [{ a: 1 }] }, mark: 'bar',
      encoding: { x: { field: 'a', type: 'quantitative' }, shape: { field: 'a', type: 'nominal' } },
    });
    assert.equal(problems.length, 1);
    assert.match(problems[0], /shape dropped/);
  });

  it('is deterministic', () => {
    assert.equal(JSON.stringify(buildCharts(ex, learner, reference)), JSON.stringify(specs));
  });
});
