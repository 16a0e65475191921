/**
 * The real wiring of the layers the CLI uses (see deps.ts for why this is injectable).
 */
import { gradeExercise } from '../grading/grade-exercise';
import { loadExercise, loadPack, PackLoadError, scaffoldExercise, scaffoldPack } from '../pack';
import type { CliDeps } from './deps';

export function defaultDeps(): CliDeps {
  return {
    loadPack,
    loadExercise,
    gradeExercise: (exercise, submission, opts) => gradeExercise(exercise, submission, opts as Parameters<typeof gradeExercise>[2]),
    createReferenceCache: () => new Map(),
    scaffoldPack,
    scaffoldExercise,
    packProblems: (error) => (error instanceof PackLoadError ? error.problems : undefined),
  };
}
