/**
 * evaluate(): recorded metrics + exercise.json thresholds → GradeResult (without charts; see
 * charts.ts / grade-exercise.ts). Pure and deterministic: the same inputs give the same JSON.
 *
 * Decisions (also in docs/grading notes of the final report):
 * - across 'every': each seed must pass; the shown `measured` is the median over seeds. Messages
 *   about a failure quote the FIRST failing seed's value ({measured}, {seed}, {reference}) so the
 *   sentence is about one concrete run.
 * - across 'median': the median over seeds (of learner values, and of reference values) is compared;
 *   perSeed[i].passed says whether that seed alone would pass. Any seed that could not be measured
 *   (NaN, error, missing) fails the check: a median must not hide a broken run.
 * - NaN/±inf inside a metric fails the check (except countNonFinite reductions), whatever the
 *   reduction, with "… is not finite: it became NaN at step 17 on seed 2" (vectors; label when
 *   recorded, else step/layer/timestep/entry + index+1) or "… is not finite (NaN) on seed 2"
 *   (scalars). The shown measured is then null with `nonFinite` set. A median over seeds that is not
 *   a number (seeds at -inf and +inf) fails the same way.
 * - An `explain` entry whose condition holds on the seed being reported replaces the fail message
 *   (classic wrong answers). It is looked up for comparison failures, NaN and undefined reductions,
 *   not when the code could not run at all.
 * - Whole-run error (syntax, missing export, timeout, crash…): every check fails with the error's
 *   message. Seed error: checks whose metric that seed still recorded are graded normally; the
 *   others fail with the error's message. result.error = the run error, else the first seed error.
 * - Checks that need the reference (closeToReference, equals without a numeric threshold) fail with an
 *   instructor-facing message when no reference run was given or it lacks the metric; result.error is
 *   then a 'harness-error' unless the learner's own run already failed.
 * - Hidden checks (unless revealHidden): measured, threshold, reference and perSeed values are null,
 *   no hint, and the message is "Hidden check passed." / "Hidden check failed.".
 */
import type { CheckSpec, ExerciseManifest } from '../pack/types';
import type { RunOutcome } from '../runner/types';
import type { CheckResult, CheckSeedResult, ErrorInfo, GradeResult } from './types';
import { fillTemplate, formatMaybe, formatNumber, summarize, thresholdForResult, thresholdForTemplate } from './format';
import { conditionHolds, measureCheckOnSeed, metricTitle, type SeedEval } from './measure';
import { entryName, firstNonFinite, nonFiniteKind, nonFiniteWord, type EntryNoun, type NonFiniteKind } from './metrics';
import { medianOf } from './reduce';
import { compare, needsReference } from './compare';

export interface EvaluateOptions {
  /** Show hidden checks' values and thresholds (instructor view, `gradlab validate`). Default false. */
  revealHidden?: boolean;
  /** The learner's file as it should appear in locations, e.g. "clip.ts". Default: manifest.learnerFile. */
  learnerFile?: string;
}

export const HIDDEN_PASSED = 'Hidden check passed.';
export const HIDDEN_FAILED = 'Hidden check failed.';

interface Context {
  exercise: ExerciseManifest;
  learner: RunOutcome;
  reference?: RunOutcome;
  learnerFile: string;
  seeds: number[];
}

/** Outcome of one check before hiding is applied. */
interface CheckOutcome {
  passed: boolean;
  message: string;
  measured: number | null;
  measuredNonFinite?: NonFiniteKind;
  reference?: number | null;
  perSeed: CheckSeedResult[];
  location?: { file: string; line: number };
  /** Set when the failure is the exercise's fault (becomes a harness-error on the result). */
  instructorProblem?: string;
}

function capitalize(s: string): string {
  return s.length ? s[0].toUpperCase() + s.slice(1) : s;
}

/** What an unlabelled vector entry is called, from the chart that plots the metric. */
function entryNoun(exercise: ExerciseManifest, metricName: string): EntryNoun {
  const chart = exercise.charts?.find((c) => c.metrics.includes(metricName));
  if (!chart) return 'entry';
  return chart.kind === 'layerNorms' ? 'layer' : chart.kind === 'series' ? 'step' : 'timestep';
}

/** JSON-safe number plus its non-finite tag (JSON has no NaN/inf). */
function jsonNumber(x: number | undefined): { value: number | null; nonFinite?: NonFiniteKind } {
  if (x === undefined) return { value: null };
  const kind = nonFiniteKind(x);
  return kind ? { value: null, nonFinite: kind } : { value: x };
}

function seedResult(e: SeedEval): CheckSeedResult {
  if (e.kind === 'measured') {
    const m = jsonNumber(e.value);
    const out: CheckSeedResult = { seed: e.seed, measured: m.value, passed: e.passed };
    if (m.nonFinite) out.nonFinite = m.nonFinite;
    if (e.reference !== undefined) out.reference = jsonNumber(e.reference).value;
    return out;
  }
  if (e.kind === 'nonFinite') return { seed: e.seed, measured: null, passed: false, nonFinite: e.at.kind };
  return { seed: e.seed, measured: null, passed: false };
}

function errorLocation(ctx: Context, error: ErrorInfo): { file: string; line: number } | undefined {
  if (error.line === undefined || error.kind === 'harness-error') return undefined;
  return { file: error.file ?? ctx.learnerFile, line: error.line };
}

/**
 * Why a metric with one NaN fails even a 'min' or 'median' check whose answer looks finite: said
 * plainly, because "the min of [1, inf] is 1, why did I fail?" is the question it answers.
 */
const NON_FINITE_RULE = 'A value that is not finite (NaN, inf or -inf) fails the check, whatever the reduction (min, max, mean, median …).';

/**
 * "Training loss is not finite: it became NaN at step 17 on seed 2" (vectors) / "Loss is not finite
 * (NaN) on seed 2" (scalars), no final period.
 */
function nonFiniteWhere(ctx: Context, check: CheckSpec, e: Extract<SeedEval, { kind: 'nonFinite' }>): string {
  const title = capitalize(metricTitle(ctx.exercise, check.metric));
  const word = nonFiniteWord(e.at.kind);
  if (e.metric.kind === 'scalar') return `${title} is not finite (${word}) on seed ${e.seed}`;
  const where = entryName(e.metric, e.at.index, entryNoun(ctx.exercise, check.metric));
  return `${title} is not finite: it became ${word} at ${where} on seed ${e.seed}`;
}

/** The first explain entry whose condition holds on one of `seeds` (in order), with that seed. */
function findExplanation(ctx: Context, check: CheckSpec, seeds: number[]): { message: string; seed: number } | null {
  for (const entry of check.explain ?? []) {
    for (const seed of seeds) {
      if (conditionHolds(entry.when, ctx.learner, ctx.reference, seed)) return { message: entry.message, seed };
    }
  }
  return null;
}

function templateValues(check: CheckSpec, measured: string, seed: string, reference: number | undefined) {
  return { measured, threshold: thresholdForTemplate(check), seed, reference: formatMaybe(reference) };
}

/** Extra sentence for a failed countNonFinite check: where the first non-finite value appeared. */
function countNonFiniteDetail(ctx: Context, check: CheckSpec, e: Extract<SeedEval, { kind: 'measured' }>): string {
  if (check.reduce !== 'countNonFinite') return '';
  const at = firstNonFinite(e.metric.values);
  if (!at) return '';
  const title = capitalize(metricTitle(ctx.exercise, check.metric));
  if (e.metric.kind === 'scalar') return ` ${title} is ${nonFiniteWord(at.kind)} on seed ${e.seed}.`;
  return ` ${title} first became ${nonFiniteWord(at.kind)} at ${entryName(e.metric, at.index, entryNoun(ctx.exercise, check.metric))} on seed ${e.seed}.`;
}

/** The learner-facing message for a failure caused by seed evaluation `e` (not a plain comparison in median mode). */
function failureMessage(ctx: Context, check: CheckSpec, e: SeedEval): { message: string; location?: { file: string; line: number }; instructor?: string } {
  switch (e.kind) {
    case 'error': {
      const where = ctx.learner.error ? '' : ` (seed ${e.seed})`;
      return { message: e.error.message + where, location: errorLocation(ctx, e.error) };
    }
    case 'instructor': {
      const text = `Instructor error in check '${check.id}': ${e.reason}.`;
      return { message: text, instructor: text };
    }
    case 'missing':
      return {
        message: `${capitalize(metricTitle(ctx.exercise, check.metric))} was not recorded on seed ${e.seed}, so this check could not be measured. ` +
          'If your code stops early, let it run to the end; otherwise the exercise\'s harness needs fixing.',
      };
    default: break;
  }
  const explanation = findExplanation(ctx, check, [e.seed]);
  if (e.kind === 'nonFinite') {
    const where = nonFiniteWhere(ctx, check, e);
    if (!explanation) return { message: `${where}. ${NON_FINITE_RULE}` };
    return { message: `${fillTemplate(explanation.message, templateValues(check, nonFiniteWord(e.at.kind), String(e.seed), undefined))} (${where}.)` };
  }
  if (e.kind === 'undefined') {
    const sentence = `${capitalize(metricTitle(ctx.exercise, check.metric))} could not be measured on seed ${e.seed}: ${e.reason}.`;
    return { message: explanation ? fillTemplate(explanation.message, templateValues(check, 'undefined', String(e.seed), undefined)) : sentence };
  }
  const values = templateValues(check, formatNumber(e.value), String(e.seed), e.reference);
  const base = fillTemplate(explanation ? explanation.message : check.messages.fail, values);
  const note = e.note ? ` (${capitalize(e.note)}.)` : '';
  return { message: base + note + (explanation ? '' : countNonFiniteDetail(ctx, check, e)) };
}

/** Median of the seeds' measured values for display; NaN/±inf anywhere in the metric shows as non-finite. */
function displayedMeasured(evals: SeedEval[]): { value: number | null; nonFinite?: NonFiniteKind; raw?: number } {
  const bad = evals.find((e) => e.kind === 'nonFinite');
  if (bad && bad.kind === 'nonFinite') return { value: null, nonFinite: bad.at.kind };
  const values = evals.flatMap((e) => (e.kind === 'measured' ? [e.value] : []));
  if (values.length === 0) return { value: null };
  const raw = medianOf(values);
  return { ...jsonNumber(raw), raw };
}

function displayedReference(evals: SeedEval[]): number | undefined {
  const refs = evals.flatMap((e) => (e.kind === 'measured' && e.reference !== undefined ? [e.reference] : []));
  return refs.length ? medianOf(refs) : undefined;
}

function evaluateCheck(ctx: Context, check: CheckSpec): CheckOutcome {
  const evals = ctx.seeds.map((seed) => measureCheckOnSeed(check, ctx.learner, ctx.reference, seed));
  const perSeed = evals.map(seedResult);
  const shown = displayedMeasured(evals);
  const shownRef = displayedReference(evals);
  const base = { measured: shown.value, measuredNonFinite: shown.nonFinite, perSeed, reference: shownRef === undefined ? undefined : jsonNumber(shownRef).value };
  const seedList = ctx.seeds.join(', ');
  const passMessage = () => fillTemplate(check.messages.pass, templateValues(check, formatMaybe(shown.raw), seedList, shownRef));

  if (evals.length === 0) {
    return { ...base, passed: false, message: `Check '${check.id}' was not measured: no seeds were run.`, instructorProblem: 'no seeds were run' };
  }

  // Anything other than a clean measurement fails the check in both modes; report the first such seed.
  const unmeasured = evals.find((e) => e.kind !== 'measured');
  if (unmeasured) {
    const f = failureMessage(ctx, check, unmeasured);
    return { ...base, passed: false, message: f.message, location: f.location, instructorProblem: f.instructor };
  }
  const measured = evals as Array<Extract<SeedEval, { kind: 'measured' }>>;

  if (check.across === 'median') {
    const learnerMedian = medianOf(measured.map((e) => e.value));
    if (Number.isNaN(learnerMedian)) {
      // Only derived infinities get here (a ratio over an entry that is 0 on one seed is +inf, on another -inf).
      const perSeedValues = measured.map((e) => `${formatNumber(e.value)} on seed ${e.seed}`).join(', ');
      return { ...base, passed: false, message: `${capitalize(metricTitle(ctx.exercise, check.metric))}: the median over seeds ${seedList} is not finite (${perSeedValues}: there is no middle value between -inf and inf). ${NON_FINITE_RULE}` };
    }
    let refMedian: number | undefined;
    if (needsReference(check)) {
      // Every seed's reference value is present here (a missing one would have made the seed unmeasured).
      refMedian = medianOf(measured.map((e) => e.reference as number));
    }
    const cmp = compare(check, learnerMedian, refMedian);
    if (!cmp.ok) {
      const text = `Instructor error in check '${check.id}': ${cmp.reason}.`;
      return { ...base, passed: false, message: text, instructorProblem: text };
    }
    if (cmp.passed) return { ...base, passed: true, message: passMessage() };
    const explanation = findExplanation(ctx, check, ctx.seeds);
    const values = templateValues(check, formatNumber(learnerMedian), explanation ? String(explanation.seed) : `median of seeds ${seedList}`, refMedian);
    return { ...base, passed: false, message: fillTemplate(explanation ? explanation.message : check.messages.fail, values) };
  }

  const firstFailing = measured.find((e) => !e.passed);
  if (!firstFailing) return { ...base, passed: true, message: passMessage() };
  const f = failureMessage(ctx, check, firstFailing);
  return { ...base, passed: false, message: f.message, location: f.location, instructorProblem: f.instructor };
}

function hideValues(check: CheckSpec, outcome: CheckOutcome): CheckResult {
  return {
    id: check.id,
    title: check.title,
    passed: outcome.passed,
    measured: null,
    threshold: null,
    comparator: check.op,
    points: outcome.passed ? check.points : 0,
    maxPoints: check.points,
    message: outcome.passed ? HIDDEN_PASSED : HIDDEN_FAILED,
    hidden: true,
    perSeed: outcome.perSeed.map((s) => ({ seed: s.seed, measured: null, passed: s.passed })),
    ...(outcome.location && !outcome.passed ? { location: outcome.location } : {}),
  };
}

function toCheckResult(check: CheckSpec, outcome: CheckOutcome, revealHidden: boolean): CheckResult {
  if (check.hidden && !revealHidden) return hideValues(check, outcome);
  const result: CheckResult = {
    id: check.id,
    title: check.title,
    passed: outcome.passed,
    measured: outcome.measured,
    threshold: thresholdForResult(check),
    comparator: check.op,
    points: outcome.passed ? check.points : 0,
    maxPoints: check.points,
    message: outcome.message,
    hidden: check.hidden,
    perSeed: outcome.perSeed,
  };
  if (outcome.measuredNonFinite) result.nonFinite = outcome.measuredNonFinite;
  if (outcome.reference !== undefined) result.reference = outcome.reference;
  if (!outcome.passed && check.hint) result.hint = check.hint;
  if (!outcome.passed && outcome.location) result.location = outcome.location;
  return result;
}

/** The learner's error to report: the whole-run error, else the first failed seed's. */
function learnerError(learner: RunOutcome): ErrorInfo | undefined {
  if (learner.error) return learner.error;
  const seed = learner.seeds.find((s) => s.error);
  return seed?.error ? { ...seed.error, seed: seed.error.seed ?? seed.seed } : undefined;
}

export function evaluate(
  exercise: ExerciseManifest, learner: RunOutcome, reference?: RunOutcome, opts: EvaluateOptions = {},
): GradeResult {
  const seeds = learner.seeds.length ? learner.seeds.map((s) => s.seed) : [...exercise.seeds];
  const ctx: Context = { exercise, learner, reference, learnerFile: opts.learnerFile ?? exercise.learnerFile, seeds };
  const outcomes = exercise.checks.map((check) => evaluateCheck(ctx, check));
  const checks = exercise.checks.map((check, i) => toCheckResult(check, outcomes[i], opts.revealHidden ?? false));

  let error = learnerError(learner);
  if (!error) {
    const problem = outcomes.find((o) => o.instructorProblem)?.instructorProblem;
    if (problem) error = { kind: 'harness-error', message: problem };
  }
  const score = checks.reduce((sum, c) => sum + c.points, 0);
  const maxScore = checks.reduce((sum, c) => sum + c.maxPoints, 0);
  const result: GradeResult = {
    exercise: exercise.id,
    title: exercise.title,
    passed: !error && checks.every((c) => c.passed),
    score,
    maxScore,
    checks,
    charts: [],
    durationMs: learner.durationMs,
    seeds,
    summary: '',
    console: learner.console,
    consoleTruncated: learner.consoleTruncated,
  };
  if (error) result.error = error;
  result.summary = summarize(result);
  return result;
}
