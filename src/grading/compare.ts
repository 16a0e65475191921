/**
 * Comparators: one measured number (already reduced) against a check's threshold.
 *
 * - '<=' '>=' '<' '>' need a numeric threshold; 'between' needs [lo, hi] and is inclusive at both ends.
 * - 'finite' passes for any finite number. 'true' passes for any value ≠ 0 (booleans are recorded as 1/0).
 * - 'equals' compares with `threshold` when the author gives a number, otherwise with the reference
 *   run's value; 'closeToReference' always uses the reference run. Both pass when
 *   |x − target| ≤ atol + rtol·|target|. Tolerance defaults: equals is exact (atol = rtol = 0);
 *   closeToReference uses rtol 1e-6 when the author sets neither (relative, because gradient norms
 *   of 1e-20 make any absolute default meaningless).
 * - NaN never passes anything (IEEE comparisons with NaN are false, and 'true' treats NaN as not ≠ 0).
 */
import type { CheckSpec, Condition } from '../pack/types';
import { DEFAULT_RTOL_REFERENCE } from './format';

export type CompareSpec = Pick<CheckSpec, 'op' | 'threshold'> & Partial<Pick<CheckSpec, 'rtol' | 'atol'>>;

export type CompareOutcome = { ok: true; passed: boolean } | { ok: false; reason: string };

/** True when this comparison needs the reference run's value. */
export function needsReference(spec: Pick<CheckSpec, 'op' | 'threshold'> | Condition): boolean {
  return spec.op === 'closeToReference' || (spec.op === 'equals' && typeof spec.threshold !== 'number');
}

function tolerances(spec: CompareSpec): { rtol: number; atol: number } {
  if (spec.op === 'closeToReference' && spec.rtol === undefined && spec.atol === undefined) {
    return { rtol: DEFAULT_RTOL_REFERENCE, atol: 0 };
  }
  return { rtol: spec.rtol ?? 0, atol: spec.atol ?? 0 };
}

/** Why a threshold is unusable for this comparator, or null when it is fine (an authoring check). */
export function thresholdProblem(spec: Pick<CheckSpec, 'op' | 'threshold'>): string | null {
  const t = spec.threshold;
  switch (spec.op) {
    case '<=': case '>=': case '<': case '>':
      return typeof t === 'number' && !Number.isNaN(t) ? null : `comparator '${spec.op}' needs a numeric "threshold"`;
    case 'between':
      return Array.isArray(t) && t.length === 2 && typeof t[0] === 'number' && typeof t[1] === 'number' && t[0] <= t[1]
        ? null
        : `comparator 'between' needs "threshold": [lo, hi] with lo ≤ hi`;
    default:
      return null;
  }
}

/**
 * Compares `x` with the threshold (or `reference` for reference comparisons). Returns ok:false only
 * for authoring problems (bad threshold) or a missing reference value, never for a failed comparison.
 */
export function compare(spec: CompareSpec, x: number, reference?: number): CompareOutcome {
  const problem = thresholdProblem(spec);
  if (problem) return { ok: false, reason: problem };
  const t = spec.threshold;
  switch (spec.op) {
    case '<=': return { ok: true, passed: x <= (t as number) };
    case '>=': return { ok: true, passed: x >= (t as number) };
    case '<': return { ok: true, passed: x < (t as number) };
    case '>': return { ok: true, passed: x > (t as number) };
    case 'between': {
      const [lo, hi] = t as [number, number];
      return { ok: true, passed: x >= lo && x <= hi };
    }
    case 'finite': return { ok: true, passed: Number.isFinite(x) };
    case 'true': return { ok: true, passed: !Number.isNaN(x) && x !== 0 };
    case 'equals':
    case 'closeToReference': {
      const target = needsReference(spec) ? reference : (t as number);
      if (target === undefined) return { ok: false, reason: 'no reference value to compare with' };
      if (!Number.isFinite(x) || !Number.isFinite(target)) {
        // Equal infinities are "close" only for an exact equals (e.g. equals inf); never within a tolerance.
        return { ok: true, passed: spec.op === 'equals' && x === target };
      }
      const { rtol, atol } = tolerances(spec);
      return { ok: true, passed: Math.abs(x - target) <= atol + rtol * Math.abs(target) };
    }
  }
}
