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

/** The SandboxFailure carried by `value`, if `value` really is one of ours. */
export function asSandboxFailure(value: unknown): SandboxFailure | undefined {
  if (typeof value === 'object' && value !== null && genuine.has(value)) return value as SandboxFailure;
  return undefined;
}
