/**
 * One check on one seed: find the metric in the run, reduce it, fetch the reference value when the
 * comparator needs one, compare. The result says *why* when there is no plain pass/fail, so
 * evaluate.ts can pick the right message. Pure: no I/O.
 */
import type { CheckSpec, Condition, ExerciseManifest, Reduction } from '../pack/types';
import type { RunOutcome, SeedOutcome } from '../runner/types';
import type { ErrorInfo } from './types';
import { compare, needsReference, thresholdProblem } from './compare';
import { decodeMetric, type DecodedMetric, type NonFiniteLocation } from './metrics';
import { reduceMetric } from './reduce';

export type SeedEval =
  /** Measured and compared. `value` may be ±inf when derived from zeros (then `note` says why). */
  | { kind: 'measured'; seed: number; value: number; reference?: number; passed: boolean; note?: string; metric: DecodedMetric }
  /** The learner's metric contains NaN/±inf (first at `at`). Fails. */
  | { kind: 'nonFinite'; seed: number; at: NonFiniteLocation; metric: DecodedMetric }
  /** The reduction has no value (empty vector, 0/0, all zeros). Fails. */
  | { kind: 'undefined'; seed: number; reason: string }
  /** The learner's run did not record the metric and reported no error. Fails. */
  | { kind: 'missing'; seed: number }
  /** The learner's run failed (whole run or this seed) and the metric is not there. Fails. */
  | { kind: 'error'; seed: number; error: ErrorInfo }
  /** exercise.json or the reference solution is at fault, not the learner. Fails. */
  | { kind: 'instructor'; seed: number; reason: string };

export function findSeed(run: RunOutcome | undefined, seed: number): SeedOutcome | undefined {
  return run?.seeds.find((s) => s.seed === seed);
}

/** The error that explains a missing metric on this seed: the whole-run error first, then the seed's own. */
export function errorForSeed(run: RunOutcome, seed: number): ErrorInfo | undefined {
  if (run.error) return run.error;
  const own = findSeed(run, seed)?.error;
  return own ? { ...own, seed: own.seed ?? seed } : undefined;
}

type Reduced =
  | { kind: 'value'; value: number; note?: string; metric: DecodedMetric }
  | { kind: 'nonFinite'; at: NonFiniteLocation; metric: DecodedMetric }
  | { kind: 'undefined' | 'invalid'; reason: string }
  | { kind: 'missing' };

function reduceFromRun(run: RunOutcome, seed: number, metricName: string, reduction: Reduction): Reduced {
  const record = findSeed(run, seed)?.metrics[metricName];
  if (!record) return { kind: 'missing' };
  const metric = decodeMetric(record);
  const out = reduceMetric(metric, reduction);
  switch (out.status) {
    case 'value': return { kind: 'value', value: out.value, note: out.note, metric };
    case 'nonFinite': return { kind: 'nonFinite', at: out.at, metric };
    case 'undefined': return { kind: 'undefined', reason: out.reason };
    case 'invalid': return { kind: 'invalid', reason: out.reason };
  }
}

/**
 * The reference run's value of the same metric and reduction on the same seed, or the instructor-facing
 * reason it is unavailable. Everything wrong here is the exercise's fault, never the learner's.
 */
export function referenceValue(
  reference: RunOutcome | undefined, seed: number, metricName: string, reduction: Reduction,
): { ok: true; value: number } | { ok: false; reason: string } {
  if (!reference) {
    return {
      ok: false,
      reason: 'this check compares with the reference solution, but no reference run was provided; ' +
        'grade with the reference solution (gradeExercise runs it automatically)',
    };
  }
  if (!reference.error && !findSeed(reference, seed)) {
    return { ok: false, reason: `the reference run has no seed ${seed}; run the reference solution on the same seeds as the submission` };
  }
  const r = reduceFromRun(reference, seed, metricName, reduction);
  const refError = errorForSeed(reference, seed);
  switch (r.kind) {
    case 'value': return { ok: true, value: r.value };
    case 'missing':
      return refError
        ? { ok: false, reason: `the reference solution failed on seed ${seed}: ${refError.message}` }
        : { ok: false, reason: `the reference solution's run did not record metric '${metricName}' on seed ${seed}; make the harness record it for every submission` };
    case 'nonFinite':
      return { ok: false, reason: `the reference solution's metric '${metricName}' is not finite on seed ${seed}, so closeness cannot be judged` };
    case 'undefined':
    case 'invalid':
      return { ok: false, reason: `the reference solution's metric '${metricName}' on seed ${seed}: ${r.reason}` };
  }
}

/** Measures `check` on one seed of the learner's run. */
export function measureCheckOnSeed(
  check: CheckSpec, learner: RunOutcome, reference: RunOutcome | undefined, seed: number,
): SeedEval {
  const problem = thresholdProblem(check);
  if (problem) return { kind: 'instructor', seed, reason: problem };
  if (learner.error) return { kind: 'error', seed, error: learner.error };

  const r = reduceFromRun(learner, seed, check.metric, check.reduce);
  switch (r.kind) {
    case 'missing': {
      const error = errorForSeed(learner, seed);
      return error ? { kind: 'error', seed, error } : { kind: 'missing', seed };
    }
    case 'invalid': return { kind: 'instructor', seed, reason: `metric '${check.metric}': ${r.reason}` };
    case 'undefined': return { kind: 'undefined', seed, reason: r.reason };
    case 'nonFinite': return { kind: 'nonFinite', seed, at: r.at, metric: r.metric };
    case 'value': break;
  }

  let ref: number | undefined;
  if (needsReference(check)) {
    const rv = referenceValue(reference, seed, check.metric, check.reduce);
    if (!rv.ok) return { kind: 'instructor', seed, reason: rv.reason };
    ref = rv.value;
  }
  const cmp = compare(check, r.value, ref);
  if (!cmp.ok) return { kind: 'instructor', seed, reason: cmp.reason };
  return { kind: 'measured', seed, value: r.value, reference: ref, passed: cmp.passed, note: r.note, metric: r.metric };
}

/**
 * Whether an `explain` condition holds on one seed. A condition that cannot be evaluated (metric
 * missing, non-finite under a non-counting reduction, no reference) simply does not hold: explanations
 * are optional extras and must never turn into errors of their own.
 */
export function conditionHolds(
  cond: Condition, learner: RunOutcome, reference: RunOutcome | undefined, seed: number,
): boolean {
  const r = reduceFromRun(learner, seed, cond.metric, cond.reduce ?? 'value');
  if (r.kind !== 'value') return false;
  let ref: number | undefined;
  if (needsReference(cond)) {
    const rv = referenceValue(reference, seed, cond.metric, cond.reduce ?? 'value');
    if (!rv.ok) return false;
    ref = rv.value;
  }
  const cmp = compare({ op: cond.op, threshold: cond.threshold }, r.value, ref);
  return cmp.ok && cmp.passed;
}

/** Learner-facing name of a metric: its declared description, else its name in quotes. */
export function metricTitle(exercise: ExerciseManifest, metricName: string): string {
  const description = exercise.metrics?.[metricName]?.description;
  return description && description.trim() !== '' ? description : `'${metricName}'`;
}
