/** The numerics.md BatchNorm vector, BatchNorm/LayerNorm details, and Dropout semantics. */
import { strict as assert } from 'assert';
import { Generator, nn, Tensor, manualSeed, randn } from 'gradlab';
import { assertClose } from './helpers/fixtures';

describe('BatchNorm1d: numerics.md vector', () => {
  // x = [[1,2],[3,5],[6,4]], γ = [1.5,0.5], β = [0.1,−0.2], dy as published.
  const x = () => new Tensor(Float64Array.from([1, 2, 3, 5, 6, 4]), [3, 2], true);
  const dy = new Tensor(Float64Array.from([0.3, -1, 0.2, 0.5, -0.7, 0.25]), [3, 2]);

  it('reproduces y, dγ, dβ and dx (to 1e-14 relative)', () => {
    const bn = new nn.BatchNorm1d(2);
    bn.weight!.data.set([1.5, 0.5]);
    bn.bias!.data.set([0.1, -0.2]);
    const input = x();
    const y = bn.call(input);
    const tol = { rtol: 1e-14, atol: 1e-16 };
    assertClose(y, [-1.6033229047812876, -0.8681509571564359, -0.14333184354018405, 0.3345207657251487, 2.0466547483214717, -0.06636980856871277], 'y', tol);
    y.backward(dy);
    assertClose(bn.weight!.grad!, [-1.2815477093116354, 1.937637775753664], 'dγ', tol);
    assertClose(bn.bias!.grad!, [-0.2, -0.25], 'dβ', tol);
    assertClose(input.grad!, [-0.08644600046841933, -0.02147850508052284, 0.14407818506605832, -0.042950782079661055, -0.05763218459763899, 0.06442928716018376], 'dx', tol);
  });

  it('running statistics: momentum 0.1 with the UNBIASED batch variance', () => {
    const bn = new nn.BatchNorm1d(2);
    bn.call(x());
    // batch means [10/3, 11/3]; unbiased variances [19/3, 7/3] (sums of squared deviations 38/3, 14/3, over m − 1 = 2).
    assertClose(bn.runningMean!, [0.1 * (10 / 3), 0.1 * (11 / 3)], 'runningMean', { rtol: 1e-15 });
    assertClose(bn.runningVar!, [0.9 + 0.1 * (19 / 3), 0.9 + 0.1 * (7 / 3)], 'runningVar', { rtol: 1e-15 });
    assert.equal(bn.numBatchesTracked, 1);
  });

  it('momentum null is a cumulative average; eval mode does not touch the statistics', () => {
    const bn = new nn.BatchNorm1d(2, { momentum: null });
    bn.call(x());
    bn.call(new Tensor(Float64Array.from([0, 0, 2, 2]), [2, 2]));
    assertClose(bn.runningMean!, [(10 / 3 + 1) / 2, (11 / 3 + 1) / 2], 'cumulative mean', { rtol: 1e-15 });
    const before = Array.from(bn.runningVar!.data);
    bn.eval().call(x());
    assert.deepEqual(Array.from(bn.runningVar!.data), before);
  });

  it('explains wrong shapes and single-example batches', () => {
    const bn = new nn.BatchNorm1d(3);
    assert.throws(() => bn.call(randn(4, 2)), /expected input \[N, 3\] or \[N, 3, L\], got \[4, 2\]/);
    assert.throws(() => bn.call(randn(1, 3)), /more than 1 value per feature/);
    assert.equal(bn.eval().call(randn(1, 3)).shape[0], 1);
  });
});

describe('LayerNorm', () => {
  it('each row is normalised to mean 0 and (biased) variance ≈ 1 with default parameters', () => {
    manualSeed(1);
    const y = new nn.LayerNorm(8).call(randn(3, 8).mul(5).add(2));
    for (let r = 0; r < 3; r++) {
      const row = Array.from(y.data.slice(r * 8, r * 8 + 8));
      const m = row.reduce((a, b) => a + b) / 8;
      const v = row.reduce((a, b) => a + (b - m) ** 2, 0) / 8;
      assert.ok(Math.abs(m) < 1e-14);
      assert.ok(Math.abs(v - 1) < 1e-3); // exactly σ²/(σ² + ε) with σ² ≈ 25
    }
    assert.throws(() => new nn.LayerNorm(8).call(randn(2, 7)), /must end in \[8\]/);
  });
});

describe('Dropout', () => {
  it('is the identity in eval mode and for p = 0', () => {
    const x = randn(4, 4);
    assert.equal(new nn.Dropout(0.5).eval().call(x), x);
    assert.equal(new nn.Dropout(0).call(x), x);
  });

  it('zeros about p of the entries and scales survivors by 1/(1 − p)', () => {
    const x = new Tensor(new Float64Array(10000).fill(1), [100, 100]);
    const y = new nn.Dropout(0.3, new Generator(9)).call(x);
    const zeros = Array.from(y.data).filter((v) => v === 0).length;
    // Binomial(10000, 0.3): sd ≈ 46, so ±4.5 sd is ±200.
    assert.ok(Math.abs(zeros - 3000) < 200, `${zeros} zeros`);
    assert.ok(Array.from(y.data).every((v) => v === 0 || Math.abs(v - 1 / 0.7) < 1e-15));
  });

  it('is reproducible from the engine seed and passes gradient only through kept units', () => {
    const x = new Tensor(new Float64Array(20).fill(2), [4, 5], true);
    manualSeed(42);
    const a = new nn.Dropout(0.5).call(x);
    manualSeed(42);
    const b = new nn.Dropout(0.5).call(x);
    assert.deepEqual(Array.from(a.data), Array.from(b.data));
    a.sum().backward();
    x.grad!.data.forEach((g, i) => assert.equal(g, a.data[i] === 0 ? 0 : 2));
  });

  it('p = 1 drops everything; p outside [0, 1] is refused', () => {
    assert.ok(Array.from(new nn.Dropout(1).call(randn(3, 3)).data).every((v) => v === 0));
    assert.throws(() => new nn.Dropout(1.5), /between 0 and 1/);
  });
});
