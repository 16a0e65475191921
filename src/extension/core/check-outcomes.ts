/**
 * GradeResult → one outcome per check, the shape the Testing view reports (TestRun.passed / failed /
 * errored with a TestMessage). Pure, so the mapping is unit-tested in Node; testing.ts only turns these
 * into vscode objects.
 *
 * Rules: the GradeResult is the only source of truth (nothing is re-graded here). A learner error
 * (syntax, exception, timeout, …) errors every check with the plain message at its line, since no check
 * could be measured. A failed check says its message, then measured vs threshold (not for hidden checks,
 * whose threshold is not shown to learners).
 */
import { formatNumber } from '../../grading/format';
import type { CheckResult, GradeResult } from '../../grading/types';
import { namesLearnerFile } from './learner-file';
import { english, type Translate } from './translate';

export interface CheckOutcome {
  checkId: string;
  state: 'passed' | 'failed' | 'errored';
  /** Learner-facing text (empty for a pass). */
  message: string;
  /** For TestMessage.diff: what the check needs vs what was measured. */
  expected?: string;
  actual?: string;
  /** 1-based line in the learner's file, when known. */
  line?: number;
  column?: number;
}

export function describeThreshold(check: Pick<CheckResult, 'comparator' | 'threshold' | 'reference'>, t: Translate = english): string | undefined {
  const th = check.threshold;
  switch (check.comparator) {
    case 'between':
      return Array.isArray(th) ? t('between {0} and {1}', formatNumber(th[0]), formatNumber(th[1])) : undefined;
    case 'finite':
      return t('a finite number');
    case 'true':
      return t('true');
    case 'closeToReference':
    case 'equals': {
      const ref = typeof check.reference === 'number' ? formatNumber(check.reference) : undefined;
      const tol = typeof th === 'string' ? ` (${th})` : '';
      return ref !== undefined ? `≈ ${ref}${tol}` : typeof th === 'string' ? th : undefined;
    }
    default:
      if (typeof th === 'number') return `${check.comparator} ${formatNumber(th)}`;
      return typeof th === 'string' ? th : undefined;
  }
}

export function describeMeasured(check: Pick<CheckResult, 'measured' | 'nonFinite'>): string | undefined {
  if (check.nonFinite) return check.nonFinite === 'nan' ? 'NaN' : check.nonFinite === 'inf' ? '+Infinity' : '-Infinity';
  return typeof check.measured === 'number' ? formatNumber(check.measured) : undefined;
}

/** The learner's line for a failed check (GradeResult check location, when it points at the learner's file). */
function checkLine(check: CheckResult, learnerFileName: string): number | undefined {
  if (!check.location) return undefined;
  return namesLearnerFile(check.location.file, learnerFileName) ? check.location.line : undefined;
}

export function checkOutcomes(result: GradeResult, checkIds: readonly string[], learnerFileName: string, t: Translate = english): CheckOutcome[] {
  if (result.error) {
    const err = result.error;
    // Harness errors are the instructor's bug: a line in a file the learner cannot see would mislead.
    const onLearnerFile = err.kind !== 'harness-error' && (!err.file || namesLearnerFile(err.file, learnerFileName));
    const message = err.kind === 'harness-error'
      ? t('The exercise itself failed (not your code): {0}', err.message)
      : err.message;
    return checkIds.map((checkId) => ({
      checkId,
      state: 'errored',
      message,
      line: onLearnerFile ? err.line : undefined,
      column: onLearnerFile ? err.column : undefined,
    }));
  }
  const byId = new Map(result.checks.map((c) => [c.id, c]));
  return checkIds.map((checkId): CheckOutcome => {
    const check = byId.get(checkId);
    if (!check) return { checkId, state: 'errored', message: t('This check was not graded (the exercise changed since the list was built: refresh the Testing view).') };
    if (check.passed) return { checkId, state: 'passed', message: check.message };
    const line = checkLine(check, learnerFileName);
    if (check.hidden) return { checkId, state: 'failed', message: check.message, line };
    const needs = describeThreshold(check, t);
    const measured = describeMeasured(check);
    const detail = needs !== undefined && measured !== undefined ? t('measured {0}, needs {1}', measured, needs)
      : measured !== undefined ? t('measured {0}', measured)
        : needs !== undefined ? t('not measured; needs {0}', needs) : '';
    const parts = [check.message, detail, check.hint ? t('Hint: {0}', check.hint) : ''].filter(Boolean);
    const outcome: CheckOutcome = { checkId, state: 'failed', message: parts.join('\n'), line };
    if (needs !== undefined && measured !== undefined) {
      outcome.expected = needs;
      outcome.actual = measured;
    }
    return outcome;
  });
}
