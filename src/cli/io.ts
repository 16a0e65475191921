/**
 * Everything the CLI touches in the outside world, behind one object, so tests can drive any
 * command in-process with captured streams (no process.exit, no real terminal).
 */
import * as os from 'node:os';

export interface CliIO {
  /** Writes to standard output (the machine-readable channel: JSON, CSV when no --out, reports). */
  stdout(text: string): void;
  /** Writes to standard error (progress, notes, errors). */
  stderr(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Columns of the stderr terminal when known (for the progress bar). */
  stderrColumns?: number;
  env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths on the command line are resolved against. */
  cwd: string;
  /** Logical CPU count: the default for `grade --jobs` is cpus − 1 (min 1). */
  cpus: number;
  platform: NodeJS.Platform;
}

/** The real process's IO. Only src/cli/main.ts calls this. */
export function processIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stderrColumns: process.stderr.columns,
    env: process.env,
    cwd: process.cwd(),
    cpus: Math.max(1, os.availableParallelism?.() ?? os.cpus().length),
    platform: process.platform,
  };
}

/** Exit codes of the design contract. */
export const EXIT_OK = 0;
/** `check`: a check failed or the learner code failed. `validate`: a reference failed or a starter passed. */
export const EXIT_FAILED = 1;
/** Usage error (bad command, flag or argument) or an invalid pack. */
export const EXIT_USAGE = 2;

/**
 * A problem with how the command was called (missing folder, bad flag value). Printed as one
 * line without a stack trace; exit code 2.
 */
export class UsageError extends Error {
  constructor(message: string, readonly fix?: string) {
    super(message);
    this.name = 'UsageError';
  }
}
