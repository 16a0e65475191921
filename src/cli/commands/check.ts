/**
 * gradlab check <exercise-dir> [--file F] [--seed N] [--json]
 * Grades one file against one exercise. Exit 0 all checks pass · 1 a check failed or the learner
 * code failed · 2 usage or invalid pack.
 * Which file: --file F; else the exercise's learnerFile in <exercise-dir> when it exists; else the
 * starter (a fresh exercise has only the starter). The report says which one was graded.
 */
import * as path from 'node:path';
import { displayPath, resolveArg, stderrStyle, stdoutStyle, type CommandContext } from '../context';
import { reportError } from '../errors';
import { isDirectory, isFile } from '../fs-util';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../io';
import { formatCheckReport } from '../output/check-report';
import { toJson } from '../output/json';
import type { LoadedExercise } from '../../pack/types';

export interface CheckOptions {
  file?: string;
  seed?: number;
  json?: boolean;
  timeMultiplier?: number;
}

export interface ChosenFile {
  file: string;
  reason: string;
}

/** --file wins; then the learner's own file; then the starter. */
export function chooseFileToGrade(exercise: LoadedExercise, ctx: CommandContext, explicit?: string): ChosenFile {
  if (explicit !== undefined) {
    const file = resolveArg(ctx, explicit);
    if (!isFile(file)) throw new UsageError(`--file ${explicit}: no such file`, 'give the path of the .ts file to grade, relative to the current folder');
    return { file, reason: '--file' };
  }
  const learnerFile = path.join(exercise.dir, exercise.manifest.learnerFile);
  if (isFile(learnerFile)) return { file: learnerFile, reason: 'your file' };
  return { file: exercise.paths.starter, reason: `the starter: no ${exercise.manifest.learnerFile} yet, copy the starter to that name and edit it` };
}

export async function runCheck(exerciseDir: string, opts: CheckOptions, ctx: CommandContext): Promise<number> {
  try {
    const dir = resolveArg(ctx, exerciseDir);
    if (!isDirectory(dir)) throw new UsageError(`${exerciseDir}: no such folder`, 'give the folder that contains exercise.json');
    if (!isFile(path.join(dir, 'exercise.json'))) {
      throw new UsageError(`${exerciseDir}: no exercise.json in this folder`, 'give an exercise folder (it contains exercise.json), not the pack folder');
    }
    const exercise = await ctx.deps.loadExercise(dir);
    const chosen = chooseFileToGrade(exercise, ctx, opts.file);
    const result = await ctx.deps.gradeExercise(exercise, { file: chosen.file }, {
      seeds: opts.seed !== undefined ? [opts.seed] : undefined,
      timeMultiplier: opts.timeMultiplier,
      signal: ctx.signal,
    });
    if (opts.json) {
      // stdout carries exactly the GradeResult; which file was graded is a note for humans.
      ctx.io.stdout(toJson(result));
      if (chosen.reason !== '--file' && chosen.reason !== 'your file') {
        ctx.io.stderr(stderrStyle(ctx).dim(`gradlab: graded ${displayPath(ctx, chosen.file)} (${chosen.reason})\n`));
      }
    } else {
      ctx.io.stdout(formatCheckReport(result, { gradedFile: displayPath(ctx, chosen.file), gradedFileReason: chosen.reason }, stdoutStyle(ctx)));
    }
    return result.passed && !result.error ? EXIT_OK : EXIT_FAILED;
  } catch (error) {
    return reportError(error, ctx, { json: opts.json });
  }
}
