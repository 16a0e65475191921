/**
 * Errors the in-context runtime raises on purpose, and the one registry that says which thrown values
 * are genuinely ours. Learner code can construct objects that look like these (same name, same
 * fields), but it cannot add them to `genuine`, so a learner cannot forge "this seed passed" or blame
 * the harness for its own bug.
 *
 * Runs INSIDE the vm context: no Node APIs, no imports from outside src/runner/sandbox/runtime and
 * the engine.
 */
import type { ErrorInfo, LearnerErrorKind } from '../../../grading/types';

const genuine = new WeakSet<object>();

/** A failure with its learner-facing ErrorInfo already decided. */
export class SandboxFailure extends Error {
  readonly info: ErrorInfo;
  /** Fatal failures stop the whole run (same result on every seed), e.g. a missing export. */
  readonly fatal: boolean;
  constructor(info: ErrorInfo, fatal = false) {
    super(info.message);
    // Frozen: learner code that catches one of these cannot rewrite what gets reported.
    this.info = Object.freeze({ ...info });
    this.fatal = fatal;
    genuine.add(this);
    Object.freeze(this);
  }
}

/** The same failure, but stopping the whole run. */
export function asFatal(f: SandboxFailure): SandboxFailure {
  return f.fatal ? f : new SandboxFailure(f.info, true);
}

export function failure(kind: LearnerErrorKind, message: string, extra: Partial<ErrorInfo> = {}, fatal = false): SandboxFailure {
  return new SandboxFailure({ kind, message, ...extra }, fatal);
}

/** Where a failure happened: the " (file line N)" message suffix (empty without a line) and ErrorInfo's location fields. */
export interface FailureLocation {
  suffix: string;
  info: Partial<ErrorInfo>;
}

export function failureAt(file: string, line: number | undefined): FailureLocation {
  return line ? { suffix: ` (${file} line ${line})`, info: { file, line } } : { suffix: '', info: { file } };
}

/**
 * A 'harness-error': the exercise's own harness is broken. One wording for all of them, so a learner
 * always reads plainly that the bug is not theirs.
 */
export function harnessFailure(message: string, extra: Partial<ErrorInfo> = {}, fatal = false): SandboxFailure {
  return failure('harness-error', HARNESS_FAILED + message, extra, fatal);
}

/** How every 'harness-error' message begins, inside the sandbox and out (runner/messages.ts). */
export const HARNESS_FAILED = "The exercise's harness failed — this is a bug in the exercise, not your code: ";

/** The SandboxFailure carried by `value`, if `value` really is one of ours. */
export function asSandboxFailure(value: unknown): SandboxFailure | undefined {
  if (typeof value === 'object' && value !== null && genuine.has(value)) return value as SandboxFailure;
  return undefined;
}
