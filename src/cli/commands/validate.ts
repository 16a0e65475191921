/**
 * gradlab validate <pack-dir> [--seeds N] [--jobs N] [--json]
 * Exit 0 iff the pack is schema-valid, every reference solution passes on every seed and every
 * starter fails · 1 when it loads but a reference fails or a starter passes · 2 usage / pack does
 * not load (schema errors, missing files).
 * Seeds: each exercise's own `seeds`; with --seeds N, seeds 1..N for every exercise (a quick way
 * to test a threshold's stability over more seeds than the pack ships with).
 * --json: {pack, valid, exercises:[{id, referencePasses, starterFails, problems, margins, …}], …}.
 */
import { displayPath, requirePackDir, stderrStyle, stdoutStyle, type CommandContext } from '../context';
import { reportError } from '../errors';
import { EXIT_FAILED, EXIT_OK } from '../io';
import { defaultJobs } from '../../grading/pool';
import { toJson } from '../output/json';
import { createProgress } from '../output/progress';
import { formatValidateReport } from '../output/validate-report';
import { validateLoadedPack } from '../../grading/validate/validate-pack';

export interface ValidateOptions {
  seeds?: number;
  jobs?: number;
  json?: boolean;
  timeMultiplier?: number;
}

export async function runValidate(packDir: string, opts: ValidateOptions, ctx: CommandContext): Promise<number> {
  try {
    const dir = requirePackDir(ctx, packDir);
    const pack = await ctx.deps.loadPack(dir);
    const progress = createProgress(ctx.io, pack.exercises.length, stderrStyle(ctx), 'validated');
    const report = await validateLoadedPack(pack, ctx.deps, {
      seedCount: opts.seeds,
      timeMultiplier: opts.timeMultiplier,
      jobs: opts.jobs ?? defaultJobs(ctx.io.cpus),
      signal: ctx.signal,
      onExerciseDone: (v) => progress.tick(v.id),
    });
    progress.finish();
    ctx.io.stdout(opts.json ? toJson(report) : formatValidateReport(report, stdoutStyle(ctx), (file) => displayPath(ctx, file)));
    return report.valid ? EXIT_OK : EXIT_FAILED;
  } catch (error) {
    return reportError(error, ctx, { json: opts.json });
  }
}
