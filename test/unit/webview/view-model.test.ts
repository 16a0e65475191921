/** What the learner reads in the panel, from a GradeResult (no DOM needed). */
import { strict as assert } from 'node:assert';
import type { CheckResult, GradeResult } from '../../../src/grading/types';
import {
  chartLabel, checkRow, checkRows, distinguishingDigits, errorBlock, formatNumber, formatThreshold,
  NOT_MEASURED_MESSAGE, nextHintLabel, progressLine, resultAnnouncement, scoreBadge, tableCell,
} from '../../../src/webview/view-model';

function check(partial: Partial<CheckResult> = {}): CheckResult {
  return {
    id: 'global-norm', title: 'Global norm is clipped', passed: false, measured: 1.4142135, threshold: 1,
    comparator: '<=', points: 0, maxPoints: 2, message: 'The global norm is 1.41, above max_norm = 1.',
    hidden: false, perSeed: [], ...partial,
  };
}

function result(partial: Partial<GradeResult> = {}): GradeResult {
  return {
    exercise: 'clip', title: 'Clip by global norm', passed: false, score: 2, maxScore: 5,
    checks: [check(), check({ id: 'secret', title: 'Hidden case', hidden: true, measured: null, threshold: null, message: 'x was 0.71 but should be 1', passed: false })],
    charts: [], durationMs: 1234, seeds: [1, 2, 3], summary: '1 of 2 checks passed (2/5 points)', console: [], consoleTruncated: false,
    ...partial,
  };
}

describe('webview view-model: numbers', () => {
  const cases: Array<[number | null, string]> = [
    [0, '0'], [1, '1'], [0.25, '0.25'], [1.4142135, '1.41'], [-2.5, '−2.5'], [1234.4, '1234'], [999.94, '1000'],
    [12345, '1.23e4'], [1e-9, '1e-9'], [0.000123, '1.23e-4'], [0.001, '0.001'], [-3.2e-12, '−3.2e-12'], [null, '—'],
  ];
  for (const [x, text] of cases) it(`formats ${x} as ${text}`, () => assert.equal(formatNumber(x), text));

  it('names non-finite values instead of printing null', () => {
    assert.equal(formatNumber(null, 'nan'), 'NaN');
    assert.equal(formatNumber(null, 'inf'), '+∞');
    assert.equal(formatNumber(null, '-inf'), '−∞');
    assert.equal(formatNumber(Number.NaN), 'NaN');
  });

  it('uses more digits only when numbers would otherwise look equal', () => {
    assert.equal(distinguishingDigits([0.1, 0.2]), 3);
    assert.equal(distinguishingDigits([0.2499999999, 0.2500000001]), 10);
    assert.equal(distinguishingDigits([1e-9, 1.0000001e-9]), 8);
    assert.equal(distinguishingDigits([null, 5]), 3);
  });
});

describe('webview view-model: thresholds', () => {
  it('shows comparators as symbols', () => {
    assert.equal(formatThreshold('<=', 1), '≤ 1');
    assert.equal(formatThreshold('>=', 0.5), '≥ 0.5');
    assert.equal(formatThreshold('<', 1e-6), '< 1e-6');
    assert.equal(formatThreshold('equals', 3), '= 3');
  });
  it('keeps a tight between-interval readable', () => {
    assert.equal(formatThreshold('between', [0.2499999999, 0.2500000001]), 'between 0.2499999999 and 0.2500000001');
    assert.equal(formatThreshold('between', [0.5, 2]), 'between 0.5 and 2');
  });
  it('words the comparators without a number', () => {
    assert.equal(formatThreshold('finite', null), 'finite');
    assert.equal(formatThreshold('closeToReference', 'rtol 1e-6'), '≈ reference (rtol 1e-6)');
    assert.equal(formatThreshold('<=', null), '—');
  });
});

describe('webview view-model: check rows', () => {
  it('a failing visible check shows measured, threshold, message, points, hint and location', () => {
    const row = checkRow(check({ hint: 'Clip all tensors together.', location: { file: 'clip.ts', line: 7 } }));
    assert.deepEqual(
      [row.symbol, row.statusLabel, row.measured, row.threshold, row.points, row.hint, row.location?.line],
      ['✗', 'Failed', '1.41', '≤ 1', '0 / 2', 'Clip all tensors together.', 7],
    );
    assert.equal(row.message, 'The global norm is 1.41, above max_norm = 1.');
  });

  it('a passing check keeps its message but drops the failure hint and location', () => {
    const row = checkRow(check({ passed: true, points: 2, measured: 1, hint: 'h', location: { file: 'clip.ts', line: 7 } }));
    assert.deepEqual([row.symbol, row.statusLabel, row.points, row.hint, row.location], ['✓', 'Passed', '2 / 2', '', undefined]);
  });

  it('a hidden check shows its name and pass/fail only, even if the result carried more', () => {
    const row = checkRows(result())[1];
    assert.equal(row.title, 'Hidden case');
    assert.equal(row.hidden, true);
    assert.equal(row.passed, false);
    assert.deepEqual([row.measured, row.threshold, row.message, row.points, row.hint, row.reference], ['', '', '', '', '', '']);
  });

  it('a value that only differs past 3 digits is shown with enough digits to see why it failed', () => {
    const row = checkRow(check({ measured: 1.0000001e-9, threshold: 1e-9 }));
    assert.notEqual(row.measured, row.threshold.replace('≤ ', ''));
    assert.equal(row.measured, '1.0000001e-9');
  });

  it('when the run failed, unmeasured rows point to the error block instead of repeating it', () => {
    const error = { kind: 'syntax' as const, message: 'Syntax error in clip.ts at line 2', line: 2 };
    const rows = checkRows(result({
      error,
      checks: [
        check({ measured: null, message: error.message, hint: 'h', location: { file: 'clip.ts', line: 2 } }),
        check({ id: 'ok', measured: 3, message: 'measured before the failure' }),
      ],
    }));
    assert.deepEqual([rows[0].message, rows[0].hint, rows[0].location], [NOT_MEASURED_MESSAGE, '', undefined]);
    assert.equal(rows[1].message, 'measured before the failure');
  });

  it('hides reference values when the reference is not to be shown', () => {
    const r = result({ checks: [check({ comparator: 'closeToReference', threshold: 'rtol 1e-6', reference: 0.5 })] });
    assert.equal(checkRows(r)[0].reference, 'reference 0.5');
    assert.equal(checkRows(r, { showReference: false })[0].reference, '');
  });

  it('a NaN measurement reads NaN', () => {
    assert.equal(checkRow(check({ measured: null, nonFinite: 'nan' })).measured, 'NaN');
  });

  it('shows the reference value for reference comparisons', () => {
    assert.equal(checkRow(check({ comparator: 'closeToReference', threshold: 'rtol 1e-6', reference: 0.5 })).reference, 'reference 0.5');
  });
});

describe('webview view-model: header, errors, hints, charts', () => {
  it('score badge states', () => {
    assert.equal(scoreBadge(result()).state, 'partial');
    assert.equal(scoreBadge(result({ score: 0 })).state, 'failed');
    assert.equal(scoreBadge(result({ passed: true, score: 5 })).state, 'passed');
    assert.equal(scoreBadge(result({ error: { kind: 'timeout', message: 'too slow' } })).state, 'error');
    assert.equal(scoreBadge(result()).text, '2 / 5');
    assert.match(scoreBadge(result()).label, /2 of 5 points/);
  });

  it('error block: kind label, message, go-to-line only with a line', () => {
    const withLine = errorBlock({ kind: 'syntax', message: 'Unexpected token.', line: 2, column: 13, file: 'sigmoid-grad.ts' });
    assert.equal(withLine.title, 'Syntax error');
    assert.equal(withLine.goToLabel, 'Go to sigmoid-grad.ts line 2');
    assert.deepEqual([withLine.line, withLine.column, withLine.file], [2, 13, 'sigmoid-grad.ts']);
    const noLine = errorBlock({ kind: 'timeout', message: 'Took longer than 5 s.', seed: 3 });
    assert.equal(noLine.goToLabel, undefined);
    assert.equal(noLine.seedNote, 'Happened on seed 3.');
  });

  it('announces the summary, or the error when the run failed', () => {
    assert.equal(resultAnnouncement(result()), 'Check finished: 1 of 2 checks passed (2/5 points)');
    assert.match(resultAnnouncement(result({ error: { kind: 'non-finite', message: 'NaN at step 17.' } })), /NaN or infinity\. NaN at step 17\./);
  });

  it('next hint label counts, and disappears when all are shown', () => {
    assert.equal(nextHintLabel(0, 3), 'Show next hint (1 of 3)');
    assert.equal(nextHintLabel(2, 3), 'Show next hint (3 of 3)');
    assert.equal(nextHintLabel(3, 3), undefined);
  });

  it('chart label joins title and description without repeating the title', () => {
    assert.equal(chartLabel({ title: 'Norms', description: 'Norms: yours against layer.' }), 'Norms: yours against layer.');
    assert.equal(chartLabel({ title: 'Norms', description: 'Log axis.' }), 'Norms. Log axis.');
    assert.equal(chartLabel({ title: { text: 'T' } }), 'T');
    assert.equal(chartLabel({ usermeta: { gradlab: { table: { caption: 'C' } } } }), 'C');
  });

  it('table cells format numbers and keep words like NaN', () => {
    assert.deepEqual([tableCell(0.123456), tableCell('NaN'), tableCell(null), tableCell('layer 1')], ['0.123', 'NaN', '—', 'layer 1']);
  });

  it('progress line', () => {
    assert.equal(progressLine({ solved: true, bestScore: 5, maxScore: 5, attempts: 1, positionLabel: 'M6 · 2/3' }), 'M6 · 2/3 · Solved · Best 5 / 5 · 1 attempt');
    assert.equal(progressLine({ solved: false }), '');
  });
});
