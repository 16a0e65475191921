/**
 * Vega-Lite v6 chart specs built from recorded metrics, one per ChartDef in exercise.json.
 *
 * - Data is inline (no URLs: the webview's CSP allows no fetches, and the CLI's JSON is self-contained).
 * - Charts show the FIRST seed of the learner's run (and the reference run's same seed), because one
 *   concrete run is what a learner can relate to their code; checks look at every seed.
 * - No colours, fonts or sizes here: the consumer supplies a config (the webview derives one from
 *   --vscode-* CSS variables). Titles and axis titles are set, since they carry meaning.
 * - NaN/±inf (and values ≤ 0 on a log axis) cannot be drawn: they are dropped from the line and the
 *   first such entry of each series is marked with a dashed rule whose tooltip says e.g.
 *   "NaN from step 17". The accessible table (usermeta.gradlab.table) lists every value, NaN included.
 */
import type { ChartDef, ExerciseManifest } from '../pack/types';
import type { RunOutcome } from '../runner/types';
import type { AccessibleTable, ChartSpec } from './types';
import { decodeMetric, entryName, nonFiniteKind, nonFiniteWord, type DecodedMetric, type EntryNoun } from './metrics';
import { metricTitle, findSeed } from './measure';
import { SERIES_SUFFIX, type SeriesRole } from './series-role';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

interface Series {
  name: string;
  role: SeriesRole;
  metric?: DecodedMetric;
}

interface Point {
  series: string;
  /** Ordinal label (layerNorms) or a number (series/timesteps). */
  x: string | number;
  /** Human name of the position for tooltips and the table: "layer 3", "step 17". */
  position: string;
  y: number;
  /** Drives the dashed reference line (strokeDash). */
  role: SeriesRole;
}

interface Marker {
  series: string;
  x: string | number;
  note: string;
}

const KIND_DEFAULTS: Record<ChartDef['kind'], { noun: EntryNoun; xTitle: string; yTitle: string }> = {
  layerNorms: { noun: 'layer', xTitle: 'Layer', yTitle: 'Gradient norm ‖∂L/∂W‖' },
  series: { noun: 'step', xTitle: 'Step', yTitle: 'Value' },
  timesteps: { noun: 'timestep', xTitle: 'Timestep t', yTitle: '‖∂L/∂h_t‖' },
};

/**
 * Steps and timesteps are counts: with the default axis a 4-timestep chart gets ticks 1.0, 1.5,
 * 2.0 … ("timestep 2.5" means nothing). tickMinStep keeps ticks on whole numbers, format 'd' prints
 * them as integers. Layer indices never reach here: layerNorms is an ordinal axis of layer names.
 */
const WHOLE_NUMBER_AXIS = { tickMinStep: 1, format: 'd' };

/** Positions parsed from labels may be fractional ("lr 0.5"); those keep the default axis. */
function allIntegers(xs: number[]): boolean {
  return xs.every((x) => Number.isInteger(x));
}

/**
 * The x value of entry i on a quantitative axis: the trailing number of the labels when every label
 * has one ("step 10", "20" → 10, 20: a harness logging every 10 steps), else i + 1.
 */
function numericPositions(metric: DecodedMetric): number[] {
  const n = metric.values.length;
  const fromLabels = metric.labels?.map((l) => /(-?\d+(?:\.\d+)?)\s*$/.exec(l)?.[1]);
  if (fromLabels && fromLabels.length === n && fromLabels.every((s) => s !== undefined)) {
    return fromLabels.map((s) => Number(s));
  }
  return Array.from({ length: n }, (_, i) => i + 1);
}

function seriesFor(exercise: ExerciseManifest, def: ChartDef, learner: RunOutcome, reference: RunOutcome | undefined, seed: number | undefined): Series[] {
  const withReference = def.compareReference !== false && reference !== undefined;
  const learnerSeed = seed === undefined ? undefined : findSeed(learner, seed);
  const referenceSeed = withReference && reference
    ? (seed === undefined ? reference.seeds[0] : findSeed(reference, seed) ?? reference.seeds[0])
    : undefined;
  const out: Series[] = [];
  for (const name of def.metrics) {
    const title = metricTitle(exercise, name).replace(/^'(.*)'$/, '$1');
    const own = learnerSeed?.metrics[name];
    out.push({ name: withReference ? title + SERIES_SUFFIX.yours : title, role: 'yours', metric: own ? decodeMetric(own) : undefined });
    if (withReference) {
      const ref = referenceSeed?.metrics[name];
      out.push({ name: title + SERIES_SUFFIX.reference, role: 'reference', metric: ref ? decodeMetric(ref) : undefined });
    }
  }
  return out;
}

/**
 * Legend labels lead with whose line it is ("yours · Global norm after clipping…"): a long metric
 * description is truncated at the legend's label limit, and the cut must not take the only words
 * that tell the learner's line from the reference's. Vega expression (no regex: plain string ops);
 * a legend label is only the series name, so the expression reads the role from its suffix.
 */
const roleFirst = (role: SeriesRole, otherwise: string) =>
  `indexof(datum.label, '${SERIES_SUFFIX[role]}') > 0 ? '${role} · ' + replace(datum.label, '${SERIES_SUFFIX[role]}', '') : ${otherwise}`;
const ROLE_FIRST_LABEL = roleFirst('reference', roleFirst('yours', 'datum.label'));

function valueForTable(y: number): number | string {
  const kind = nonFiniteKind(y);
  return kind ? nonFiniteWord(kind) : y;
}

/** One chart: points, markers, table. */
function buildChart(exercise: ExerciseManifest, def: ChartDef, learner: RunOutcome, reference: RunOutcome | undefined): ChartSpec {
  const defaults = KIND_DEFAULTS[def.kind];
  const xTitle = def.xLabel ?? defaults.xTitle;
  const yTitle = def.yLabel ?? defaults.yTitle;
  const logScale = def.logScale;
  const ordinal = def.kind === 'layerNorms';
  const seed = learner.seeds[0]?.seed ?? exercise.seeds[0];
  const series = seriesFor(exercise, def, learner, reference, seed);

  const points: Point[] = [];
  const markers: Marker[] = [];
  // Table rows keyed by position, in first-seen order, so learner and reference line up by x.
  const rowOrder: string[] = [];
  const rowCells = new Map<string, Map<string, number | string>>();

  // Every x position of every series, so the axis knows whether it counts whole things.
  const xValues: number[] = [];
  for (const s of series) {
    if (!s.metric) continue;
    const metric = s.metric;
    const xs = ordinal ? null : numericPositions(metric);
    if (xs) xValues.push(...xs);
    let markedNonFinite = false;
    let markedNonPositive = false;
    metric.values.forEach((y, i) => {
      const position = entryName(metric, i, defaults.noun);
      const x = ordinal ? position : (xs as number[])[i];
      if (!rowCells.has(position)) { rowOrder.push(position); rowCells.set(position, new Map()); }
      rowCells.get(position)!.set(s.name, valueForTable(y));
      const kind = nonFiniteKind(y);
      if (kind) {
        if (!markedNonFinite) markers.push({ series: s.name, x, note: `${s.name}: ${nonFiniteWord(kind)} from ${position}` });
        markedNonFinite = true;
      } else if (logScale && y <= 0) {
        if (!markedNonPositive) markers.push({ series: s.name, x, note: `${s.name}: ${y === 0 ? '0' : 'negative'} at ${position} (cannot be drawn on a log axis)` });
        markedNonPositive = true;
      } else {
        points.push({ series: s.name, x, position, y, role: s.role });
      }
    });
  }

  const table: AccessibleTable = {
    caption: `${def.title} (seed ${seed ?? 'n/a'})`,
    columns: [xTitle, ...series.map((s) => s.name)],
    rows: rowOrder.map((position) => [position, ...series.map((s) => rowCells.get(position)!.get(s.name) ?? null)]),
  };

  const xEncoding = ordinal
    ? { field: 'x', type: 'ordinal', title: xTitle, sort: rowOrder, axis: { labelAngle: 0 } }
    : { field: 'x', type: 'quantitative', title: xTitle, ...(allIntegers(xValues) ? { axis: WHOLE_NUMBER_AXIS } : {}) };
  const yEncoding: Record<string, unknown> = { field: 'y', type: 'quantitative', title: yTitle };
  if (logScale) {
    yEncoding.scale = { type: 'log' };
    yEncoding.axis = { format: '~e' }; // 1e-8 rather than 0.00000001 across many decades
  }
  const color = { field: 'series', type: 'nominal', legend: { title: null, labelExpr: ROLE_FIRST_LABEL } };

  const layers: Array<Record<string, unknown>> = [{
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: xEncoding,
      y: yEncoding,
      color,
      // The reference is dashed: when the learner's line matches it exactly, the learner's colour
      // still shows through the gaps instead of being painted over.
      strokeDash: { field: 'role', type: 'nominal', scale: { domain: ['yours', 'reference'], range: [[1, 0], [6, 4]] }, legend: null },
      tooltip: [
        { field: 'series', type: 'nominal', title: 'Series' },
        { field: 'position', type: 'nominal', title: xTitle },
        { field: 'y', type: 'quantitative', title: yTitle, format: '.3~g' },
      ],
    },
  }];
  if (markers.length) {
    layers.push({
      data: { values: markers },
      mark: { type: 'rule', strokeDash: [4, 4] },
      encoding: { x: xEncoding, color, tooltip: [{ field: 'note', type: 'nominal', title: 'Note' }] },
    });
  }

  const descriptionParts = [`${def.title}: ${series.map((s) => s.name).join(', ')} against ${xTitle.toLowerCase()}`];
  if (logScale) descriptionParts.push('logarithmic y axis');
  if (markers.length) descriptionParts.push(markers.map((m) => m.note).join('; '));

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: def.title,
    description: descriptionParts.join('. ') + '.',
    layer: layers,
    usermeta: { gradlab: { id: def.id, kind: def.kind, table } },
  };
}

/** Chart specs for every ChartDef of the exercise, in authored order. */
export function buildCharts(exercise: ExerciseManifest, learner: RunOutcome, reference?: RunOutcome): ChartSpec[] {
  return (exercise.charts ?? []).map((def) => buildChart(exercise, def, learner, reference));
}
