/**
 * Reductions against values worked out by hand (comments show the arithmetic), never against our own
 * output.
 */
import { strict as assert } from 'node:assert';
import { medianOf, reduceMetric, type ReduceOutcome } from '../../../src/grading/reduce';
import type { DecodedMetric } from '../../../src/grading/metrics';
import type { Reduction } from '../../../src/pack/types';

const vec = (values: number[]): DecodedMetric => ({ kind: 'vector', values });
const sca = (value: number): DecodedMetric => ({ kind: 'scalar', values: [value] });

function valueOf(out: ReduceOutcome): number {
  assert.equal(out.status, 'value', `expected a value, got ${JSON.stringify(out)}`);
  return (out as { value: number }).value;
}

function close(actual: number, expected: number, rel = 1e-12) {
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${actual} ≉ ${expected}`);
}

describe('grading/reduce', () => {
  const v = vec([3, -4, 12, 0.5]);
  const expected: Array<[Reduction, number]> = [
    ['first', 3], ['last', 0.5], ['min', -4], ['max', 12],
    ['sum', 11.5], // 3 - 4 + 12 + 0.5
    ['mean', 2.875], // 11.5 / 4
    ['median', 1.75], // sorted -4, 0.5, 3, 12 → (0.5 + 3) / 2
    ['norm', Math.sqrt(9 + 16 + 144 + 0.25)], // √169.25
    ['ratioFirstLast', 6], // 3 / 0.5
    ['ratioLastFirst', 0.5 / 3],
    ['countNonFinite', 0],
  ];
  for (const [reduction, want] of expected) {
    it(`${reduction} of [3, -4, 12, 0.5] = ${want}`, () => close(valueOf(reduceMetric(v, reduction)), want));
  }

  it('median of an odd-length vector is the middle entry', () => close(valueOf(reduceMetric(vec([5, 1, 3]), 'median')), 3));

  it('flatness of [1e-8, 1e-2, 1] is 8 decades', () => close(valueOf(reduceMetric(vec([1e-8, 1e-2, 1]), 'flatness')), 8));
  it('flatness uses |v|: [-1e-3, 10] spans 4 decades', () => close(valueOf(reduceMetric(vec([-1e-3, 10]), 'flatness')), 4));
  it('flatness of one entry is 0', () => assert.equal(valueOf(reduceMetric(vec([0.3]), 'flatness')), 0));

  it('norm does not overflow for huge or underflow for tiny entries', () => {
    close(valueOf(reduceMetric(vec([3e200, 4e200]), 'norm')), 5e200);
    close(valueOf(reduceMetric(vec([3e-200, 4e-200]), 'norm')), 5e-200);
  });

  it('scalars: value, and any reduction treats them as one entry', () => {
    assert.equal(valueOf(reduceMetric(sca(2.5), 'value')), 2.5);
    assert.equal(valueOf(reduceMetric(sca(2.5), 'max')), 2.5);
    assert.equal(valueOf(reduceMetric(sca(NaN), 'countNonFinite')), 1);
  });

  it("'value' on a multi-entry vector is an authoring error; on one entry it is that entry", () => {
    const out = reduceMetric(vec([1, 2]), 'value');
    assert.equal(out.status, 'invalid');
    assert.match((out as { reason: string }).reason, /needs a scalar.*2 entries/);
    assert.equal(valueOf(reduceMetric(vec([7]), 'value')), 7);
  });

  describe('empty vectors', () => {
    it('sum, norm and countNonFinite are 0', () => {
      assert.equal(valueOf(reduceMetric(vec([]), 'sum')), 0);
      assert.equal(valueOf(reduceMetric(vec([]), 'norm')), 0);
      assert.equal(valueOf(reduceMetric(vec([]), 'countNonFinite')), 0);
    });
    for (const r of ['first', 'last', 'min', 'max', 'mean', 'median', 'flatness', 'ratioFirstLast', 'ratioLastFirst'] as Reduction[]) {
      it(`${r} is undefined with a reason`, () => {
        const out = reduceMetric(vec([]), r);
        assert.equal(out.status, 'undefined');
        assert.match((out as { reason: string }).reason, /empty vector/);
      });
    }
  });

  describe('zeros', () => {
    it('flatness with a zero entry is +inf, with an explaining note', () => {
      const out = reduceMetric(vec([1, 0, 1e-3]), 'flatness');
      assert.equal(valueOf(out), Infinity);
      assert.match((out as { note?: string }).note ?? '', /exactly 0/);
    });
    it('flatness of all zeros is undefined', () => {
      const out = reduceMetric(vec([0, 0]), 'flatness');
      assert.equal(out.status, 'undefined');
      assert.match((out as { reason: string }).reason, /every entry is exactly 0/);
    });
    it('ratio x/0 is inf; 0/0 is undefined', () => {
      assert.equal(valueOf(reduceMetric(vec([2, 5, 0]), 'ratioFirstLast')), Infinity);
      assert.equal(valueOf(reduceMetric(vec([-2, 0]), 'ratioFirstLast')), -Infinity);
      assert.equal(reduceMetric(vec([0, 1, 0]), 'ratioLastFirst').status, 'undefined');
    });
  });

  describe('non-finite entries', () => {
    const bad = vec([1, 2, NaN, Infinity, 5]);
    it('countNonFinite counts NaN and ±inf', () => {
      assert.equal(valueOf(reduceMetric(vec([NaN, 1, Infinity, -Infinity]), 'countNonFinite')), 3);
    });
    for (const r of ['first', 'last', 'max', 'mean', 'flatness', 'ratioLastFirst', 'norm', 'sum'] as Reduction[]) {
      it(`${r} reports the first non-finite entry (index 2, NaN)`, () => {
        assert.deepEqual(reduceMetric(bad, r), { status: 'nonFinite', at: { index: 2, kind: 'nan' } });
      });
    }
    for (const r of ['median', 'mean', 'min', 'max'] as Reduction[]) {
      for (const [values, at] of [
        [[1, Infinity, 3], { index: 1, kind: 'inf' }],
        [[1, 3, -Infinity], { index: 2, kind: '-inf' }],
        [[NaN], { index: 0, kind: 'nan' }],
        [[-Infinity, Infinity], { index: 0, kind: '-inf' }],
      ] as const) {
        it(`${r} of [${values.join(', ')}] is not a number to compare: the first non-finite entry is reported`, () => {
          // min([1, 3, -inf]) would be -inf and pass any "≤" check; max([1, inf, 3]) would fail "≥ 0" for the wrong reason.
          assert.deepEqual(reduceMetric(vec([...values]), r), { status: 'nonFinite', at });
        });
      }
    }
    it('a ratio with an infinite entry does not quietly become 0', () => {
      assert.deepEqual(reduceMetric(vec([1, Infinity]), 'ratioFirstLast'), { status: 'nonFinite', at: { index: 1, kind: 'inf' } });
    });
  });

  describe('overflow of finite entries', () => {
    it('mean of entries whose sum overflows float64 is still their (finite) mean', () => {
      assert.equal(valueOf(reduceMetric(vec([1e308, 1e308]), 'mean')), 1e308);
      assert.equal(valueOf(reduceMetric(vec([-1.5e308, -1.5e308, -1.5e308]), 'mean')), -1.5e308);
    });
    it('sum that overflows is infinite and says it overflowed', () => {
      const out = reduceMetric(vec([1e308, 1e308]), 'sum');
      assert.equal(out.status === 'value' && out.value, Infinity);
      assert.match(out.status === 'value' ? out.note ?? '' : '', /overflowed/);
    });
  });

  describe('medianOf (the median over seeds)', () => {
    it('is the middle value, or the average of the middle pair, whatever the input order', () => {
      assert.equal(medianOf([3, 1, 2]), 2);
      assert.equal(medianOf([4, 1, 3, 2]), 2.5);
    });
    it('handles infinities: [2, inf] → inf, [-inf, 5, inf] → 5, [inf, inf] → inf', () => {
      assert.equal(medianOf([2, Infinity]), Infinity);
      assert.equal(medianOf([Infinity, 5, -Infinity]), 5);
      assert.equal(medianOf([Infinity, Infinity]), Infinity);
      assert.equal(medianOf([-Infinity, -Infinity, 1]), -Infinity);
    });
    it('is NaN when no single number is the median: a NaN anywhere, or a middle pair of -inf and inf', () => {
      for (const values of [[1, NaN, 3], [NaN, 3, 1], [3, 1, NaN], [Infinity, -Infinity], [Infinity, -Infinity, -Infinity, Infinity]]) {
        assert.ok(Number.isNaN(medianOf(values)), `[${values.join(', ')}]`);
      }
    });
    it('a middle pair of -inf and inf is NaN only when it is the middle pair', () => {
      assert.equal(medianOf([1, -Infinity, Infinity, 2]), 1.5); // sorted: -inf, 1, 2, inf
    });
    it('does not reorder its input', () => {
      const values = [3, 1, 2];
      medianOf(values);
      assert.deepEqual(values, [3, 1, 2]);
    });
  });
});
