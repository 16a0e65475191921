/**
 * Grades every student × exercise of a class folder into one BatchReport. A broken or missing
 * submission never stops the batch: missing → 0 points "no submission"; a learner error is an
 * ordinary (failed) GradeResult; a GradLab failure on one cell becomes status "error" for that cell.
 */
import * as path from 'node:path';
import type { GradeResult } from '../../grading/types';
import type { LoadedPack } from '../../pack/types';
import type { CliDeps } from '../deps';
import { listStudents, locateSubmission, selectShard, uniqueLearnerFiles } from './discover';
import { runPool } from '../../grading/pool';
import type { BatchExercise, BatchGradeResult, BatchReport, ExerciseCell, StudentRow } from './types';

export interface BatchOptions {
  jobs: number;
  revealHidden: boolean;
  timeMultiplier?: number;
  shard?: { index: number; count: number };
  signal?: AbortSignal;
  /** Called once discovery is done, with the number of cells (students × exercises) to settle. */
  onStart?: (cells: number) => void;
  /** Called once per graded (or skipped) cell, for progress. */
  onCell?: (student: string, exercise: string, cell: ExerciseCell) => void;
  /** Clock for durationMs (injectable for tests). */
  now?: () => number;
}

export function batchExercises(pack: LoadedPack): BatchExercise[] {
  return pack.exercises.map((e) => ({
    id: e.manifest.id,
    title: e.manifest.title,
    learnerFile: e.manifest.learnerFile,
    maxScore: e.manifest.checks.reduce((sum, c) => sum + c.points, 0),
    checks: e.manifest.checks.map((c) => ({ id: c.id, title: c.title, points: c.points, hidden: c.hidden })),
  }));
}

function withoutCharts(result: GradeResult): BatchGradeResult {
  const { charts: _charts, ...rest } = result;
  return rest;
}

const posix = (p: string) => p.split(path.sep).join('/');

export async function gradeBatch(pack: LoadedPack, submissionsDir: string, deps: CliDeps, opts: BatchOptions): Promise<BatchReport> {
  const now = opts.now ?? Date.now;
  const started = now();
  const exercises = batchExercises(pack);
  const students = selectShard(listStudents(submissionsDir), opts.shard);
  const unique = uniqueLearnerFiles(pack);
  const referenceCache = deps.createReferenceCache();

  interface Cell { student: string; exerciseIndex: number; file?: string; reason?: string }
  const cells: Cell[] = [];
  for (const student of students) {
    pack.exercises.forEach((exercise, exerciseIndex) => {
      const located = locateSubmission(path.join(submissionsDir, student), exercise.manifest.id, exercise.manifest.learnerFile, unique);
      cells.push(located.file !== undefined ? { student, exerciseIndex, file: located.file } : { student, exerciseIndex, reason: located.reason });
    });
  }

  opts.onStart?.(cells.length);

  const toCell = (cell: Cell, result: GradeResult | undefined, failure?: unknown): ExerciseCell => {
    const exercise = exercises[cell.exerciseIndex];
    const base = { exercise: exercise.id, maxScore: exercise.maxScore, file: cell.file ? posix(path.relative(submissionsDir, cell.file)) : undefined };
    if (cell.file === undefined) return { ...base, status: 'missing', score: 0, passed: false, message: cell.reason ?? 'no submission' };
    if (result) return { ...base, status: 'graded', score: result.score, maxScore: result.maxScore, passed: result.passed && !result.error, result: withoutCharts(result) };
    const message = failure instanceof Error ? failure.message : String(failure);
    return { ...base, status: 'error', score: 0, passed: false, message: `GradLab could not grade this submission: ${message}` };
  };

  const settled = await runPool(
    cells,
    opts.jobs,
    async (cell) => {
      if (cell.file === undefined) return undefined;
      return deps.gradeExercise(pack.exercises[cell.exerciseIndex], { file: cell.file }, { revealHidden: opts.revealHidden, timeMultiplier: opts.timeMultiplier, referenceCache, signal: opts.signal });
    },
    (outcome, cell) => opts.onCell?.(cell.student, exercises[cell.exerciseIndex].id, outcome.ok ? toCell(cell, outcome.value) : toCell(cell, undefined, outcome.error)),
  );

  const rows = new Map<string, StudentRow>(students.map((s) => [s, { student: s, score: 0, maxScore: 0, exercises: [] }]));
  cells.forEach((cell, i) => {
    const outcome = settled[i];
    const exerciseCell = outcome.ok ? toCell(cell, outcome.value) : toCell(cell, undefined, outcome.error);
    const row = rows.get(cell.student)!;
    row.exercises.push(exerciseCell);
    row.score += exerciseCell.score;
    row.maxScore += exerciseCell.maxScore;
  });

  return {
    pack: pack.manifest.id,
    packTitle: pack.manifest.title,
    exercises,
    students: [...rows.values()],
    shard: opts.shard,
    jobs: opts.jobs,
    durationMs: now() - started,
  };
}
