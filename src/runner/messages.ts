/** Learner-facing wording for failures the sandbox itself detects (time, memory, crashes). */
import type { ErrorInfo } from '../grading/types';
import { HARNESS_FAILED } from './sandbox/runtime/failures';

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

export function timeoutError(timeMs: number, seed: number): ErrorInfo {
  return {
    kind: 'timeout',
    message:
      `Your code ran longer than ${formatDuration(timeMs)} on seed ${seed} — an infinite loop? ` +
      'Check that every loop ends (its condition becomes false) and that training loops do not run far more steps than asked.',
    seed,
  };
}

export function outOfMemoryError(memoryMb: number, seed: number | undefined): ErrorInfo {
  const error: ErrorInfo = {
    kind: 'out-of-memory',
    message:
      `Your code used more than this exercise's memory limit of ${memoryMb} MB${seed !== undefined ? ` on seed ${seed}` : ''}. ` +
      'Are you creating very large tensors or arrays, or keeping every step\'s tensors in a list?',
  };
  if (seed !== undefined) error.seed = seed;
  return error;
}

/**
 * The harness file did not get as far as running: `problem` is how far it got ('does not parse' when
 * the TypeScript transform rejects it, 'does not compile' when V8 does).
 */
export function harnessSyntaxError(harnessFile: string, line: number | undefined, problem: string, detail: string): ErrorInfo {
  const error: ErrorInfo = {
    kind: 'harness-error',
    message: `${HARNESS_FAILED}${harnessFile}${line ? ` line ${line}` : ''} ${problem}: ${detail}`,
    file: harnessFile,
  };
  if (line) error.line = line;
  return error;
}

export function crashError(detail: string, seed?: number): ErrorInfo {
  const error: ErrorInfo = {
    kind: 'crash',
    message: `The sandbox that runs your code stopped unexpectedly (${detail}). This is probably not your code's fault: try again, and report it if it keeps happening.`,
  };
  if (seed !== undefined) error.seed = seed;
  return error;
}
