/**
 * Reductions: how a metric (scalar or vector) becomes the one number a check compares.
 *
 * Rules (each is also spelled out to the learner when it matters):
 * - A scalar behaves as a one-entry vector, so any reduction applies to it ('value' is the natural one).
 * - 'value' on a vector is only valid for exactly one entry; otherwise it is an authoring error.
 * - NaN/±inf anywhere in the metric makes every reduction except 'countNonFinite' non-finite: a run
 *   that produced a NaN is broken even if the entry a check looks at happens to be finite, and a ratio
 *   such as 1/inf = 0 must never pass a "vanished" check by accident.
 * - Empty vector: 'sum' = 0, 'norm' = 0, 'countNonFinite' = 0 (the empty sum); every other reduction
 *   is undefined (there is no first, smallest or typical value of nothing) and the check fails saying so.
 * - Zeros (finite inputs with an infinite or undefined result):
 *     flatness with some zero entries = +inf (log10 0 = -inf: infinitely many decades between a layer
 *     with gradient exactly 0 and one without); flatness when every entry is 0 is undefined (0 decades
 *     from nothing to nothing says nothing: all gradients vanished).
 *     ratio x/0 = ±inf for x ≠ 0; 0/0 is undefined.
 *   Derived infinities are compared normally (inf ≥ 5 passes, inf ≤ 2 fails, 'finite' fails) and the
 *   message explains where the infinity came from.
 * - Overflow (finite inputs, sum beyond float64): 'sum' is ±inf with a note saying it overflowed;
 *   'mean' is computed without overflowing (the mean of finite numbers is always finite).
 * - medianOf (the median over seeds, for across: 'median' and the displayed value) is NaN when no
 *   single number is the median: an input is NaN, or the two middle values are -inf and +inf.
 *   Callers report that as "not finite" rather than compare it.
 */
import type { Reduction } from '../pack/types';
import { firstNonFinite, type DecodedMetric, type NonFiniteLocation } from './metrics';

export type ReduceOutcome =
  /** A number to compare (may be ±inf when derived from zeros; `note` explains that). */
  | { status: 'value'; value: number; note?: string }
  /** The metric itself contains NaN/±inf; `at` is the first such entry. */
  | { status: 'nonFinite'; at: NonFiniteLocation }
  /** The reduction has no value for these inputs (empty vector, 0/0, all zeros). */
  | { status: 'undefined'; reason: string }
  /** The reduction does not apply to this metric: an exercise.json mistake. */
  | { status: 'invalid'; reason: string };

function median(sorted: number[]): number {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Median without mutating the input. Well-defined for ±inf ([1, inf, inf] → inf, [2, inf] → inf);
 * NaN for a NaN input (sort with NaN would make the result depend on input order) and for a middle
 * pair -inf, +inf (their average is NaN: there is no middle value).
 */
export function medianOf(values: readonly number[]): number {
  if (values.some((v) => Number.isNaN(v))) return NaN;
  // A comparator that never returns NaN: (inf) − (inf) does.
  return median([...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Mean of finite numbers that stays finite when their sum overflows float64 (1e308 + 1e308). */
function meanOf(values: readonly number[]): number {
  const sum = values.reduce((a, b) => a + b, 0);
  if (Number.isFinite(sum)) return sum / values.length; // the usual case, bit for bit as before
  return values.reduce((a, b) => a + b / values.length, 0);
}

function sumOf(values: readonly number[]): ReduceOutcome {
  const sum = values.reduce((a, b) => a + b, 0);
  if (Number.isFinite(sum)) return { status: 'value', value: sum };
  return { status: 'value', value: sum, note: 'the sum of the entries is beyond what a float64 can hold, so it overflowed to an infinite value' };
}

/** Euclidean norm without overflow/underflow: gradient norms of 1e200 or 1e-200 square out of range. */
function euclideanNorm(values: readonly number[]): number {
  let scale = 0;
  for (const v of values) scale = Math.max(scale, Math.abs(v));
  if (scale === 0) return 0;
  let sum = 0;
  for (const v of values) sum += (v / scale) * (v / scale);
  return scale * Math.sqrt(sum);
}

function ratio(numerator: number, denominator: number, what: string): ReduceOutcome {
  if (denominator === 0) {
    if (numerator === 0) return { status: 'undefined', reason: `${what} is 0/0: both entries are exactly 0` };
    return {
      status: 'value',
      value: numerator / denominator,
      note: `${what} divides by an entry that is exactly 0, so the ratio is infinite`,
    };
  }
  return { status: 'value', value: numerator / denominator };
}

function flatness(values: readonly number[]): ReduceOutcome {
  let maxLog = -Infinity;
  let minLog = Infinity;
  let zeros = 0;
  for (const v of values) {
    if (v === 0) { zeros++; continue; }
    const l = Math.log10(Math.abs(v));
    maxLog = Math.max(maxLog, l);
    minLog = Math.min(minLog, l);
  }
  if (zeros === values.length) {
    return { status: 'undefined', reason: 'flatness is undefined because every entry is exactly 0 (all gradients vanished)' };
  }
  if (zeros > 0) {
    return {
      status: 'value',
      value: Infinity,
      note: `${zeros} entr${zeros === 1 ? 'y is' : 'ies are'} exactly 0, so the spread in decades (log10) is infinite`,
    };
  }
  return { status: 'value', value: maxLog - minLog };
}

export function reduceMetric(metric: DecodedMetric, reduction: Reduction): ReduceOutcome {
  const v = metric.values;
  if (reduction === 'countNonFinite') {
    return { status: 'value', value: v.filter((x) => !Number.isFinite(x)).length };
  }
  if (reduction === 'value' && metric.kind === 'vector' && v.length !== 1) {
    return {
      status: 'invalid',
      reason: `reduction 'value' needs a scalar, but this metric is a vector of ${v.length} entries; choose e.g. 'max', 'last' or 'flatness'`,
    };
  }
  const bad = firstNonFinite(v);
  if (bad) return { status: 'nonFinite', at: bad };

  switch (reduction) {
    case 'sum': return sumOf(v);
    case 'norm': return { status: 'value', value: euclideanNorm(v) };
    default: break;
  }
  if (v.length === 0) {
    return { status: 'undefined', reason: `'${reduction}' of an empty vector is undefined (the harness recorded no entries)` };
  }
  switch (reduction) {
    case 'value':
    case 'first': return { status: 'value', value: v[0] };
    case 'last': return { status: 'value', value: v[v.length - 1] };
    case 'min': return { status: 'value', value: v.reduce((a, b) => Math.min(a, b)) }; // no spread: long series overflow the call stack
    case 'max': return { status: 'value', value: v.reduce((a, b) => Math.max(a, b)) };
    case 'mean': return { status: 'value', value: meanOf(v) };
    case 'median': return { status: 'value', value: medianOf(v) };
    case 'flatness': return flatness(v);
    case 'ratioFirstLast': return ratio(v[0], v[v.length - 1], 'first/last');
    case 'ratioLastFirst': return ratio(v[v.length - 1], v[0], 'last/first');
  }
}
