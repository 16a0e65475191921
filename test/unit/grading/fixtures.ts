/**
 * Synthetic manifests and run outcomes for grader tests (no runner, no engine). Metric values are
 * encoded exactly as the sandbox sends them (NaN/±inf → null + nonFinite tag), written out here
 * independently of src/grading/metrics.ts so a decoding bug cannot hide itself.
 */
import type { CheckSpec, ExerciseManifest, ChartDef } from '../../../src/pack/types';
import type { RunOutcome, SeedOutcome } from '../../../src/runner/types';
import type { MetricRecord, RecordedMetrics, ScalarMetric, VectorMetric } from '../../../src/runner/harness-api';
import type { ErrorInfo } from '../../../src/grading/types';

function tag(x: number): 'nan' | 'inf' | '-inf' | null {
  if (x !== x) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return null;
}

export function scalar(x: number): ScalarMetric {
  const t = tag(x);
  return t ? { kind: 'scalar', value: null, nonFinite: t } : { kind: 'scalar', value: x };
}

export function vector(xs: number[], labels?: string[]): VectorMetric {
  const tags = xs.map(tag);
  const out: VectorMetric = { kind: 'vector', values: xs.map((x) => (tag(x) ? null : x)) };
  if (tags.some((t) => t !== null)) out.nonFinite = tags;
  if (labels) out.labels = labels;
  return out;
}

/** A run with one metrics object per seed; seeds are numbered 1, 2, 3… */
export function run(perSeed: RecordedMetrics[], extra: Partial<RunOutcome> = {}): RunOutcome {
  return runSeeds(perSeed.map((metrics, i) => ({ seed: i + 1, metrics })), extra);
}

/** A run from explicit seed outcomes (to attach per-seed errors). */
export function runSeeds(seeds: Array<{ seed: number; metrics: RecordedMetrics; error?: ErrorInfo }>, extra: Partial<RunOutcome> = {}): RunOutcome {
  const outcomes: SeedOutcome[] = seeds.map((s) => ({ ...s, durationMs: 5 }));
  return { seeds: outcomes, console: [], consoleTruncated: false, durationMs: 42, ...extra };
}

/** Same metrics on `n` seeds. */
export function runSame(metrics: Record<string, MetricRecord>, n = 3): RunOutcome {
  return run(Array.from({ length: n }, () => metrics));
}

export function check(partial: Partial<CheckSpec> & Pick<CheckSpec, 'id' | 'metric' | 'op'>): CheckSpec {
  return {
    title: `Check ${partial.id}`,
    reduce: 'value',
    across: 'every',
    points: 1,
    hidden: false,
    messages: { pass: 'Passed: {measured} vs {threshold}.', fail: 'Failed: measured {measured}, wanted {threshold} (seed {seed}, reference {reference}).' },
    ...partial,
  };
}

export function exercise(checks: CheckSpec[], extra: Partial<ExerciseManifest> = {}): ExerciseManifest {
  const metrics: ExerciseManifest['metrics'] = {};
  for (const c of checks) metrics[c.metric] ??= { description: c.metric, kind: 'scalar' };
  return {
    id: 'test-exercise',
    title: 'Test exercise',
    topics: ['M6'],
    learnerFile: 'clip.ts',
    files: { starter: 'starter.ts', solution: 'solution.ts', harness: 'harness.ts', readme: 'README.md' },
    exports: [{ name: 'clip', kind: 'function' }],
    seeds: [1, 2, 3],
    limits: { timeMs: 5000, memoryMb: 256 },
    hints: [],
    bannedHelpers: [],
    metrics,
    checks,
    charts: [],
    ...extra,
  };
}

export function chart(partial: Partial<ChartDef> & Pick<ChartDef, 'id' | 'kind' | 'metrics'>): ChartDef {
  return { title: `Chart ${partial.id}`, compareReference: true, logScale: false, ...partial };
}
