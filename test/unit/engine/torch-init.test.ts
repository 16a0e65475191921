/**
 * torch.nn.init semantics (test/fixtures/torch/init.json + numerics.md constants). Draws cannot
 * match torch's (different RNG), so we check what must hold for ANY correct implementation: the
 * bound of uniform draws, the sample variance within 3 standard errors (tolerance stored in the
 * fixture) and orthogonality. All seeds are fixed, so these tests are deterministic.
 */
import { strict as assert } from 'assert';
import { init, manualSeed, nn, Tensor } from 'gradlab';
import { loadTorchFixture } from './nn/helpers/fixtures';

const fixture = loadTorchFixture('init.json');

function empty(shape: number[]): Tensor {
  return new Tensor(new Float64Array(shape.reduce((a, b) => a * b, 1)), shape);
}

function sampleVariance(d: Float64Array): number {
  let m = 0;
  for (const v of d) m += v;
  m /= d.length;
  let s = 0;
  for (const v of d) s += (v - m) ** 2;
  return s / (d.length - 1);
}

/** Calls our init function for a fixture row (torch names and keyword arguments). */
function apply(fn: string, t: Tensor, kw: Record<string, any>): void {
  switch (fn) {
    case 'xavier_uniform_': init.xavierUniform_(t, kw.gain); break;
    case 'xavier_normal_': init.xavierNormal_(t, kw.gain); break;
    // Alternate the positional (PyTorch-style) and options-object call forms.
    case 'kaiming_uniform_': init.kaimingUniform_(t, kw.a, kw.mode, kw.nonlinearity); break;
    case 'kaiming_normal_': init.kaimingNormal_(t, { a: kw.a, mode: kw.mode, nonlinearity: kw.nonlinearity }); break;
    case 'lecun_normal_': init.lecunNormal_(t); break;
    case 'uniform_': init.uniform_(t, kw.a, kw.b); break;
    case 'normal_': init.normal_(t, kw.mean, kw.std); break;
    default: throw new Error(`no mapping for ${fn}`);
  }
}

describe('init matches torch.nn.init (init.json)', () => {
  it('calculateGain for every nonlinearity torch knows', () => {
    for (const g of fixture.gains) assert.equal(init.calculateGain(g.nonlinearity, g.param), g.gain, `${g.nonlinearity}(${g.param})`);
    assert.equal(init.calculateGain('identity'), 1);
    assert.equal(init.calculateGain('leakyRelu', 0.2), init.calculateGain('leaky_relu', 0.2));
    assert.throws(() => init.calculateGain('swish' as init.Nonlinearity), /unsupported nonlinearity "swish"/);
  });

  it('computeFans, including receptive fields of conv-shaped tensors', () => {
    for (const f of fixture.fans) assert.deepEqual(init.computeFans(f.shape), { fanIn: f.fan_in, fanOut: f.fan_out });
    assert.throws(() => init.computeFans([5]), /fewer than 2 dimensions/);
  });

  manualSeed(2024);
  for (const d of fixture.distributions) {
    it(`${d.fn} ${JSON.stringify(d.shape)} ${JSON.stringify(d.kwargs)}: bound and variance`, () => {
      const t = empty(d.shape);
      apply(d.fn, t, d.kwargs);
      if (d.distribution === 'uniform') {
        let maxAbs = 0;
        for (const v of t.data) maxAbs = Math.max(maxAbs, Math.abs(v));
        assert.ok(maxAbs <= d.bound, `max |w| ${maxAbs} exceeds bound ${d.bound}`);
        assert.ok(maxAbs > 0.95 * d.bound, `max |w| ${maxAbs} is far inside bound ${d.bound}: wrong bound?`);
      }
      const ratio = sampleVariance(t.data) / d.std ** 2;
      assert.ok(Math.abs(ratio - 1) < d.variance_rel_tol, `variance ratio ${ratio}, tolerance ±${d.variance_rel_tol}`);
    });
  }

  it('nn.Linear default init: weight and bias within ±1/√fan_in, and using that range', () => {
    for (const l of fixture.linear_default) {
      const layer = new nn.Linear(l.in_features, l.out_features);
      const w = Array.from(layer.weight.data).map(Math.abs);
      const b = Array.from(layer.bias!.data).map(Math.abs);
      assert.ok(Math.max(...w) <= l.weight_bound && Math.max(...b) <= l.bias_bound);
      assert.ok(Math.max(...w) > 0.8 * l.weight_bound);
    }
  });

  for (const o of fixture.orthogonal) {
    it(`orthogonal_ ${JSON.stringify(o.shape)} gain ${o.gain}: ${o.gram} = gain²·I`, () => {
      const t = empty(o.shape);
      init.orthogonal_(t, o.gain);
      const [rows, cols] = o.shape;
      const k = Math.min(rows, cols);
      let maxErr = 0;
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          let s = 0;
          if (rows <= cols) for (let c = 0; c < cols; c++) s += t.data[i * cols + c] * t.data[j * cols + c];
          else for (let r = 0; r < rows; r++) s += t.data[r * cols + i] * t.data[r * cols + j];
          maxErr = Math.max(maxErr, Math.abs(s - (i === j ? o.expected_gram_diagonal : 0)));
        }
      }
      assert.ok(maxErr < o.tolerance, `max |Gram − gain²I| = ${maxErr}`);
    });
  }
});

describe('numerics.md init constants at fan_in = fan_out = 64', () => {
  // Expected values are the published constants, not recomputed with our formulas.
  const cases: Array<[string, (t: Tensor) => void, 'uniform' | 'normal', number]> = [
    ['xavier_uniform bound 0.21650635094610965', (t) => init.xavierUniform_(t), 'uniform', 0.21650635094610965],
    ['xavier_normal std 0.125', (t) => init.xavierNormal_(t), 'normal', 0.125],
    ['kaiming_uniform(relu) bound 0.3061862178478973', (t) => init.kaimingUniform_(t, 0, 'fanIn', 'relu'), 'uniform', 0.3061862178478973],
    ['kaiming_normal(relu) std 0.1767766952966369', (t) => init.kaimingNormal_(t, { nonlinearity: 'relu', mode: 'fan_in' }), 'normal', 0.1767766952966369],
  ];
  for (const [label, fill, kind, value] of cases) {
    it(`${label}; sample std within ±6.6 %`, () => {
      manualSeed(64);
      const t = empty([64, 64]);
      fill(t);
      const std = Math.sqrt(sampleVariance(t.data));
      const expectedStd = kind === 'uniform' ? value / Math.sqrt(3) : value;
      assert.ok(Math.abs(std / expectedStd - 1) < 0.066, `sample std ${std} vs ${expectedStd}`);
      if (kind === 'uniform') {
        const maxAbs = Math.max(...Array.from(t.data).map(Math.abs));
        assert.ok(maxAbs <= value && maxAbs > 0.99 * value, `max |w| ${maxAbs} vs bound ${value}`);
      }
    });
  }

  it('the same seed gives the same weights (reproducible grading)', () => {
    manualSeed(7);
    const a = init.kaimingNormal_(empty([8, 8]));
    manualSeed(7);
    const b = init.kaimingNormal_(empty([8, 8]));
    assert.deepEqual(Array.from(a.data), Array.from(b.data));
  });

  it('in-place helpers: zeros_, ones_, constant_, eye_ and their return value', () => {
    const t = empty([2, 3]);
    assert.equal(init.constant_(t, 0.5), t);
    assert.deepEqual(Array.from(t.data), [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    init.eye_(t);
    assert.deepEqual(Array.from(t.data), [1, 0, 0, 0, 1, 0]);
    assert.deepEqual(Array.from(init.ones_(empty([2])).data), [1, 1]);
    assert.deepEqual(Array.from(init.zeros_(init.ones_(empty([2]))).data), [0, 0]);
    assert.throws(() => init.kaimingUniform_(empty([4, 4]), 0, 'fanAvg' as init.FanMode), /mode must be 'fanIn' or 'fanOut'/);
  });
});
