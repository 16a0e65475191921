import { strict as assert } from 'node:assert';
import { evaluate } from '../../../src/grading/evaluate';
import type { CheckResult, GradeResult } from '../../../src/grading/types';
import type { Comparator } from '../../../src/grading/types';
import { check, exercise, run, runSame, runSeeds, scalar, vector } from './fixtures';

function only(result: GradeResult): CheckResult {
  assert.equal(result.checks.length, 1);
  return result.checks[0];
}

describe('grading/evaluate', () => {
  describe('comparators (scalar metric, every seed)', () => {
    const cases: Array<{ op: Comparator; threshold?: number | [number, number]; value: number; pass: boolean }> = [
      { op: '<=', threshold: 1, value: 1, pass: true },
      { op: '<=', threshold: 1, value: 1.0000001, pass: false },
      { op: '<', threshold: 1, value: 1, pass: false },
      { op: '<', threshold: 1, value: 0.999, pass: true },
      { op: '>=', threshold: 5, value: 5, pass: true },
      { op: '>=', threshold: 5, value: 4.9, pass: false },
      { op: '>', threshold: 5, value: 5, pass: false },
      { op: '>', threshold: 5, value: 5.1, pass: true },
      { op: 'between', threshold: [0.5, 2], value: 0.5, pass: true },
      { op: 'between', threshold: [0.5, 2], value: 2, pass: true },
      { op: 'between', threshold: [0.5, 2], value: 2.01, pass: false },
      { op: 'between', threshold: [0.5, 2], value: 0.49, pass: false },
      { op: 'finite', value: 1e300, pass: true },
      { op: 'true', value: 1, pass: true },
      { op: 'true', value: 0, pass: false },
      { op: 'equals', threshold: 3, value: 3, pass: true },
      { op: 'equals', threshold: 3, value: 3.0000001, pass: false },
    ];
    for (const c of cases) {
      it(`${c.value} ${c.op} ${JSON.stringify(c.threshold ?? '')} → ${c.pass ? 'pass' : 'fail'}`, () => {
        const ex = exercise([check({ id: 'c', metric: 'm', op: c.op, threshold: c.threshold, points: 2 })]);
        const r = evaluate(ex, runSame({ m: scalar(c.value) }));
        assert.equal(only(r).passed, c.pass);
        assert.equal(only(r).points, c.pass ? 2 : 0);
        assert.equal(r.passed, c.pass);
      });
    }

    it('finite fails for inf with a message saying where (scalar → seed)', () => {
      const ex = exercise([check({ id: 'c', metric: 'loss', op: 'finite' })]);
      const r = evaluate(ex, run([{ loss: scalar(1) }, { loss: scalar(Infinity) }, { loss: scalar(2) }]));
      const c = only(r);
      assert.equal(c.passed, false);
      assert.equal(c.message, 'Loss is not finite (inf) on seed 2. A value that is not finite (NaN, inf or -inf) fails the check, whatever the reduction (min, max, mean, median …).');
      assert.equal(c.measured, null);
      assert.equal(c.nonFinite, 'inf');
      assert.deepEqual(c.perSeed.map((s) => s.passed), [true, false, true]);
    });
  });

  describe('closeToReference and equals-with-reference', () => {
    const ex = (extra = {}) => exercise([check({ id: 'c', metric: 'norm', op: 'closeToReference', rtol: 1e-6, ...extra })]);
    it('passes when |x − ref| ≤ atol + rtol·|ref| on every seed, comparing seed by seed', () => {
      const learner = run([{ norm: scalar(1.0000005) }, { norm: scalar(2.0000019) }]);
      const reference = run([{ norm: scalar(1) }, { norm: scalar(2) }]);
      const r = evaluate(ex(), learner, reference);
      assert.equal(only(r).passed, true);
      assert.deepEqual(only(r).perSeed.map((s) => s.reference), [1, 2]);
    });
    it('fails just outside the tolerance and quotes the reference', () => {
      // seed 2: |2.0000021 − 2| = 2.1e-6 > 1e-6·2
      const learner = run([{ norm: scalar(1) }, { norm: scalar(2.0000021) }]);
      const reference = run([{ norm: scalar(1) }, { norm: scalar(2) }]);
      const c = only(evaluate(ex(), learner, reference));
      assert.equal(c.passed, false);
      assert.equal(c.message, 'Failed: measured 2, wanted within 1e-6 (relative) of reference (seed 2, reference 2).');
    });
    it('atol lets values near a zero reference pass', () => {
      const r = evaluate(ex({ rtol: undefined, atol: 1e-9 }), runSame({ norm: scalar(5e-10) }, 1), runSame({ norm: scalar(0) }, 1));
      assert.equal(only(r).passed, true);
    });
    it('equals without a numeric threshold compares with the reference exactly', () => {
      const e = exercise([check({ id: 'c', metric: 'k', op: 'equals' })]);
      assert.equal(only(evaluate(e, runSame({ k: scalar(4) }), runSame({ k: scalar(4) }))).passed, true);
      assert.equal(only(evaluate(e, runSame({ k: scalar(4) }), runSame({ k: scalar(5) }))).passed, false);
    });
    it('without a reference run: instructor-facing failure and a harness-error, other checks unaffected', () => {
      const e = exercise([
        check({ id: 'ref', metric: 'norm', op: 'closeToReference' }),
        check({ id: 'plain', metric: 'norm', op: '<=', threshold: 10 }),
      ]);
      const r = evaluate(e, runSame({ norm: scalar(1) }));
      assert.equal(r.checks[0].passed, false);
      assert.match(r.checks[0].message, /^Instructor error in check 'ref': .*no reference run was provided/);
      assert.equal(r.checks[1].passed, true);
      assert.equal(r.error?.kind, 'harness-error');
      assert.equal(r.passed, false);
    });
    it('a metric missing from the REFERENCE run is an instructor error naming the metric', () => {
      const r = evaluate(ex(), runSame({ norm: scalar(1) }), runSame({ other: scalar(1) }));
      const c = only(r);
      assert.equal(c.passed, false);
      assert.match(c.message, /Instructor error in check 'c': the reference solution's run did not record metric 'norm' on seed 1/);
      assert.equal(r.error?.kind, 'harness-error');
      assert.match(r.error?.message ?? '', /'norm'/);
    });
    it('a reference run without the learner\'s seed says so', () => {
      const c = only(evaluate(ex(), runSame({ norm: scalar(1) }, 2), run([{ norm: scalar(1) }])));
      assert.match(c.message, /the reference run has no seed 2/);
    });
    it('a failing reference run is reported as the reference solution failing', () => {
      const reference = runSame({}, 3);
      reference.error = { kind: 'exception', message: 'TypeError in solution.ts' };
      const c = only(evaluate(ex(), runSame({ norm: scalar(1) }), reference));
      assert.match(c.message, /the reference solution failed on seed 1: TypeError in solution\.ts/);
    });
  });

  describe('vector reductions inside checks', () => {
    it('flatness of per-layer norms: [1e-8, 1e-2, 1] measures 8 and fails ≤ 2', () => {
      const ex = exercise([check({ id: 'flat', metric: 'layerNorms', reduce: 'flatness', op: '<=', threshold: 2 })]);
      const c = only(evaluate(ex, runSame({ layerNorms: vector([1e-8, 1e-2, 1]) })));
      assert.equal(c.passed, false);
      assert.ok(Math.abs((c.measured as number) - 8) < 1e-12);
      assert.equal(c.message, 'Failed: measured 8, wanted 2 (seed 1, reference n/a).');
    });
    it('a zero layer makes flatness infinite: compared normally, explained in the message', () => {
      const ex = exercise([
        check({ id: 'vanished', metric: 'g', reduce: 'flatness', op: '>=', threshold: 5 }),
        check({ id: 'flat', metric: 'g', reduce: 'flatness', op: '<=', threshold: 2 }),
      ]);
      const r = evaluate(ex, runSame({ g: vector([1, 0, 0.5]) }));
      assert.equal(r.checks[0].passed, true);
      assert.equal(r.checks[0].nonFinite, 'inf');
      assert.equal(r.checks[1].passed, false);
      assert.match(r.checks[1].message, /measured inf.*\(1 entry is exactly 0, so the spread in decades \(log10\) is infinite\.\)/);
    });
    it('an empty vector fails with the reason', () => {
      const ex = exercise([check({ id: 'c', metric: 'g', reduce: 'max', op: '<=', threshold: 1 })]);
      const c = only(evaluate(ex, runSame({ g: vector([]) })));
      assert.equal(c.passed, false);
      assert.match(c.message, /^G could not be measured on seed 1: 'max' of an empty vector is undefined/);
    });
    it("'value' on a vector is an instructor error", () => {
      const ex = exercise([check({ id: 'c', metric: 'g', op: '<=', threshold: 1 })]);
      const r = evaluate(ex, runSame({ g: vector([1, 2]) }));
      assert.match(only(r).message, /^Instructor error in check 'c': metric 'g': reduction 'value' needs a scalar/);
      assert.equal(r.error?.kind, 'harness-error');
    });
  });

  describe('non-finite values: where they first appeared', () => {
    it('vector with labels: "became NaN at step 17" on the first seed that has it', () => {
      const labels = Array.from({ length: 20 }, (_, i) => `step ${i + 1}`);
      const good = Array.from({ length: 20 }, (_, i) => 1 / (i + 1));
      const bad = good.map((x, i) => (i === 16 ? NaN : i > 16 ? Infinity : x));
      const ex = exercise([check({ id: 'loss', metric: 'loss', reduce: 'last', op: '<=', threshold: 0.1 })],
        { metrics: { loss: { description: 'training loss', kind: 'vector' } } });
      const r = evaluate(ex, run([{ loss: vector(good, labels) }, { loss: vector(bad, labels) }, { loss: vector(bad, labels) }]));
      const c = only(r);
      assert.equal(c.passed, false);
      assert.equal(c.message, 'Training loss is not finite: it became NaN at step 17 on seed 2. A value that is not finite (NaN, inf or -inf) fails the check, whatever the reduction (min, max, mean, median …).');
      assert.equal(c.measured, null);
      assert.equal(c.nonFinite, 'nan');
      assert.deepEqual(c.perSeed.map((s) => [s.passed, s.nonFinite ?? null]), [[true, null], [false, 'nan'], [false, 'nan']]);
      assert.equal(JSON.parse(JSON.stringify(r)).checks[0].measured, null);
    });
    it('vector without labels: noun from the chart that plots it, index + 1', () => {
      const ex = exercise([check({ id: 'c', metric: 'g', reduce: 'max', op: '<=', threshold: 10 })], {
        metrics: { g: { description: 'gradient norm per layer', kind: 'vector' } },
        charts: [{ id: 'ch', title: 'norms', kind: 'layerNorms', metrics: ['g'], compareReference: true, logScale: true }],
      });
      const c = only(evaluate(ex, runSame({ g: vector([1, 2, Infinity, NaN]) }, 1)));
      assert.equal(c.message, 'Gradient norm per layer is not finite: it became inf at layer 3 on seed 1. A value that is not finite (NaN, inf or -inf) fails the check, whatever the reduction (min, max, mean, median …).');
    });
    it('an explain entry still applies to a NaN failure, keeping where it happened', () => {
      const ex = exercise([check({ id: 'c', metric: 'loss', reduce: 'last', op: 'finite',
        explain: [{ when: { metric: 'lr', op: '>', threshold: 0.5 }, message: 'Your learning rate is too large: the loss diverges.' }] })],
        { metrics: { loss: { description: 'loss', kind: 'vector' }, lr: { description: 'learning rate', kind: 'scalar' } } });
      const c = only(evaluate(ex, runSame({ loss: vector([1, 10, Infinity], ['step 1', 'step 2', 'step 3']), lr: scalar(2) }, 1)));
      assert.equal(c.message, 'Your learning rate is too large: the loss diverges. (Loss is not finite: it became inf at step 3 on seed 1.)');
    });
    it('median mode does not hide a NaN seed', () => {
      const ex = exercise([check({ id: 'c', metric: 'x', op: '<=', threshold: 10, across: 'median' })]);
      const c = only(evaluate(ex, run([{ x: scalar(1) }, { x: scalar(NaN) }, { x: scalar(2) }])));
      assert.equal(c.passed, false);
      assert.match(c.message, /^X is not finite \(NaN\) on seed 2\./);
    });
    for (const reduce of ['min', 'max', 'mean', 'median'] as const) {
      it(`${reduce} over a vector with -inf fails and says "not finite", even where the ${reduce} of the rest would pass`, () => {
        // min would be -inf ≤ 10 and the median 2 ≤ 10 if non-finite entries were compared like numbers.
        const ex = exercise([check({ id: 'c', metric: 'g', reduce, op: '<=', threshold: 10 })],
          { metrics: { g: { description: 'gradient norm per step', kind: 'vector' } } });
        const c = only(evaluate(ex, runSame({ g: vector([1, 2, -Infinity, 3], ['step 1', 'step 2', 'step 3', 'step 4']) }, 1)));
        assert.equal(c.passed, false);
        assert.equal(c.message, `Gradient norm per step is not finite: it became -inf at step 3 on seed 1. ${'A value that is not finite (NaN, inf or -inf) fails the check, whatever the reduction (min, max, mean, median …).'}`);
        assert.equal(c.measured, null);
        assert.equal(c.nonFinite, '-inf');
      });
    }
    it("median across seeds of +inf and -inf (derived from zeros) is not finite, and fails saying so", () => {
      // first/last: 2/0 = +inf on seed 1, -2/0 = -inf on seed 2; their median has no value.
      const ex = exercise([check({ id: 'c', metric: 'g', reduce: 'ratioFirstLast', op: '>=', threshold: 5, across: 'median' })],
        { metrics: { g: { description: 'gradient norm per layer', kind: 'vector' } } });
      const c = only(evaluate(ex, run([{ g: vector([2, 1, 0]) }, { g: vector([-2, 1, 0]) }])));
      assert.equal(c.passed, false);
      assert.match(c.message, /^Gradient norm per layer: the median over seeds 1, 2 is not finite \(inf on seed 1, -inf on seed 2/);
      assert.match(c.message, /fails the check, whatever the reduction/);
      assert.equal(c.measured, null);
      assert.equal(c.nonFinite, 'nan');
    });
    it('median across seeds of +inf values is inf and is compared like a number', () => {
      const ex = exercise([check({ id: 'c', metric: 'g', reduce: 'ratioFirstLast', op: '>=', threshold: 5, across: 'median' })]);
      const c = only(evaluate(ex, run([{ g: vector([2, 0]) }, { g: vector([3, 0]) }, { g: vector([10, 1]) }])));
      assert.equal(c.passed, true);
    });
    it('countNonFinite checks compare the count and say where the first one was', () => {
      const ex = exercise([check({ id: 'c', metric: 'loss', reduce: 'countNonFinite', op: '<=', threshold: 0 })]);
      const labels = ['step 1', 'step 2', 'step 3'];
      const pass = evaluate(ex, runSame({ loss: vector([3, 2, 1], labels) }, 1));
      assert.equal(only(pass).passed, true);
      assert.equal(only(pass).measured, 0);
      const fail = only(evaluate(ex, runSame({ loss: vector([3, NaN, NaN], labels) }, 1)));
      assert.equal(fail.passed, false);
      assert.equal(fail.measured, 2);
      assert.equal(fail.message, 'Failed: measured 2, wanted 0 (seed 1, reference n/a). Loss first became NaN at step 2 on seed 1.');
    });
  });

  describe('across seeds', () => {
    const values = [{ x: scalar(1) }, { x: scalar(5) }, { x: scalar(2) }];
    it("'every': one failing seed fails the check; measured shown is the median; message quotes the failing seed", () => {
      const ex = exercise([check({ id: 'c', metric: 'x', op: '<=', threshold: 3 })]);
      const c = only(evaluate(ex, run(values)));
      assert.equal(c.passed, false);
      assert.equal(c.measured, 2); // median of 1, 5, 2
      assert.deepEqual(c.perSeed, [
        { seed: 1, measured: 1, passed: true },
        { seed: 2, measured: 5, passed: false },
        { seed: 3, measured: 2, passed: true },
      ]);
      assert.equal(c.message, 'Failed: measured 5, wanted 3 (seed 2, reference n/a).');
    });
    it("'median': the median is compared, so one outlier seed does not fail the check", () => {
      const ex = exercise([check({ id: 'c', metric: 'x', op: '<=', threshold: 3, across: 'median' })]);
      const c = only(evaluate(ex, run(values)));
      assert.equal(c.passed, true);
      assert.equal(c.measured, 2);
      assert.deepEqual(c.perSeed.map((s) => s.passed), [true, false, true]);
      assert.equal(c.message, 'Passed: 2 vs 3.');
    });
    it("'median' fails when the median is beyond the threshold", () => {
      const ex = exercise([check({ id: 'c', metric: 'x', op: '<=', threshold: 1.5, across: 'median' })]);
      const c = only(evaluate(ex, run(values)));
      assert.equal(c.passed, false);
      assert.equal(c.message, 'Failed: measured 2, wanted 1.5 (seed median of seeds 1, 2, 3, reference n/a).');
    });
    it("'median' with closeToReference compares the medians", () => {
      const ex = exercise([check({ id: 'c', metric: 'x', op: 'closeToReference', rtol: 0.01, across: 'median' })]);
      // learner median 2, reference median 2.01: |2 − 2.01| = 0.01 ≤ 0.01·2.01
      const ref = run([{ x: scalar(1.5) }, { x: scalar(2.01) }, { x: scalar(9) }]);
      assert.equal(only(evaluate(ex, run(values), ref)).passed, true);
    });
  });

  describe('partial credit, score and summary', () => {
    const ex = exercise([
      check({ id: 'a', metric: 'x', op: '<=', threshold: 10, points: 2 }),
      check({ id: 'b', metric: 'x', op: '>=', threshold: 0, points: 2 }),
      check({ id: 'c', metric: 'x', op: '<=', threshold: 0.5, points: 2 }),
      check({ id: 'd', metric: 'x', op: '>', threshold: 100, points: 3 }),
      check({ id: 'e', metric: 'x', op: 'finite', points: 1 }),
    ]);
    it('score sums points of passed checks; summary counts them', () => {
      const r = evaluate(ex, runSame({ x: scalar(1) }));
      assert.deepEqual(r.checks.map((c) => c.passed), [true, true, false, false, true]);
      assert.equal(r.score, 5);
      assert.equal(r.maxScore, 10);
      assert.equal(r.passed, false);
      assert.equal(r.summary, '3 of 5 checks passed (5/10 points)');
      assert.equal(r.checks[2].hint, undefined);
    });
    it('all checks passed', () => {
      const e = exercise([check({ id: 'a', metric: 'x', op: '<=', threshold: 10, points: 4, hint: 'Try harder.' })]);
      const r = evaluate(e, runSame({ x: scalar(1) }));
      assert.equal(r.summary, 'All checks passed');
      assert.equal(r.passed, true);
      assert.equal(r.score, 4);
      assert.equal(r.checks[0].hint, undefined, 'hints are for failures');
    });
    it('a failing check carries its hint', () => {
      const e = exercise([check({ id: 'a', metric: 'x', op: '<=', threshold: 0, hint: 'Divide by the global norm.' })]);
      assert.equal(evaluate(e, runSame({ x: scalar(1) })).checks[0].hint, 'Divide by the global norm.');
    });
    it('carries exercise identity, seeds, console and duration through', () => {
      const learner = runSame({ x: scalar(1) });
      learner.console = [{ stream: 'log', text: 'hello', seed: 1 }];
      learner.consoleTruncated = true;
      const r = evaluate(ex, learner);
      assert.equal(r.exercise, 'test-exercise');
      assert.equal(r.title, 'Test exercise');
      assert.deepEqual(r.seeds, [1, 2, 3]);
      assert.deepEqual(r.console, [{ stream: 'log', text: 'hello', seed: 1 }]);
      assert.equal(r.consoleTruncated, true);
      assert.equal(r.durationMs, 42);
      assert.deepEqual(r.charts, []);
    });
  });

  describe('explain: classic wrong answers get a specific message', () => {
    const clipping = exercise([check({
      id: 'global-norm',
      title: 'Clipped global norm equals maxNorm',
      metric: 'clippedGlobalNorm',
      op: 'closeToReference',
      rtol: 1e-9,
      messages: { pass: 'Global norm after clipping is {measured}.', fail: 'Global norm after clipping is {measured}, expected {reference}.' },
      // Order matters: the first entry whose condition holds wins, and per-tensor clipping also
      // satisfies the second condition (global norm √2 > 1).
      explain: [
        { when: { metric: 'perTensorMatch', op: 'true' }, message: 'You clipped each tensor on its own: the global norm is {measured} (seed {seed}), not {reference}. Compute one norm over all gradients.' },
        { when: { metric: 'clippedGlobalNorm', op: '>', threshold: 1 }, message: 'The global norm is still above maxNorm: did you clip at all?' },
      ],
    })], { metrics: { clippedGlobalNorm: { description: 'global norm', kind: 'scalar' }, perTensorMatch: { description: 'per-tensor', kind: 'scalar' } } });

    it('per-tensor clipping (perTensorMatch = 1) triggers the per-tensor explanation', () => {
      // {[3,4],[12]} clipped per tensor to 1 leaves a global norm of √2 (numerics.md), not 1.
      const learner = runSame({ clippedGlobalNorm: scalar(Math.SQRT2), perTensorMatch: scalar(1) });
      const reference = runSame({ clippedGlobalNorm: scalar(1), perTensorMatch: scalar(0) });
      const c = only(evaluate(clipping, learner, reference));
      assert.equal(c.passed, false);
      assert.equal(c.message, 'You clipped each tensor on its own: the global norm is 1.41 (seed 1), not 1. Compute one norm over all gradients.');
    });
    it('another wrong answer gets the next explain entry whose condition holds', () => {
      const learner = runSame({ clippedGlobalNorm: scalar(3), perTensorMatch: scalar(0) });
      const reference = runSame({ clippedGlobalNorm: scalar(1), perTensorMatch: scalar(0) });
      assert.equal(only(evaluate(clipping, learner, reference)).message, 'The global norm is still above maxNorm: did you clip at all?');
    });
    it('no explain entry holds → the authored fail template', () => {
      const e = exercise([check({ id: 'c', metric: 'x', op: '<=', threshold: 1,
        explain: [{ when: { metric: 'flag', op: 'true' }, message: 'specific' }] })]);
      const c = only(evaluate(e, runSame({ x: scalar(2), flag: scalar(0) })));
      assert.equal(c.message, 'Failed: measured 2, wanted 1 (seed 1, reference n/a).');
    });
    it('explain conditions are evaluated on the failing seed', () => {
      const e = exercise([check({ id: 'c', metric: 'x', op: '<=', threshold: 1,
        explain: [{ when: { metric: 'flag', op: 'true' }, message: 'flag set on seed {seed}' }] })]);
      const learner = run([{ x: scalar(0), flag: scalar(1) }, { x: scalar(5), flag: scalar(0) }, { x: scalar(5), flag: scalar(1) }]);
      assert.equal(only(evaluate(e, learner)).message, 'Failed: measured 5, wanted 1 (seed 2, reference n/a).');
    });
    it('a passing check shows the pass message, not an explanation', () => {
      const learner = runSame({ clippedGlobalNorm: scalar(1), perTensorMatch: scalar(1) });
      const reference = runSame({ clippedGlobalNorm: scalar(1), perTensorMatch: scalar(0) });
      assert.equal(only(evaluate(clipping, learner, reference)).message, 'Global norm after clipping is 1.');
    });
  });

  describe('hidden checks', () => {
    const secret = 0.123456;
    const ex = exercise([
      check({ id: 'visible', metric: 'x', op: '<=', threshold: 10, points: 2 }),
      check({ id: 'secret', metric: 's', op: '<=', threshold: secret, points: 3, hidden: true, hint: `below ${secret}`,
        messages: { pass: 'ok {threshold}', fail: 'x must be ≤ {threshold}' },
        explain: [{ when: { metric: 's', op: '>', threshold: 0 }, message: `explained with ${secret}` }] }),
    ]);
    it('failing: neutral message; no measured, threshold, hint, explanation anywhere in the JSON', () => {
      const r = evaluate(ex, runSame({ x: scalar(1), s: scalar(0.5) }));
      const c = r.checks[1];
      assert.equal(c.passed, false);
      assert.equal(c.message, 'Hidden check failed.');
      assert.equal(c.measured, null);
      assert.equal(c.threshold, null);
      assert.equal(c.hint, undefined);
      assert.ok(c.perSeed.every((s) => s.measured === null));
      const json = JSON.stringify(r);
      assert.ok(!json.includes('0.123'), json);
      assert.ok(!json.includes('0.5'), 'the measured value is not leaked either');
      assert.equal(r.summary, 'All visible checks passed; 1 hidden check failed (2/5 points)');
      assert.equal(r.passed, false);
    });
    it('passing: "Hidden check passed." and "All visible checks passed"', () => {
      const r = evaluate(ex, runSame({ x: scalar(1), s: scalar(0.1) }));
      assert.equal(r.checks[1].message, 'Hidden check passed.');
      assert.equal(r.summary, 'All visible checks passed');
      assert.equal(r.score, 5);
      assert.ok(!JSON.stringify(r).includes('0.123'));
    });
    it('revealHidden shows values, threshold and the real message', () => {
      const r = evaluate(ex, runSame({ x: scalar(1), s: scalar(0.5) }), undefined, { revealHidden: true });
      const c = r.checks[1];
      assert.equal(c.measured, 0.5);
      assert.equal(c.threshold, secret);
      assert.equal(c.message, 'explained with 0.123456');
      assert.equal(c.hidden, true);
    });
  });

  describe('learner errors', () => {
    const ex = exercise([
      check({ id: 'a', metric: 'x', op: '<=', threshold: 10 }),
      check({ id: 'b', metric: 'y', op: 'finite', hidden: true }),
    ]);
    it('a syntax error on line 7 fails every check with the plain message, location on each', () => {
      const error = { kind: 'syntax' as const, message: 'Syntax error: unexpected token `}` (clip.ts line 7).', line: 7, column: 3, file: 'clip.ts' };
      const learner = runSeeds([1, 2, 3].map((seed) => ({ seed, metrics: {}, error })), { error });
      const r = evaluate(ex, learner);
      assert.equal(r.passed, false);
      assert.deepEqual(r.error, error);
      assert.equal(r.score, 0);
      assert.equal(r.checks[0].message, error.message);
      assert.equal(r.checks[1].message, 'Hidden check failed.');
      for (const c of r.checks) {
        assert.equal(c.passed, false);
        assert.deepEqual(c.location, { file: 'clip.ts', line: 7 });
      }
      assert.ok(!JSON.stringify(r).includes('    at '), 'no stack trace');
      assert.equal(r.summary, `0 of 2 checks passed (0/2 points) — ${error.message}`);
    });
    it('with no seeds run (fatal error before seeding), the manifest seeds are used', () => {
      const error = { kind: 'missing-export' as const, message: 'clip.ts must export a function named clip.' };
      const r = evaluate(ex, { seeds: [], error, console: [], consoleTruncated: false, durationMs: 3 }, undefined, { learnerFile: 'src/clip.ts' });
      assert.deepEqual(r.seeds, [1, 2, 3]);
      assert.equal(r.checks[0].message, error.message);
      assert.equal(r.checks[0].location, undefined, 'no line known');
      assert.equal(r.error?.kind, 'missing-export');
    });
    it('a timeout on one seed: checks measured before it still count, the rest fail with the error; result.error set', () => {
      const timeout = { kind: 'timeout' as const, message: 'Your code took longer than 5 s on seed 3 (infinite loop?).', line: 12 };
      const learner = runSeeds([
        { seed: 1, metrics: { x: scalar(1), y: scalar(1) } },
        { seed: 2, metrics: { x: scalar(1), y: scalar(1) } },
        { seed: 3, metrics: { x: scalar(1) }, error: timeout },
      ]);
      const r = evaluate(ex, learner, undefined, { revealHidden: true });
      assert.equal(r.checks[0].passed, true);
      assert.equal(r.checks[1].passed, false);
      assert.equal(r.checks[1].message, `${timeout.message} (seed 3)`);
      assert.deepEqual(r.checks[1].location, { file: 'clip.ts', line: 12 });
      assert.deepEqual(r.error, { ...timeout, seed: 3 });
      assert.equal(r.passed, false);
      assert.equal(r.score, 1);
    });
    it('a metric absent from the learner run without an error fails clearly (undeclared metric → its name)', () => {
      const r = evaluate({ ...ex, metrics: {} }, runSame({ x: scalar(1) }), undefined, { revealHidden: true });
      assert.match(r.checks[1].message, /^'y' was not recorded on seed 1, so this check could not be measured\./);
      assert.equal(r.checks[1].passed, false);
      assert.equal(r.error, undefined);
    });
    it('harness errors do not point into the learner file', () => {
      const error = { kind: 'harness-error' as const, message: 'The exercise harness failed: x is undefined.', line: 30, file: 'harness.ts' };
      const r = evaluate(ex, runSeeds([{ seed: 1, metrics: {}, error }], { error }));
      assert.equal(r.checks[0].location, undefined);
    });
  });

  describe('instructor errors in thresholds', () => {
    it("'between' without [lo, hi] names the check and the fix", () => {
      const ex = exercise([check({ id: 'b', metric: 'x', op: 'between', threshold: 3 })]);
      const r = evaluate(ex, runSame({ x: scalar(1) }));
      assert.equal(only(r).message, `Instructor error in check 'b': comparator 'between' needs "threshold": [lo, hi] with lo ≤ hi.`);
      assert.equal(r.error?.kind, 'harness-error');
    });
  });

  it('is deterministic: same inputs, identical JSON', () => {
    const ex = exercise([
      check({ id: 'a', metric: 'g', reduce: 'flatness', op: '<=', threshold: 2 }),
      check({ id: 'b', metric: 'g', reduce: 'norm', op: 'closeToReference', across: 'median' }),
      check({ id: 'c', metric: 'g', reduce: 'ratioFirstLast', op: 'between', threshold: [0.1, 10], hidden: true }),
    ]);
    const learner = run([{ g: vector([1e-3, 0.1, 1]) }, { g: vector([1e-2, 0.2, 1]) }, { g: vector([NaN, 1, 1]) }]);
    const reference = runSame({ g: vector([0.5, 0.6, 0.7]) });
    const a = JSON.stringify(evaluate(ex, learner, reference));
    const b = JSON.stringify(evaluate(ex, learner, reference));
    assert.equal(a, b);
    assert.ok(a.length > 100);
  });
});
