/**
 * runSubmission: learner TypeScript → sandboxed run → RunOutcome.
 *
 *   1. here, in the caller's process: read and transform both files (sucrase), scan the learner's
 *      source for banned helpers. Syntax errors and banned helpers are reported without starting a
 *      sandbox.
 *   2. fork dist/sandbox-host.js (a fresh process per run: a V8 fatal error or a native crash in
 *      there can never take down the extension host or the CLI) and hand it the job over IPC.
 *   3. collect per-seed results as they arrive; whatever happens to the child (exit, kill, crash),
 *      turn it into a RunOutcome. Learner problems never throw.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ConsoleLine, ErrorInfo } from '../grading/types';
import { findBannedHelper } from './banned-scan';
import { HOST_BUNDLE, resolveDistDir } from './dist-dir';
import { crashError, harnessSyntaxError, outOfMemoryError } from './messages';
import type { HostEvent, HostRequest, WorkerJob } from './protocol';
import { lineExcerpt, normalizeSourceText, transformTypeScript } from './transform';
import type { RunOutcome, RunRequest, SeedOutcome } from './types';

export interface RunOptions {
  /** Cancels the run: the sandbox is killed and the promise rejects with an AbortError. */
  signal?: AbortSignal;
  /** Folder holding sandbox-host.js and sandbox-runtime.js (default: found next to this code). */
  distDir?: string;
}

/** How long the host may take to start, on top of the per-seed limits, before we kill it. */
const STARTUP_ALLOWANCE_MS = 20_000;
const STDERR_TAIL_CHARS = 4000;

function failedOutcome(req: RunRequest, error: ErrorInfo, started: number): RunOutcome {
  return {
    seeds: req.seeds.map((seed) => ({ seed, metrics: {}, error, durationMs: 0 })),
    error,
    console: [],
    consoleTruncated: false,
    durationMs: Date.now() - started,
  };
}

function abortError(): Error {
  const err = new Error('The run was cancelled.');
  err.name = 'AbortError';
  return err;
}

/** A name for the harness in stack traces that cannot be confused with the learner's file. */
function harnessScriptName(harnessFile: string, learnerFile: string): string {
  const base = path.basename(harnessFile);
  return base === learnerFile ? `exercise-${base}` : base;
}

type Prepared = { job: WorkerJob } | { error: ErrorInfo };

async function prepare(req: RunRequest): Promise<Prepared> {
  const learnerFile = req.submissionDisplayName ?? path.basename(req.submissionFile);
  const harnessFile = harnessScriptName(req.harnessFile, learnerFile);

  let harnessSource: string;
  try {
    harnessSource = await readFile(req.harnessFile, 'utf8');
  } catch (err) {
    return {
      error: {
        kind: 'harness-error',
        message: `The exercise's harness could not be read — this is a problem with the exercise, not your code: ${(err as Error).message}`,
        file: harnessFile,
      },
    };
  }
  let submissionSource: string;
  if (req.submissionSource !== undefined) {
    submissionSource = req.submissionSource;
  } else {
    try {
      submissionSource = await readFile(req.submissionFile, 'utf8');
    } catch (err) {
      return { error: crashError(`could not read ${learnerFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`) };
    }
  }

  // Windows editors and git autocrlf give CRLF, Notepad a BOM: one spelling for every step below.
  harnessSource = normalizeSourceText(harnessSource);
  submissionSource = normalizeSourceText(submissionSource);
  const submission = transformTypeScript(submissionSource, learnerFile);
  if (!submission.ok) {
    const where = submission.line ? ` at line ${submission.line}${submission.column ? `, column ${submission.column}` : ''}` : '';
    const excerpt = submission.line ? lineExcerpt(submissionSource, submission.line) : '';
    const error: ErrorInfo = {
      kind: 'syntax',
      message: `Syntax error in ${learnerFile}${where}: ${submission.message}.${excerpt ? ` The line reads: ${excerpt}` : ''}`,
      file: learnerFile,
    };
    if (submission.line) error.line = submission.line;
    if (submission.column) error.column = submission.column;
    return { error };
  }
  const bannedUse = findBannedHelper(submissionSource, req.bannedHelpers);
  if (bannedUse) {
    return {
      error: {
        kind: 'banned-helper',
        message:
          `${learnerFile} line ${bannedUse.line} uses ${bannedUse.name}, the engine helper this exercise asks you to write yourself. ` +
          `Replace it with your own code (you may still use the other gradlab functions).`,
        file: learnerFile,
        line: bannedUse.line,
      },
    };
  }
  const harness = transformTypeScript(harnessSource, harnessFile);
  if (!harness.ok) {
    return { error: harnessSyntaxError(harnessFile, harness.line, 'does not parse', harness.message) };
  }
  return {
    job: {
      harnessJs: harness.code,
      submissionJs: submission.code,
      learnerFile,
      harnessFile,
      requiredExports: req.requiredExports,
      bannedHelpers: req.bannedHelpers,
      seeds: req.seeds,
      timeMsPerSeed: req.timeMsPerSeed,
      memoryMb: req.memoryMb,
    },
  };
}

export async function runSubmission(req: RunRequest, opts: RunOptions = {}): Promise<RunOutcome> {
  const started = Date.now();
  if (opts.signal?.aborted) throw abortError();
  const prepared = await prepare(req);
  if ('error' in prepared) return failedOutcome(req, prepared.error, started);
  if (req.seeds.length === 0) return { seeds: [], console: [], consoleTruncated: false, durationMs: Date.now() - started };
  return runInSandbox(req, prepared.job, resolveDistDir(opts.distDir), opts.signal, started);
}

/** Node flags of the sandbox host process (exported so scripts/sandbox-speed.ts forks it the same way). */
export function sandboxExecArgv(memoryMb: number): string[] {
  return [
    `--max-old-space-size=${Math.max(64, Math.ceil(memoryMb))}`,
    // Lets the sandbox answer import() with its own error object (see sandbox/worker.ts).
    '--experimental-vm-modules',
    '--no-warnings',
  ];
}

function runInSandbox(req: RunRequest, job: WorkerJob, distDir: string, signal: AbortSignal | undefined, started: number): Promise<RunOutcome> {
  return new Promise<RunOutcome>((resolve, reject) => {
    const seeds: Array<SeedOutcome | undefined> = req.seeds.map(() => undefined);
    const consoleLines: ConsoleLine[] = [];
    let consoleTruncated = false;
    let stop: { error: ErrorInfo; fatal: boolean } | undefined;
    let stderrTail = '';
    let settled = false;

    let child: ChildProcess;
    try {
      child = fork(path.join(distDir, HOST_BUNDLE), [], {
        execPath: process.execPath,
        execArgv: sandboxExecArgv(req.memoryMb),
        // Under VS Code (Electron) process.execPath is the Electron binary; this makes it act as Node.
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'json',
      });
    } catch (err) {
      resolve(failedOutcome(req, crashError(`it could not be started: ${(err as Error).message}`), started));
      return;
    }

    const finish = (crash?: ErrorInfo) => {
      if (settled) return;
      settled = true;
      clearTimeout(backstop);
      signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      const missing = crash ?? stop?.error;
      const outcome: RunOutcome = {
        seeds: req.seeds.map((seed, i) => seeds[i] ?? { seed, metrics: {}, error: missing ?? crashError('no result was reported', seed), durationMs: 0 }),
        console: consoleLines,
        consoleTruncated,
        durationMs: Date.now() - started,
      };
      if (crash) outcome.error = crash;
      else if (stop?.fatal) outcome.error = stop.error;
      resolve(outcome);
    };

    const onAbort = () => {
      if (settled) return;
      settled = true;
      clearTimeout(backstop);
      child.kill('SIGKILL');
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    // The host enforces the per-seed limits itself; this only catches a host that stopped answering.
    const backstop = setTimeout(
      () => finish(crashError('it stopped responding')),
      STARTUP_ALLOWANCE_MS + req.seeds.length * (req.timeMsPerSeed + 1000),
    );

    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });

    child.on('message', (event: HostEvent) => {
      switch (event.type) {
        case 'seed':
          seeds[event.index] = event.outcome;
          consoleLines.push(...event.console);
          consoleTruncated ||= event.consoleTruncated;
          break;
        case 'stop':
          stop = { error: event.error, fatal: event.fatal };
          break;
        case 'done':
          finish();
          break;
      }
    });
    child.on('error', (err) => finish(crashError(`it could not be started: ${err.message}`)));
    child.on('exit', (code, sig) => {
      if (settled) return;
      const running = req.seeds[seeds.findIndex((s) => s === undefined)];
      // A V8 fatal out-of-memory in the host itself (not the worker) ends the process with this text.
      if (/heap out of memory|Reached heap limit|Allocation failed/i.test(stderrTail)) {
        finish(outOfMemoryError(req.memoryMb, running));
      } else {
        finish(crashError(sig ? `it was stopped by signal ${sig}` : `it exited with code ${code}`, running));
      }
    });

    const request: HostRequest = { type: 'run', job };
    child.send(request);
  });
}
