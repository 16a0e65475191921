/**
 * The runner's contract with the grader: what to run, and what came back. Both are plain JSON so
 * they cross process boundaries (parent ⇄ sandbox host ⇄ worker) unchanged.
 */
import type { ConsoleLine, ErrorInfo } from '../grading/types';
import type { RecordedMetrics } from './harness-api';

export interface RunRequest {
  /** Absolute path of the harness (instructor TypeScript). */
  harnessFile: string;
  /** Absolute path of the submission: the learner's file, the reference solution or the starter. */
  submissionFile: string;
  /** Source text to use instead of reading submissionFile (e.g. an unsaved editor buffer). */
  submissionSource?: string;
  /** Name to show for the submission file in errors (e.g. "clip.ts"). Default: its basename. */
  submissionDisplayName?: string;
  /** Exports the submission must provide (checked before the harness runs). */
  requiredExports: Array<{ name: string; kind: 'function' | 'value' | 'class' }>;
  /** Engine exports the submission may not use. */
  bannedHelpers: string[];
  seeds: number[];
  /** Wall-clock limit per seed. */
  timeMsPerSeed: number;
  /** Memory limit for the whole sandbox (V8 heap + typed-array memory). */
  memoryMb: number;
}

export interface SeedOutcome {
  seed: number;
  metrics: RecordedMetrics;
  /** Set when this seed's run failed (learner error, timeout, …); metrics recorded so far are kept. */
  error?: ErrorInfo;
  durationMs: number;
}

export interface RunOutcome {
  /** One entry per requested seed, in order. Seeds not run (after a fatal error) carry that error. */
  seeds: SeedOutcome[];
  /** A failure that prevented running at all (syntax error, missing export, banned helper, crash). */
  error?: ErrorInfo;
  console: ConsoleLine[];
  consoleTruncated: boolean;
  durationMs: number;
}
