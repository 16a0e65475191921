/**
 * Check margins for pack validation (`gradlab validate`, "GradLab: Validate Pack"): how far the
 * reference solution's (and the starter's) measured values sit from each check's threshold,
 * across seeds. A reference that passes by a
 * hair on the author's machine fails on a learner's machine with another seed or a different
 * summation order; that is the bug this warns about before a pack ships.
 *
 * Sign convention: margin > 0 on the passing side, < 0 on the failing side.
 *
 * Scale, per check:
 *   decades   log10 distance, for log-scale quantities: every measured value and the threshold
 *             are > 0 AND (the reduction is a ratio (ratioFirstLast/ratioLastFirst), or the metric is
 *             drawn on a log-scale chart, or the threshold lies outside [0.01, 100], or it is a
 *             `between` band spanning a decade or more).
 *             <= t: log10(t/m)   >= t: log10(m/t)   between [lo,hi]: min(log10(m/lo), log10(hi/m))
 *   relative  otherwise, as a fraction of the threshold:
 *             <= t: (t−m)/|t|   >= t: (m−t)/|t|   between: min(m−lo, hi−m)/(hi−lo)
 *   absolute  when the threshold is 0 (nothing to be relative to): t−m or m−t. Never warned about.
 *   none      finite / true / equals / closeToReference: pass-fail by nature, no distance to show.
 *
 * Across seeds: the reference's margin is its WORST seed (min); the starter's is its BEST seed
 * (max: how close the starter ever gets to passing).
 * Warning: the reference margin is "thin" when 0 ≤ margin < 0.1 decade (decades) or < 10 %
 * (relative). 0.1 decade is a factor 1.26.
 * Exception — exact by design: when the reference measures the very same value on every seed (two
 * or more), the quantity does not depend on the seed (a layer count, "all 50 steps finite", a norm
 * that clipping pins to exactly 1). The engine is deterministic IEEE float64 (the wasm and JS kernels
 * agree bit for bit), so another seed or machine cannot move it: a threshold at or just past such a
 * value is a tolerance, not a thin margin. The table still shows the margin.
 */
import type { CheckResult, Comparator } from '../types';
import type { ChartDef, CheckSpec } from '../../pack/types';
import { formatNumber } from '../format';

export type MarginScale = 'decades' | 'relative' | 'absolute' | 'none';

const THIN_DECADES = 0.1;
const THIN_RELATIVE = 0.1;

export interface CheckMargin {
  check: string;
  title: string;
  comparator: Comparator;
  threshold: number | [number, number] | null;
  scale: MarginScale;
  /** Worst seed of the reference solution; null when not measurable (scale none, or no value). */
  reference: number | null;
  /** Best seed of the starter; null when not measurable. */
  starter: number | null;
  thin: boolean;
  /** The reference measured one identical value on every seed (≥ 2): exact by design, never thin. */
  seedIndependent: boolean;
}

const ORDERED: Comparator[] = ['<=', '<', '>=', '>', 'between'];

function perSeedValues(check: CheckResult | undefined): number[] {
  if (!check) return [];
  const values = check.perSeed.map((s) => s.measured).filter((v): v is number => typeof v === 'number');
  if (values.length === 0 && typeof check.measured === 'number') values.push(check.measured);
  return values;
}

export function chooseScale(spec: Pick<CheckSpec, 'op' | 'threshold' | 'reduce' | 'metric'>, values: number[], logScaleMetrics: ReadonlySet<string>): MarginScale {
  const t = spec.threshold;
  if (!ORDERED.includes(spec.op) || t === undefined) return 'none';
  const bounds = Array.isArray(t) ? t : [t];
  const allPositive = bounds.every((b) => b > 0) && values.every((v) => v > 0);
  // A band spanning a decade or more ("between 0.1 and 10") is a log-scale band: 0.43 sits 0.63
  // decade inside it, not "3 % of the width" from its edge.
  const wideBand = Array.isArray(t) && t[0] > 0 && t[1] / t[0] >= 10;
  const logish =
    spec.reduce === 'ratioFirstLast' || spec.reduce === 'ratioLastFirst' || logScaleMetrics.has(spec.metric) ||
    bounds.some((b) => b < 0.01 || b > 100) || wideBand;
  if (allPositive && logish) return 'decades';
  if (!Array.isArray(t) && t === 0) return 'absolute';
  return 'relative';
}

/** Margin of one measured value; positive = passing side. NaN in → null out. */
export function marginOf(op: Comparator, threshold: number | [number, number], measured: number, scale: MarginScale): number | null {
  if (!Number.isFinite(measured) || scale === 'none') return null;
  if (op === 'between') {
    if (!Array.isArray(threshold)) return null;
    const [lo, hi] = threshold;
    if (scale === 'decades') return Math.min(Math.log10(measured / lo), Math.log10(hi / measured));
    const distance = Math.min(measured - lo, hi - measured);
    return hi > lo ? distance / (hi - lo) : distance;
  }
  if (Array.isArray(threshold)) return null;
  const below = op === '<=' || op === '<'; // passing means measured under the threshold
  if (scale === 'decades') return below ? Math.log10(threshold / measured) : Math.log10(measured / threshold);
  const diff = below ? threshold - measured : measured - threshold;
  return scale === 'absolute' ? diff : diff / Math.abs(threshold);
}

export function isThin(scale: MarginScale, margin: number | null): boolean {
  if (margin === null || margin < 0) return false;
  if (scale === 'decades') return margin < THIN_DECADES;
  if (scale === 'relative') return margin < THIN_RELATIVE;
  return false;
}

/** Metrics drawn on a log-scale chart are treated as log-scale quantities. */
function logScaleMetrics(charts: ChartDef[]): Set<string> {
  return new Set(charts.filter((c) => c.logScale).flatMap((c) => c.metrics));
}

export function computeMargins(
  specs: CheckSpec[],
  charts: ChartDef[],
  reference: CheckResult[],
  starter: CheckResult[],
): CheckMargin[] {
  const logMetrics = logScaleMetrics(charts);
  const refById = new Map(reference.map((c) => [c.id, c]));
  const starterById = new Map(starter.map((c) => [c.id, c]));
  return specs.map((spec) => {
    const refValues = perSeedValues(refById.get(spec.id));
    const starterValues = perSeedValues(starterById.get(spec.id));
    const scale = chooseScale(spec, [...refValues, ...starterValues], logMetrics);
    const marginsFor = (values: number[]) =>
      spec.threshold === undefined ? [] : values.map((v) => marginOf(spec.op, spec.threshold!, v, scale)).filter((m): m is number => m !== null);
    const refMargins = marginsFor(refValues);
    const starterMargins = marginsFor(starterValues);
    const ref = refMargins.length ? Math.min(...refMargins) : null;
    const start = starterMargins.length ? Math.max(...starterMargins) : null;
    const seedIndependent = refValues.length >= 2 && refValues.every((v) => Object.is(v, refValues[0]));
    return {
      check: spec.id,
      title: spec.title,
      comparator: spec.op,
      threshold: spec.threshold ?? null,
      scale,
      reference: ref,
      starter: start,
      thin: isThin(scale, ref) && !seedIndependent,
      seedIndependent,
    };
  });
}

/** "+0.42 dec", "-12 %", "+3e-4", "-" */
export function formatMargin(margin: number | null, scale: MarginScale): string {
  if (margin === null || scale === 'none') return '-';
  const sign = margin >= 0 ? '+' : '-';
  const abs = Math.abs(margin);
  if (scale === 'decades') return `${sign}${abs.toFixed(2)} dec`;
  // A starter can miss a narrow band by a factor of 1e9: print that as 1.2e11 %, not 12 digits.
  if (scale === 'relative') return `${sign}${abs * 100 >= 1e4 ? formatNumber(abs * 100) : (abs * 100).toFixed(abs < 0.1 ? 1 : 0)} %`;
  return `${sign}${abs.toPrecision(2)}`;
}
