/**
 * Messages between the three layers of a run. Plain JSON only: they cross a process boundary
 * (parent ⇄ sandbox host, over IPC) and a thread boundary (host ⇄ worker).
 *
 *   parent (runSubmission) ──HostRequest──▶ host main thread (watchdog) ──WorkerJob──▶ worker thread
 *   parent ◀──HostEvent── host ◀──WorkerEvent── worker
 */
import type { ConsoleLine, ErrorInfo } from '../grading/types';
import type { RecordedMetrics } from './harness-api';
import type { SeedOutcome } from './types';

/** Everything the sandbox needs, already read and transformed by the parent. */
export interface WorkerJob {
  harnessJs: string;
  submissionJs: string;
  /** vm.Script filename of the learner's code: what stack frames and messages show. */
  learnerFile: string;
  /** vm.Script filename of the harness (distinct from learnerFile). */
  harnessFile: string;
  requiredExports: Array<{ name: string; kind: 'function' | 'value' | 'class' }>;
  bannedHelpers: string[];
  seeds: number[];
  timeMsPerSeed: number;
  memoryMb: number;
}

export interface HostRequest {
  type: 'run';
  job: WorkerJob;
}

export type WorkerEvent =
  | { type: 'ready' }
  | { type: 'seed-start'; index: number }
  | {
      type: 'seed-done';
      index: number;
      metrics: RecordedMetrics;
      error?: ErrorInfo;
      fatal?: boolean;
      console: ConsoleLine[];
      consoleTruncated: boolean;
      durationMs: number;
    }
  /** The run could not start (e.g. the submission does not compile). */
  | { type: 'fatal'; error: ErrorInfo }
  | { type: 'done' };

export type HostEvent =
  | { type: 'seed'; index: number; outcome: SeedOutcome; console: ConsoleLine[]; consoleTruncated: boolean }
  /** Seeds not reported yet will not run; they carry `error`. `fatal` also sets RunOutcome.error. */
  | { type: 'stop'; error: ErrorInfo; fatal: boolean }
  | { type: 'done' };
