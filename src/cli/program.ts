/**
 * The `gradlab` command line: commander wiring only. Each command's behaviour lives in
 * commands/<name>.ts and returns its exit code; this file maps argv to those functions, adds help
 * with examples, and turns commander's own errors (unknown command/flag, missing argument) into
 * exit code 2 with a "did you mean" suggestion. Nothing here calls process.exit: runCli returns
 * the code, so tests drive the whole CLI in-process.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { version } from '../../package.json';
import { runCheck } from './commands/check';
import { runGrade } from './commands/grade';
import { runList } from './commands/list';
import { runNewExercise, runNewPack, runNewTypes } from './commands/new';
import { runValidate } from './commands/validate';
import type { CommandContext } from './context';
import type { CliDeps } from './deps';
import { EXIT_OK, EXIT_USAGE, type CliIO } from './io';

export const CLI_VERSION: string = version;

function integerParser(what: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${what} must be a whole number${min > 0 ? ` ≥ ${min}` : ''}.`);
    }
    return n;
  };
}

function positiveNumber(what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${what} must be a positive number.`);
    return n;
  };
}

const TIME_MULTIPLIER_HELP = "scale every exercise's time limit (slow or busy machines, e.g. CI)";

const MAIN_EXAMPLES = `
Examples:
  $ gradlab list exercises
  $ gradlab check exercises/clip-global-norm
  $ gradlab check exercises/clip-global-norm --file my-clip.ts --json
  $ gradlab validate my-pack --seeds 10
  $ gradlab grade my-pack submissions --out results.csv --junit results.xml
  $ gradlab new pack my-pack && gradlab new exercise my-pack relu-backward

Exit codes: 0 success · 1 a check failed (check) / pack not valid (validate) · 2 usage error or invalid pack.
Set NO_COLOR=1 (or --no-color) for plain ASCII output; GRADLAB_DEBUG=1 shows stack traces.`;

export interface RunCliOptions {
  /** The layers to use; a function so they are only built when a command actually runs. */
  deps: CliDeps | (() => CliDeps);
  signal?: AbortSignal;
}

export async function runCli(argv: string[], io: CliIO, opts: RunCliOptions): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('gradlab');
  program
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showSuggestionAfterError(true)
    .showHelpAfterError('(add --help for usage and examples)')
    .description('Auto-graded exercises on vanishing and exploding gradients: check a solution, validate and grade exercise packs.')
    .version(CLI_VERSION, '-V, --version', 'print the GradLab version')
    .helpOption('-h, --help', 'show help (every command has its own: gradlab <command> --help)')
    .option('--no-color', 'plain output: no colours and ASCII symbols (also NO_COLOR=1)')
    .addHelpText('after', MAIN_EXAMPLES);

  const ctx = (): CommandContext => ({
    io,
    deps: typeof opts.deps === 'function' ? opts.deps() : opts.deps,
    colorFlag: program.opts().color !== false,
    signal: opts.signal,
  });

  program
    .command('check')
    .description('grade one file against an exercise')
    .argument('<exercise-dir>', 'exercise folder (contains exercise.json)')
    .option('-f, --file <file>', "file to grade (default: the exercise's learner file, else its starter)")
    .option('--seed <n>', "grade on this one seed instead of the exercise's seeds", integerParser('--seed', 0))
    .option('--json', 'print the GradeResult as one JSON object')
    .option('--time-multiplier <x>', TIME_MULTIPLIER_HELP, positiveNumber('--time-multiplier'))
    .addHelpText('after', `
Exit codes: 0 every check passed · 1 a check failed or the code failed · 2 usage error or invalid exercise.

Examples:
  $ gradlab check exercises/clip-global-norm
  $ gradlab check exercises/clip-global-norm --file solution.ts --seed 3
  $ gradlab check exercises/clip-global-norm --json > result.json`)
    .action(async (dir: string, o) => {
      exitCode = await runCheck(dir, o, ctx());
    });

  program
    .command('validate')
    .description('check a pack: schema, every reference solution passes, every starter fails, threshold margins')
    .argument('<pack-dir>', 'pack folder (contains pack.json)')
    .option('--seeds <n>', "use seeds 1..N for every exercise instead of each exercise's own seeds", integerParser('--seeds', 1))
    .option('-j, --jobs <n>', 'exercises validated in parallel (default: CPU cores - 1)', integerParser('--jobs', 1))
    .option('--json', 'print {pack, valid, exercises:[…]} as one JSON object')
    .option('--time-multiplier <x>', TIME_MULTIPLIER_HELP, positiveNumber('--time-multiplier'))
    .addHelpText('after', `
Margins: for each check, how far the reference (worst seed) and the starter (best seed) land from the
threshold, in decades for log-scale quantities and in % of the threshold otherwise; a reference
margin under 0.1 decade or 10 % is reported as a warning.
Exit codes: 0 valid · 1 a reference fails or a starter passes · 2 usage error or the pack does not load.

Examples:
  $ gradlab validate exercises
  $ gradlab validate my-pack --seeds 10 --json`)
    .action(async (dir: string, o) => {
      exitCode = await runValidate(dir, o, ctx());
    });

  program
    .command('grade')
    .description('grade a class: every student folder × every exercise, in parallel')
    .argument('<pack-dir>', 'pack folder (contains pack.json)')
    .argument('<submissions-dir>', 'one sub-folder per student: <student>/<exercise-id>/<file> or <student>/<file>')
    .option('-o, --out <file>', 'write the CSV grade sheet here ("-" for stdout)')
    .option('--junit <file>', 'write JUnit XML here (testsuite per student, testcase per check)')
    .option('--json', 'print the whole batch report (every check) as one JSON object')
    .option('-j, --jobs <n>', 'submissions graded in parallel (default: CPU cores - 1, min 1)', integerParser('--jobs', 1))
    .option('--shard <i/n>', 'grade only students whose index (sorted by name, 0-based) mod n equals i-1 (i is 1-based)')
    .option('--reveal-hidden', "include hidden checks' measured values and thresholds in the outputs")
    .option('--time-multiplier <x>', TIME_MULTIPLIER_HELP, positiveNumber('--time-multiplier'))
    .addHelpText('after', `
Layouts: <student>/<exercise-id>/<learnerFile> always works; <student>/<learnerFile> works when that file
name belongs to only one exercise of the pack. A missing submission scores 0 ("no submission").
CSV columns: student, one column per exercise id (score), total, max.
Exit codes: 0 the batch ran (even if students failed) · 2 usage error or invalid pack.

Examples:
  $ gradlab grade my-pack submissions --out results.csv --junit results.xml
  $ gradlab grade my-pack submissions --shard 1/4 --jobs 4 --out shard1.csv
  $ gradlab grade my-pack submissions --json > batch.json`)
    .action(async (pack: string, submissions: string, o) => {
      exitCode = await runGrade(pack, submissions, o, ctx());
    });

  const create = program.command('new').description('scaffold a pack or an exercise (validates out of the box)');
  create
    .command('pack')
    .description('create a new exercise pack')
    .argument('<dir>', 'folder to create (must not exist or be empty)')
    .option('--id <id>', 'pack id (default: the folder name, lower-case with dashes)')
    .option('--title <title>', 'pack title (default: from the id)')
    .addHelpText('after', `
Example:
  $ gradlab new pack my-pack --title "Gradients 101"`)
    .action(async (dir: string, o) => {
      exitCode = await runNewPack(dir, o, ctx());
    });
  create
    .command('exercise')
    .description('add an exercise to a pack (folder, manifest, starter, solution, harness, README)')
    .argument('<pack-dir>', 'pack folder (contains pack.json)')
    .argument('<id>', 'exercise id: lower-case letters, digits and dashes')
    .option('--title <title>', 'exercise title (default: from the id)')
    .addHelpText('after', `
Example:
  $ gradlab new exercise my-pack relu-backward --title "ReLU backward"`)
    .action(async (pack: string, id: string, o) => {
      exitCode = await runNewExercise(pack, id, o, ctx());
    });

  create
    .command('types')
    .description("write or refresh a pack's editor support (tsconfig.json, .gradlab/types) — after a clone or an upgrade")
    .argument('<pack-dir>', 'pack folder (contains pack.json)')
    .addHelpText('after', `
Example:
  $ gradlab new types my-pack`)
    .action(async (pack: string) => {
      exitCode = await runNewTypes(pack, ctx());
    });

  program
    .command('list')
    .description("list a pack's exercises in teaching order")
    .argument('<pack-dir>', 'pack folder (contains pack.json)')
    .addOption(new Option('--json', 'print {pack, title, version, exercises:[…]} as JSON'))
    .addHelpText('after', `
Example:
  $ gradlab list exercises --json`)
    .action(async (dir: string, o) => {
      exitCode = await runList(dir, o, ctx());
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    throw error;
  }
  return exitCode;
}
