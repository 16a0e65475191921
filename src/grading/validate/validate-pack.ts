/**
 * Pack validation in both directions (rustlings `dev check`, nbgrader `validate --invert`): every
 * reference solution passes on every seed, every starter fails. Plus per-check margins
 * (margins.ts), so an author sees a threshold that the reference only scrapes past before learners
 * do. Used by `gradlab validate` (src/cli) and the "GradLab: Validate Pack" command
 * (src/extension); each passes its own ValidateDeps, so this file knows neither of them.
 * Node-only (reads exercise.json to locate problems), so it is not re-exported from ../index.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GradeResult } from '../types';
import { formatNumber, formatThreshold } from '../format';
import { locatePointer, parseJsonText } from '../../pack/json-text';
import type { LoadedExercise, LoadedPack, PackProblem } from '../../pack/types';
import { runPool } from '../pool';
import { computeMargins, formatMargin, type CheckMargin } from './margins';

/** How validation grades one file; the subset of gradeExercise's options it sets. */
export interface ValidateGradeOptions {
  seeds: number[];
  revealHidden: boolean;
  /** The object from createReferenceCache(), shared by every grade of one validation. */
  referenceCache: unknown;
  timeMultiplier?: number;
  signal?: AbortSignal;
}

/**
 * What validation needs from its caller: a way to grade a file and a reference cache. Injected (not
 * imported) so the CLI and the extension can wire their own runner (dist dir, fakes in tests).
 */
export interface ValidateDeps {
  gradeExercise(exercise: LoadedExercise, submission: { file: string }, opts: ValidateGradeOptions): Promise<GradeResult>;
  /** A fresh cache object, passed back as ValidateGradeOptions.referenceCache. */
  createReferenceCache(): unknown;
}

export interface AttemptSummary {
  passed: boolean;
  score: number;
  maxScore: number;
  durationMs: number;
  error?: GradeResult['error'];
}

export interface ExerciseValidation {
  id: string;
  title: string;
  seeds: number[];
  referencePasses: boolean;
  starterFails: boolean;
  /** Errors make the pack invalid; warnings (thin margins, loader warnings) do not. */
  problems: PackProblem[];
  margins: CheckMargin[];
  reference: AttemptSummary;
  starter: AttemptSummary;
}

export interface ValidateReport {
  /** Pack id. */
  pack: string;
  title: string;
  valid: boolean;
  /** "exercise" (each exercise's own seeds) or "1..N" (from --seeds N). */
  seeds: string;
  exercises: ExerciseValidation[];
  /** Problems that belong to the pack rather than one exercise (loader warnings on pack.json). */
  problems: PackProblem[];
}

export interface ValidateRunOptions {
  /** --seeds N: use seeds 1..N for every exercise instead of each exercise's own list. */
  seedCount?: number;
  timeMultiplier?: number;
  jobs: number;
  signal?: AbortSignal;
  onExerciseDone?: (validation: ExerciseValidation) => void;
}

/** Reads exercise.json once per exercise to point problems at the line of /checks/<i>. */
function makeLocator(exercise: LoadedExercise): (pointer: string) => Pick<PackProblem, 'line' | 'column'> {
  const file = path.join(exercise.dir, 'exercise.json');
  let parsed: ReturnType<typeof parseJsonText> | undefined;
  try {
    parsed = parseJsonText(fs.readFileSync(file, 'utf8'), file);
  } catch {
    parsed = undefined;
  }
  return (pointer) => (parsed ? locatePointer(parsed, pointer) ?? {} : {});
}

function summarizeAttempt(result: GradeResult): AttemptSummary {
  return { passed: result.passed && !result.error, score: result.score, maxScore: result.maxScore, durationMs: result.durationMs, error: result.error };
}

function seedsFor(exercise: LoadedExercise, seedCount?: number): number[] {
  return seedCount !== undefined ? Array.from({ length: seedCount }, (_, i) => i + 1) : exercise.manifest.seeds;
}

/** Problems from one exercise's reference and starter runs; pure, so it is unit-tested directly. */
export function judgeExercise(exercise: LoadedExercise, reference: GradeResult, starter: GradeResult, locate: (pointer: string) => Pick<PackProblem, 'line' | 'column'> = () => ({})): Omit<ExerciseValidation, 'seeds'> {
  const manifestFile = path.join(exercise.dir, 'exercise.json');
  const problems: PackProblem[] = [...(exercise.warnings ?? [])];
  const specs = exercise.manifest.checks;

  if (reference.error) {
    const harnessFault = reference.error.kind === 'harness-error';
    problems.push({
      file: harnessFault ? exercise.paths.harness : exercise.paths.solution,
      jsonPath: '',
      line: reference.error.line,
      column: reference.error.column,
      message: `The reference solution could not be graded (${reference.error.kind}${reference.error.seed !== undefined ? `, seed ${reference.error.seed}` : ''}): ${reference.error.message}`,
      fix: harnessFault ? 'Fix the harness: it failed while running the reference solution.' : 'Fix the reference solution so it runs within the limits on every seed.',
      severity: 'error',
    });
  }
  specs.forEach((spec, index) => {
    const check = reference.checks.find((c) => c.id === spec.id);
    if (!check || reference.error) return;
    const failingSeeds = check.perSeed.filter((s) => !s.passed);
    const pointer = `/checks/${index}`;
    const needs = formatThreshold({ op: spec.op, threshold: spec.threshold, rtol: spec.rtol, atol: spec.atol });
    const detail = failingSeeds.map((s) => `seed ${s.seed}: ${s.measured === null ? 'not measured' : formatNumber(s.measured)}`).join(', ');
    if (!check.passed) {
      problems.push({
        file: manifestFile, jsonPath: pointer, ...locate(pointer), severity: 'error',
        message: `The reference solution fails check "${spec.id}" (needs ${needs}; ${detail || `measured ${check.measured === null ? 'nothing' : formatNumber(check.measured)}`}).`,
        fix: 'Fix the reference solution, or move the threshold: the margins table shows where the reference lands.',
      });
    } else if (failingSeeds.length > 0) {
      // across: "median" lets a check pass while single seeds fail; the author should know.
      problems.push({
        file: manifestFile, jsonPath: pointer, ...locate(pointer), severity: 'warning',
        message: `Check "${spec.id}" passes on the median but the reference fails it on ${detail} (needs ${needs}).`,
        fix: 'Make the check hold on every seed, or confirm that a median over seeds is what you intend.',
      });
    }
  });

  const starterFails = !starter.passed || Boolean(starter.error);
  if (!starterFails) {
    problems.push({
      file: exercise.paths.starter, jsonPath: '', severity: 'error',
      message: 'The starter passes every check: a learner would get full marks without changing anything.',
      fix: 'Make the starter fail at least one check (leave the part the learner must write as a TODO that returns a wrong value), or tighten a check.',
    });
  }

  const margins = computeMargins(specs, exercise.manifest.charts, reference.error ? [] : reference.checks, starter.checks);
  margins.forEach((margin, index) => {
    if (!margin.thin) return;
    const pointer = `/checks/${index}/threshold`;
    problems.push({
      file: manifestFile, jsonPath: pointer, ...locate(pointer), severity: 'warning',
      message: `The reference passes check "${margin.check}" by only ${formatMargin(margin.reference, margin.scale)} on its worst seed: another seed or machine may fail it.`,
      fix: 'Move the threshold further from the reference value, or confirm over more seeds (gradlab validate --seeds 10).',
    });
  });

  return {
    id: exercise.manifest.id,
    title: exercise.manifest.title,
    referencePasses: reference.passed && !reference.error,
    starterFails,
    problems,
    margins,
    reference: summarizeAttempt(reference),
    starter: summarizeAttempt(starter),
  };
}

export async function validateLoadedPack(pack: LoadedPack, deps: ValidateDeps, opts: ValidateRunOptions): Promise<ValidateReport> {
  const referenceCache = deps.createReferenceCache();
  const settled = await runPool(pack.exercises, opts.jobs, async (exercise) => {
    const seeds = seedsFor(exercise, opts.seedCount);
    const gradeOpts: ValidateGradeOptions = { seeds, revealHidden: true, referenceCache, timeMultiplier: opts.timeMultiplier, signal: opts.signal };
    const reference = await deps.gradeExercise(exercise, { file: exercise.paths.solution }, gradeOpts);
    const starter = await deps.gradeExercise(exercise, { file: exercise.paths.starter }, gradeOpts);
    const validation: ExerciseValidation = { seeds, ...judgeExercise(exercise, reference, starter, makeLocator(exercise)) };
    opts.onExerciseDone?.(validation);
    return validation;
  });
  const exercises = settled.map((s, i): ExerciseValidation => {
    if (s.ok) return s.value;
    // GradLab failed (not the author's code): report it on the exercise instead of losing the rest.
    const exercise = pack.exercises[i];
    const message = s.error instanceof Error ? s.error.message : String(s.error);
    const empty: AttemptSummary = { passed: false, score: 0, maxScore: 0, durationMs: 0 };
    return {
      id: exercise.manifest.id, title: exercise.manifest.title, seeds: seedsFor(exercise, opts.seedCount),
      referencePasses: false, starterFails: false, margins: [], reference: empty, starter: empty,
      problems: [{ file: path.join(exercise.dir, 'exercise.json'), jsonPath: '', severity: 'error', message: `GradLab could not grade this exercise: ${message}`, fix: 'Run again with GRADLAB_DEBUG=1 and report the stack trace.' }],
    };
  });
  const valid = exercises.every(exerciseIsValid);
  return {
    pack: pack.manifest.id,
    title: pack.manifest.title,
    valid,
    seeds: opts.seedCount !== undefined ? `1..${opts.seedCount}` : 'exercise',
    exercises,
    problems: packLevelWarnings(pack),
  };
}

/** An exercise passes validation: its reference passes, its starter fails, and nothing it reported is an error. */
export function exerciseIsValid(validation: ExerciseValidation): boolean {
  return validation.referencePasses && validation.starterFails && !validation.problems.some((p) => p.severity === 'error');
}

/** pack.warnings repeats every exercise's warnings; keep only those that belong to no exercise. */
function packLevelWarnings(pack: LoadedPack): PackProblem[] {
  const key = (p: PackProblem) => `${p.file}|${p.jsonPath}|${p.message}`;
  const exerciseKeys = new Set(pack.exercises.flatMap((e) => (e.warnings ?? []).map(key)));
  return (pack.warnings ?? []).filter((p) => !exerciseKeys.has(key(p)));
}
