import { strict as assert } from 'node:assert';
import { fillTemplate, formatNumber, formatThreshold, summarize, thresholdForResult } from '../../../src/grading/format';

describe('grading/format', () => {
  describe('formatNumber', () => {
    const cases: Array<[number, string]> = [
      [0, '0'], [-0, '0'], [1, '1'], [42, '42'], [9999, '9999'], [-17, '-17'],
      [0.5, '0.5'], [2 / 3, '0.667'], [1.23456, '1.23'], [123.456, '123'], [1234.5, '1230'],
      [0.0123456, '0.0123'], [0.00123, '0.00123'],
      [0.001, '1e-3'], [0.000123456, '1.23e-4'], [1e-8, '1e-8'], [-2.5e-7, '-2.5e-7'],
      [12345, '1.23e4'], [10000, '1e4'], [1e30, '1e30'], [123456.7, '1.23e5'],
      [NaN, 'NaN'], [Infinity, 'inf'], [-Infinity, '-inf'],
    ];
    for (const [x, expected] of cases) {
      it(`${x} → ${expected}`, () => assert.equal(formatNumber(x), expected));
    }
  });

  describe('formatThreshold / thresholdForResult', () => {
    it('spells each comparator', () => {
      assert.equal(formatThreshold({ op: '<=', threshold: 1e-3 }), '≤ 1e-3');
      assert.equal(formatThreshold({ op: '>=', threshold: 5 }), '≥ 5');
      assert.equal(formatThreshold({ op: '<', threshold: 2 }), '< 2');
      assert.equal(formatThreshold({ op: '>', threshold: 0.25 }), '> 0.25');
      assert.equal(formatThreshold({ op: 'between', threshold: [0.5, 2] }), 'between 0.5 and 2');
      assert.equal(formatThreshold({ op: 'finite' }), 'finite');
      assert.equal(formatThreshold({ op: 'true' }), 'non-zero (true)');
      assert.equal(formatThreshold({ op: 'closeToReference', atol: 1e-6 }), 'within 1e-6 of reference');
      assert.equal(formatThreshold({ op: 'closeToReference' }), 'within 1e-6 (relative) of reference');
      assert.equal(formatThreshold({ op: 'closeToReference', rtol: 1e-4, atol: 1e-9 }), 'within 1e-9 + 1e-4×|reference| of reference');
      assert.equal(formatThreshold({ op: 'equals', threshold: 3 }), '= 3');
      assert.equal(formatThreshold({ op: 'equals', threshold: 1, atol: 0.01 }), 'within 0.01 of 1');
    });
    it('keeps authored thresholds as numbers / pairs, and text otherwise', () => {
      assert.equal(thresholdForResult({ op: '<=', threshold: 1e-3 }), 1e-3);
      assert.deepEqual(thresholdForResult({ op: 'between', threshold: [0.5, 2] }), [0.5, 2]);
      assert.equal(thresholdForResult({ op: 'closeToReference', rtol: 1e-6 }), 'rtol 1e-6');
      assert.equal(thresholdForResult({ op: 'closeToReference' }), 'rtol 1e-6');
      assert.equal(thresholdForResult({ op: 'equals', threshold: 4 }), 4);
      assert.equal(thresholdForResult({ op: 'finite' }), 'finite');
    });
  });

  it('fillTemplate replaces the four placeholders and leaves unknown ones visible', () => {
    const out = fillTemplate('{measured} vs {threshold} on {seed} (ref {reference}) {typo}', {
      measured: '1.5', threshold: '2', seed: '3', reference: '1.4',
    });
    assert.equal(out, '1.5 vs 2 on 3 (ref 1.4) {typo}');
  });

  describe('summarize', () => {
    const c = (passed: boolean, hidden = false, maxPoints = 2) => ({ passed, hidden, maxPoints, points: passed ? maxPoints : 0 });
    it('all passed', () => assert.equal(summarize({ checks: [c(true), c(true)], score: 4, maxScore: 4 }), 'All checks passed'));
    it('partial credit', () => {
      const checks = [c(true), c(true), c(true), c(false), c(false)];
      assert.equal(summarize({ checks, score: 6, maxScore: 10 }), '3 of 5 checks passed (6/10 points)');
    });
    it('visible checks passed with hidden ones present', () => {
      assert.equal(summarize({ checks: [c(true), c(true, true)], score: 4, maxScore: 4 }), 'All visible checks passed');
      assert.equal(summarize({ checks: [c(true), c(false, true)], score: 2, maxScore: 4 }),
        'All visible checks passed; 1 hidden check failed (2/4 points)');
    });
    it('a visible failure is counted normally even with hidden checks', () => {
      assert.equal(summarize({ checks: [c(false), c(true, true)], score: 2, maxScore: 4 }), '1 of 2 checks passed (2/4 points)');
    });
    it('an error is appended', () => {
      assert.equal(summarize({ checks: [c(false)], score: 0, maxScore: 2, error: { message: 'Syntax error: missing ).' } }),
        '0 of 1 checks passed (0/2 points) — Syntax error: missing ).');
    });
  });
});
