/**
 * The batch-grading model behind `gradlab grade`: one row per student, one cell per exercise.
 * Every output (CSV, JSON, JUnit, terminal summary) is rendered from a BatchReport, so they agree.
 */
import type { CheckSpec } from '../../pack/types';
import type { GradeResult } from '../../grading/types';

/**
 * graded:  the submission ran through the grader (it may still have failed every check).
 * missing: no file for this exercise in the student's folder → 0 points, "no submission".
 * error:   GradLab itself failed while grading this cell (not the learner's fault); 0 points and
 *          reported as a JUnit <error> so an instructor re-runs it rather than failing the student.
 */
export type CellStatus = 'graded' | 'missing' | 'error';

/** A GradeResult as stored in batch output: charts are dropped (hundreds of inline Vega specs). */
export type BatchGradeResult = Omit<GradeResult, 'charts'>;

export interface ExerciseCell {
  exercise: string;
  status: CellStatus;
  /** The graded file, relative to the submissions folder (posix separators). */
  file?: string;
  score: number;
  maxScore: number;
  passed: boolean;
  /** For missing/error: why, in one line. */
  message?: string;
  result?: BatchGradeResult;
}

export interface StudentRow {
  student: string;
  score: number;
  maxScore: number;
  exercises: ExerciseCell[];
}

export interface BatchExercise {
  id: string;
  title: string;
  learnerFile: string;
  maxScore: number;
  checks: Array<Pick<CheckSpec, 'id' | 'title' | 'points' | 'hidden'>>;
}

export interface BatchReport {
  pack: string;
  packTitle: string;
  exercises: BatchExercise[];
  students: StudentRow[];
  /** Present when --shard i/n was given (1-based index). */
  shard?: { index: number; count: number };
  jobs: number;
  durationMs: number;
}
