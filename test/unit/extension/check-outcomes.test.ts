import * as assert from 'node:assert/strict';
import type { CheckResult, GradeResult } from '../../../src/grading/types';
import { checkOutcomes, describeThreshold } from '../../../src/extension/core/check-outcomes';
import { learnerDiagnostics } from '../../../src/extension/core/diagnostics-plan';

function check(over: Partial<CheckResult>): CheckResult {
  return { id: 'c', title: 'C', passed: false, measured: null, threshold: null, comparator: '<=', points: 0, maxPoints: 1, message: '', hidden: false, perSeed: [], ...over };
}

function result(checks: CheckResult[], over: Partial<GradeResult> = {}): GradeResult {
  return { exercise: 'ex', title: 'Ex', passed: false, score: 0, maxScore: 3, checks, charts: [], durationMs: 12, seeds: [1], summary: '', console: [], consoleTruncated: false, ...over };
}

describe('extension/check-outcomes', () => {
  const ids = ['global-norm', 'hidden-one', 'matches'];
  const graded = result([
    check({ id: 'global-norm', message: 'Clipped per tensor, not globally.', measured: 1.4142135623730951, threshold: 1, comparator: '<=', hint: 'One norm over all tensors.', location: { file: 'clip.ts', line: 7 } }),
    check({ id: 'hidden-one', message: 'A hidden check failed.', hidden: true }),
    check({ id: 'matches', passed: true, message: 'Matches.', measured: 1, threshold: 1, comparator: '>=' }),
  ]);

  it('reports passed checks as passed and failed ones with message, measured vs threshold, and hint', () => {
    const [norm, , matches] = checkOutcomes(graded, ids, 'clip.ts');
    assert.equal(matches.state, 'passed');
    assert.equal(norm.state, 'failed');
    assert.equal(norm.message, 'Clipped per tensor, not globally.\nmeasured 1.41, needs <= 1\nHint: One norm over all tensors.');
    // TestMessage.diff shows these two side by side.
    assert.equal(norm.actual, '1.41');
    assert.equal(norm.expected, '<= 1');
  });

  it('puts a failure at the learner\'s line only when the location is the learner\'s file', () => {
    assert.equal(checkOutcomes(graded, ids, 'clip.ts')[0].line, 7);
    assert.equal(checkOutcomes(graded, ids, 'other.ts')[0].line, undefined);
  });

  it('never shows a hidden check\'s threshold or measured value', () => {
    const hidden = checkOutcomes(graded, ids, 'clip.ts')[1];
    assert.equal(hidden.state, 'failed');
    assert.equal(hidden.message, 'A hidden check failed.');
    assert.equal(hidden.expected, undefined);
    assert.equal(hidden.actual, undefined);
  });

  it('errors every check with the plain message at its line when the learner code failed', () => {
    const errored = result([], { error: { kind: 'exception', message: 'TypeError: grads is not iterable', line: 12, column: 3, file: 'clip.ts' } });
    const outcomes = checkOutcomes(errored, ids, 'clip.ts');
    assert.deepEqual(outcomes.map((o) => [o.state, o.message, o.line, o.column]), ids.map(() => ['errored', 'TypeError: grads is not iterable', 12, 3]));
  });

  it('does not point into the harness for a harness error, and says it is not the learner\'s fault', () => {
    const harness = result([], { error: { kind: 'harness-error', message: 'boom', line: 40, file: 'harness.ts' } });
    const [first] = checkOutcomes(harness, ['a'], 'clip.ts');
    assert.equal(first.line, undefined);
    assert.match(first.message, /not your code/);
  });

  it('errors a check the result does not contain (stale Testing tree) instead of inventing a pass', () => {
    const [missing] = checkOutcomes(result([]), ['gone'], 'clip.ts');
    assert.equal(missing.state, 'errored');
  });

  it('shows non-finite measurements by name', () => {
    const nan = result([check({ id: 'n', measured: null, nonFinite: 'nan', threshold: 10, comparator: '<=' })]);
    assert.equal(checkOutcomes(nan, ['n'], 'f.ts')[0].actual, 'NaN');
  });

  it('describes thresholds per comparator', () => {
    assert.match(describeThreshold({ comparator: 'between', threshold: [0.5, 2] }) ?? '', /^between 0\.5 and 2$/);
    assert.equal(describeThreshold({ comparator: 'finite', threshold: null }), 'a finite number');
    assert.match(describeThreshold({ comparator: 'closeToReference', threshold: 'rtol 1e-6', reference: 0.25 }) ?? '', /^≈ 0\.25 \(rtol 1e-6\)$/);
  });
});

describe('extension/diagnostics-plan', () => {
  it('underlines syntax errors and exceptions at the learner\'s line', () => {
    const syntax = result([], { error: { kind: 'syntax', message: "';' expected", line: 3, column: 9, file: 'clip.ts' } });
    assert.deepEqual(learnerDiagnostics(syntax, '/c/m6/clip.ts'), [{ file: '/c/m6/clip.ts', line: 3, column: 9, message: "';' expected", severity: 'error', code: 'syntax' }]);
  });

  it('adds nothing for a clean run, a harness error, or a timeout without a line', () => {
    assert.deepEqual(learnerDiagnostics(result([]), '/c/clip.ts'), []);
    assert.deepEqual(learnerDiagnostics(result([], { error: { kind: 'harness-error', message: 'x', line: 2 } }), '/c/clip.ts'), []);
    assert.deepEqual(learnerDiagnostics(result([], { error: { kind: 'timeout', message: 'too slow' } }), '/c/clip.ts'), []);
  });
});
