/**
 * The layers the CLI glues together, as one injectable object. Commands receive it instead of
 * importing src/pack and src/grading directly, so their argument handling, exit codes and output
 * can be tested in-process with fakes, and the real wiring lives in exactly one file
 * (default-deps.ts).
 */
import type { GradeResult } from '../grading/types';
import type { LoadedExercise, LoadedPack, PackProblem } from '../pack/types';

export type { PackProblem };

export interface GradeOptions {
  seeds?: number[];
  timeMultiplier?: number;
  revealHidden?: boolean;
  /** Shared across calls so the reference solution runs once per exercise and seed set. */
  referenceCache?: unknown;
  signal?: AbortSignal;
}

export interface CliDeps {
  loadPack(dir: string): Promise<LoadedPack>;
  loadExercise(dir: string): Promise<LoadedExercise>;
  gradeExercise(exercise: LoadedExercise, submission: { file: string; source?: string }, opts: GradeOptions): Promise<GradeResult>;
  /** A fresh cache object for GradeOptions.referenceCache. */
  createReferenceCache(): unknown;
  scaffoldPack(dir: string, opts: { id?: string; title?: string }): Promise<unknown>;
  scaffoldExercise(packDir: string, id: string, opts: { title?: string }): Promise<unknown>;
  /** Writes or refreshes an existing pack's editor support (tsconfig.json, .gradlab/types). */
  scaffoldEditorSupport(packDir: string): Promise<unknown>;
  /** The pack layer's load error, recognised without instanceof across bundles. */
  packProblems(error: unknown): PackProblem[] | undefined;
}
