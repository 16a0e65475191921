/**
 * gradeExercise(): the one call that turns "this exercise + this file" into a GradeResult. It runs
 * the submission and the reference solution through the same harness on the same seeds (the
 * reference once per exercise/seeds/solution+harness content, via the cache), then evaluate() and
 * buildCharts(). Node-only (reads files, hashes them, starts sandboxes) — unlike the rest of
 * src/grading, which is pure and also bundled into the webview.
 */
import { createHash } from 'crypto';
import { promises as fsp } from 'fs';
import * as path from 'path';
import type { LoadedExercise } from '../pack/types';
import type { RunOutcome, RunRequest } from '../runner/types';
import { runSubmission } from '../runner/index';
import { needsReference } from './compare';
import { buildCharts } from './charts';
import { evaluate } from './evaluate';
import { summarize } from './format';
import type { GradeResult } from './types';

export type RunSubmission = (req: RunRequest, opts?: { signal?: AbortSignal; distDir?: string }) => Promise<RunOutcome>;

export interface GradeExerciseOptions {
  /** Seeds to run (default: the manifest's). */
  seeds?: number[];
  /** Scales limits.timeMs (slow CI machines, `--time-multiplier`). Default 1. */
  timeMultiplier?: number;
  /** Show hidden checks' values (instructor tools). Default false. */
  revealHidden?: boolean;
  /** Reference outcomes shared across calls; keyed by referenceCacheKey(). */
  referenceCache?: Map<string, RunOutcome>;
  signal?: AbortSignal;
  /** Where dist/sandbox-host.js lives when not next to the caller (passed through to the runner). */
  distDir?: string;
  /** Replaces the real runner (tests, or a caller that already holds a runner). */
  run?: RunSubmission;
}

function buildRequest(ex: LoadedExercise, submissionFile: string, displayName: string, seeds: number[], timeMultiplier: number, source?: string): RunRequest {
  const m = ex.manifest;
  const req: RunRequest = {
    harnessFile: ex.paths.harness,
    submissionFile,
    submissionDisplayName: displayName,
    requiredExports: m.exports.map((e) => ({ name: e.name, kind: e.kind })),
    bannedHelpers: [...m.bannedHelpers],
    seeds,
    timeMsPerSeed: Math.round(m.limits.timeMs * timeMultiplier),
    memoryMb: m.limits.memoryMb,
  };
  if (source !== undefined) req.submissionSource = source;
  return req;
}

/** How the learner's file is named in messages: relative to the exercise folder when inside it. */
function displayNameFor(ex: LoadedExercise, file: string): string {
  const rel = path.relative(ex.dir, path.resolve(file));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : path.basename(file);
}

/**
 * Cache key for the reference run: everything its outcome depends on. Content hashes (not mtimes)
 * of the solution and harness, so an edited solution is re-run even within the same second and a
 * touched-but-unchanged file is not.
 */
async function referenceCacheKey(ex: LoadedExercise, seeds: number[], timeMsPerSeed: number): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [ex.paths.solution, ex.paths.harness]) {
    hash.update(file).update('\0').update(await fsp.readFile(file)).update('\0');
  }
  return [path.resolve(ex.dir), seeds.join(','), timeMsPerSeed, ex.manifest.limits.memoryMb, hash.digest('hex')].join('|');
}

/** True when some check, explanation or chart reads the reference run. */
function usesReference(ex: LoadedExercise): boolean {
  const m = ex.manifest;
  return m.checks.some((c) => needsReference(c) || (c.explain ?? []).some((e) => needsReference(e.when)))
    || m.charts.some((c) => c.compareReference !== false);
}

function referenceRequest(ex: LoadedExercise, seeds: number[], timeMultiplier: number): RunRequest {
  return buildRequest(ex, ex.paths.solution, ex.manifest.files.solution, seeds, timeMultiplier);
}

/**
 * True when the learner's request is exactly the reference run (validation grades the solution
 * file as a submission): same file on disk, no editor buffer, same name in messages. The other
 * fields come from the same manifest, seeds and multiplier, so they match by construction.
 */
function isReferenceRequest(learner: RunRequest, reference: RunRequest): boolean {
  return learner.submissionSource === undefined
    && learner.submissionFile === path.resolve(reference.submissionFile)
    && learner.submissionDisplayName === reference.submissionDisplayName;
}

/** A reference run in progress, and the signal of the grade that started it. */
interface PendingReference {
  promise: Promise<RunOutcome>;
  signal?: AbortSignal;
}

/**
 * Reference runs in progress per cache, keyed like the cache: concurrent grades of one exercise
 * (`gradlab grade --jobs`, the extension re-checking while a check runs) join the run instead of
 * starting the same one again. Keyed by the cache object so separate caches never share a run,
 * weakly so a dropped cache takes its entries with it.
 */
const inFlight = new WeakMap<Map<string, RunOutcome>, Map<string, PendingReference>>();

type Settled = { ok: true; outcome: RunOutcome } | { ok: false; error: unknown };

/** Waits for `promise`, but gives up (rejecting with the signal's reason) when `signal` aborts first. */
function settledUnlessAborted(promise: Promise<RunOutcome>, signal: AbortSignal | undefined): Promise<Settled> {
  const settled = promise.then((outcome): Settled => ({ ok: true, outcome }), (error: unknown): Settled => ({ ok: false, error }));
  if (!signal) return settled;
  return new Promise<Settled>((resolve, reject) => {
    if (signal.aborted) { reject(signal.reason); return; }
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void settled.then((s) => { signal.removeEventListener('abort', onAbort); resolve(s); });
  });
}

async function referenceOutcome(ex: LoadedExercise, seeds: number[], timeMultiplier: number, opts: GradeExerciseOptions, run: RunSubmission): Promise<RunOutcome> {
  const req = referenceRequest(ex, seeds, timeMultiplier);
  const cache = opts.referenceCache;
  if (!cache) return run(req, { signal: opts.signal, distDir: opts.distDir });
  const key = await referenceCacheKey(ex, seeds, req.timeMsPerSeed);
  let running = inFlight.get(cache);
  for (;;) {
    const cached = cache.get(key);
    if (cached) return cached;
    const pending = running?.get(key);
    if (!pending) break;
    const settled = await settledUnlessAborted(pending.promise, opts.signal);
    // A run its starter cancelled is no answer for a grade that was not cancelled: look again
    // (another grade may have started one meanwhile), else run it here.
    if (pending.signal?.aborted) continue;
    if (settled.ok) return settled.outcome;
    throw settled.error;
  }
  const entry: PendingReference = { promise: run(req, { signal: opts.signal, distDir: opts.distDir }), signal: opts.signal };
  if (!running) inFlight.set(cache, (running = new Map()));
  running.set(key, entry);
  try {
    const outcome = await entry.promise;
    // A run cut short by the caller says nothing about the solution: never cache it.
    if (!opts.signal?.aborted) cache.set(key, outcome);
    return outcome;
  } finally {
    if (running.get(key) === entry) running.delete(key);
  }
}

export async function gradeExercise(
  ex: LoadedExercise, submission: { file: string; source?: string }, opts: GradeExerciseOptions = {},
): Promise<GradeResult> {
  const started = Date.now();
  const run = opts.run ?? runSubmission;
  const seeds = opts.seeds && opts.seeds.length ? [...opts.seeds] : [...ex.manifest.seeds];
  const timeMultiplier = opts.timeMultiplier ?? 1;
  const learnerFile = displayNameFor(ex, submission.file);

  const learnerRequest = buildRequest(ex, path.resolve(submission.file), learnerFile, seeds, timeMultiplier, submission.source);
  let learner: RunOutcome;
  let reference: RunOutcome | undefined;
  if (usesReference(ex) && isReferenceRequest(learnerRequest, referenceRequest(ex, seeds, timeMultiplier))) {
    // Grading the reference solution itself: one run (cached) is both sides, not the same file twice.
    learner = reference = await referenceOutcome(ex, seeds, timeMultiplier, opts, run);
  } else {
    // Learner and reference run side by side: two sandboxes, half the wall-clock time.
    [learner, reference] = await Promise.all([
      run(learnerRequest, { signal: opts.signal, distDir: opts.distDir }),
      usesReference(ex) ? referenceOutcome(ex, seeds, timeMultiplier, opts, run) : Promise.resolve(undefined),
    ]);
  }

  const result = evaluate(ex.manifest, learner, reference, { revealHidden: opts.revealHidden, learnerFile });
  result.charts = buildCharts(ex.manifest, learner, reference);
  result.durationMs = Date.now() - started;
  result.summary = summarize(result);
  return result;
}

/** gradeExercise's options as callers outside src/grading pass them: the cache crosses as unknown. */
export type GradingCallOptions = Omit<GradeExerciseOptions, 'referenceCache' | 'distDir' | 'run'> & { referenceCache?: unknown };

/**
 * The grading half of the CLI's deps and the extension's validation deps (it satisfies
 * validate-pack's ValidateDeps). Callers hold the reference cache as an opaque object from
 * createReferenceCache(); only this file knows it is a Map of reference outcomes.
 */
export interface GradingDeps {
  gradeExercise(exercise: LoadedExercise, submission: { file: string; source?: string }, opts: GradingCallOptions): Promise<GradeResult>;
  createReferenceCache(): unknown;
}

/** The real runner, started from `distDir` (where dist/sandbox-host.js lives; default: next to the caller). */
export function gradingDeps(distDir?: string): GradingDeps {
  return {
    gradeExercise: (exercise, submission, opts) => gradeExercise(exercise, submission, {
      ...opts,
      referenceCache: opts.referenceCache as Map<string, RunOutcome> | undefined,
      distDir,
    }),
    createReferenceCache: () => new Map<string, RunOutcome>(),
  };
}
