/**
 * Deciding whose fault a thrown value is and saying it in plain language: the learner's code (an
 * 'exception' at their line), the sandbox refusing something ('forbidden'), or the exercise's
 * harness ('harness-error', an instructor bug). Messages come first; no grader stack traces.
 */
import { describeValue, truncate } from './describe';
import { asSandboxFailure, failure, failureAt, harnessFailure, type SandboxFailure } from './failures';
import { firstFrameLine, safeStack } from './stack';

export interface Files {
  learnerFile: string;
  harnessFile: string;
}

const CODE_GENERATION_BLOCKED = /Code generation from strings disallowed/;

/** "TypeError: x.foo is not a function" for Errors, or a description for thrown non-Errors. */
function errorSummary(value: unknown, isTensor: (v: unknown) => boolean): { text: string; isError: boolean } {
  if (value instanceof Error || (typeof value === 'object' && value !== null && typeof safeStack(value) === 'string')) {
    let name = 'Error';
    let message = '';
    try {
      name = String((value as Error).name);
      message = String((value as Error).message);
    } catch {
      // hostile getters
    }
    return { text: truncate(message ? `${name}: ${message}` : name, 400), isError: true };
  }
  return { text: describeValue(value, isTensor).replace(/ \(did you forget.*\)$/, ''), isError: false };
}

function hintFor(text: string): string {
  if (/Maximum call stack size exceeded/.test(text)) return ' — a function that keeps calling itself?';
  return '';
}

/** eval / new Function / Function('...') inside the sandbox: code generation is switched off. */
function isCodeGenerationError(value: unknown): boolean {
  try {
    return value instanceof EvalError && CODE_GENERATION_BLOCKED.test(value.message);
  } catch {
    return false;
  }
}

function forbiddenCodeGeneration(files: Files, line: number | undefined): SandboxFailure {
  const at = failureAt(files.learnerFile, line);
  return failure(
    'forbidden',
    'eval, new Function and Function(...) are not available in GradLab exercises: write the code directly.' +
      at.suffix,
    at.info,
    true,
  );
}

/** A value thrown while learner code was on the call stack (called through ctx.call/getExport). */
export function learnerException(value: unknown, files: Files, isTensor: (v: unknown) => boolean): SandboxFailure {
  const own = asSandboxFailure(value);
  if (own) return own;
  const line = firstFrameLine(safeStack(value), files.learnerFile);
  if (isCodeGenerationError(value)) return forbiddenCodeGeneration(files, line);
  const { text, isError } = errorSummary(value, isTensor);
  const at = failureAt(files.learnerFile, line);
  const message = isError
    ? `Your code threw ${text}${at.suffix}${hintFor(text)}`
    : `Your code threw ${text} instead of an Error${at.suffix}; throw new Error('…') to get a message and a line number.`;
  return failure('exception', message, at.info);
}

/**
 * A value that escaped the harness. If a learner frame is on its stack, the learner's code threw it
 * (e.g. a method of a learner class the harness called); otherwise it is the harness's own bug.
 */
export function classifyEscaped(value: unknown, files: Files, isTensor: (v: unknown) => boolean): SandboxFailure {
  const own = asSandboxFailure(value);
  if (own) return own;
  const stack = safeStack(value);
  if (firstFrameLine(stack, files.learnerFile) !== undefined || isCodeGenerationError(value)) {
    return learnerException(value, files, isTensor);
  }
  const { text } = errorSummary(value, isTensor);
  const at = failureAt(files.harnessFile, firstFrameLine(stack, files.harnessFile));
  return harnessFailure(text + at.suffix, at.info);
}
