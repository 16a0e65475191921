/**
 * gradlab grade <pack-dir> <submissions-dir> [--out results.csv] [--junit F] [--json]
 *               [--jobs N] [--shard i/n] [--reveal-hidden]
 * Grades a class folder (layouts: see batch/discover.ts). Outputs:
 *   --out F     CSV grade sheet (one row per student; `--out -` writes it to stdout)
 *   --junit F   JUnit XML (testsuite per student, testcase per check) for CI systems
 *   --json      the whole BatchReport on stdout (every check; charts left out)
 *   otherwise   a score table on stdout
 * Progress goes to stderr. Exit 0 when the batch ran (even if students failed) · 2 usage/invalid pack.
 * Hidden checks keep their measured values hidden in the outputs unless --reveal-hidden: JUnit
 * reports are often shown to the students themselves (e.g. in a classroom CI).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gradeBatch } from '../batch/grade-batch';
import { parseShard } from '../batch/discover';
import { defaultJobs } from '../../grading/pool';
import { displayPath, requirePackDir, resolveArg, stderrStyle, stdoutStyle, type CommandContext } from '../context';
import { reportError } from '../errors';
import { isDirectory } from '../fs-util';
import { EXIT_OK, UsageError } from '../io';
import { formatDuration } from '../output/check-report';
import { toGradeCsv } from '../output/grade-csv';
import { formatGradeSummary } from '../output/grade-summary';
import { toJson } from '../output/json';
import { toJunitXml } from '../output/junit';
import { createProgress } from '../output/progress';
import { plural } from '../output/style';

export interface GradeOptions {
  out?: string;
  junit?: string;
  json?: boolean;
  jobs?: number;
  shard?: string;
  revealHidden?: boolean;
  timeMultiplier?: number;
}

function writeOutput(ctx: CommandContext, target: string, text: string): string {
  const file = resolveArg(ctx, target);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  } catch (error) {
    throw new UsageError(`cannot write ${target}: ${(error as Error).message}`, 'give a path in a folder you can write to');
  }
  return displayPath(ctx, file);
}

export async function runGrade(packDir: string, submissionsDir: string, opts: GradeOptions, ctx: CommandContext): Promise<number> {
  try {
    const shard = opts.shard !== undefined ? parseShard(opts.shard) : undefined;
    if (opts.shard !== undefined && !shard) throw new UsageError(`--shard ${opts.shard}: expected i/n with 1 ≤ i ≤ n, e.g. --shard 2/4`);
    if (opts.json && opts.out === '-') throw new UsageError('--json and --out - both want stdout', 'write the CSV to a file (--out results.csv) or drop --json');
    const packPath = requirePackDir(ctx, packDir);
    const submissionsPath = resolveArg(ctx, submissionsDir);
    if (!isDirectory(submissionsPath)) throw new UsageError(`${submissionsDir}: no such folder`, 'give the folder with one sub-folder per student');
    const pack = await ctx.deps.loadPack(packPath);

    const errStyle = stderrStyle(ctx);
    const jobs = opts.jobs ?? defaultJobs(ctx.io.cpus);
    let progress: ReturnType<typeof createProgress> | undefined;
    const report = await gradeBatch(pack, submissionsPath, ctx.deps, {
      jobs,
      revealHidden: opts.revealHidden === true,
      timeMultiplier: opts.timeMultiplier,
      shard,
      signal: ctx.signal,
      onStart: (cells) => {
        progress = createProgress(ctx.io, cells, errStyle);
      },
      onCell: (student, exercise) => progress?.tick(`${student} ${errStyle.bullet} ${exercise}`),
    });
    progress?.finish();

    const written: string[] = [];
    if (opts.out === '-') ctx.io.stdout(toGradeCsv(report));
    else if (opts.out !== undefined) written.push(`CSV ${writeOutput(ctx, opts.out, toGradeCsv(report))}`);
    if (opts.junit !== undefined) written.push(`JUnit ${writeOutput(ctx, opts.junit, toJunitXml(report))}`);
    if (opts.json) ctx.io.stdout(toJson(report));
    else if (opts.out !== '-') ctx.io.stdout(formatGradeSummary(report, stdoutStyle(ctx)));

    const cells = report.students.length * report.exercises.length;
    ctx.io.stderr(
      errStyle.dim(errStyle.text(`gradlab: graded ${plural(report.students.length, 'student')} × ${plural(report.exercises.length, 'exercise')} (${plural(cells, 'submission')}) in ${formatDuration(report.durationMs)} with ${plural(jobs, 'job')}`)) +
        (written.length ? errStyle.dim(`; wrote ${written.join(', ')}`) : '') + '\n',
    );
    return EXIT_OK;
  } catch (error) {
    return reportError(error, ctx, { json: opts.json });
  }
}
