import * as assert from 'node:assert/strict';
import * as E from '../../../../src/engine/index';
import { checkOp } from '../helpers/check-op';
import { sigmoidRef, sum, unaryRef } from '../helpers/reference';
import { sigmoidScalar } from '../../../../src/engine/special/sigmoid';

/** Reference values from CPython's math.erf/erfc (independent of our implementation). */
const ERF_TABLE: Array<[number, number, number]> = [
  [0, 0.0, 1.0],
  [1e-8, 1.1283791670955126e-8, 0.9999999887162083],
  [0.1, 0.1124629160182849, 0.8875370839817152],
  [0.5, 0.5204998778130465, 0.4795001221869535],
  [1, 0.8427007929497149, 0.15729920705028513],
  [1.5, 0.9661051464753108, 0.033894853524689274],
  [2, 0.9953222650189527, 0.004677734981047265],
  [2.4999, 0.9995928300996666, 0.0004071699003334514],
  [2.5, 0.999593047982555, 0.0004069520174449589],
  [3, 0.9999779095030014, 2.2090496998585438e-5],
  [4, 0.9999999845827421, 1.541725790028002e-8],
  [5, 0.9999999999984626, 1.5374597944280351e-12],
  [6, 1.0, 2.1519736712498916e-17],
  [-0.3, -0.3286267594591274, 1.3286267594591274],
  [-2.7, -0.9998656672600594, 1.9998656672600594],
];

const near = (a: number, b: number, rel: number): boolean => Math.abs(a - b) <= rel * Math.max(Math.abs(b), 1e-300);

describe('engine core: erf', () => {
  it('matches CPython math.erf / math.erfc to ~1e-15 relative', () => {
    for (const [x, erf, erfc] of ERF_TABLE) {
      assert.ok(near(E.erf(x), erf, 2e-15) || Math.abs(E.erf(x) - erf) < 1e-300, `erf(${x}) = ${E.erf(x)}, want ${erf}`);
      assert.ok(near(E.erfc(x), erfc, 5e-15), `erfc(${x}) = ${E.erfc(x)}, want ${erfc}`);
    }
  });
});

describe('engine core: activations', () => {
  const acts: Array<[string, (a: E.Tensor) => E.Tensor, (x: number) => number]> = [
    ['sigmoid', (a) => a.sigmoid(), sigmoidRef],
    ['tanh', (a) => E.tanh(a), Math.tanh],
    ['leakyRelu default slope', (a) => a.leakyRelu(), (x) => (x > 0 ? x : 0.01 * x)],
    ['leakyRelu 0.2', (a) => E.leakyRelu(a, 0.2), (x) => (x > 0 ? x : 0.2 * x)],
    ['elu', (a) => a.elu(), (x) => (x > 0 ? x : Math.exp(x) - 1)],
    ['elu alpha 0.5', (a) => a.elu(0.5), (x) => (x > 0 ? x : 0.5 * (Math.exp(x) - 1))],
    ['silu', (a) => a.silu(), (x) => x * sigmoidRef(x)],
    ['softplus', (a) => a.softplus(), (x) => Math.log(1 + Math.exp(x))],
    ['softplus beta 2', (a) => a.softplus(2), (x) => Math.log(1 + Math.exp(2 * x)) / 2],
  ];
  for (const [name, fn, f] of acts) {
    it(name, () => {
      // Inputs in [-3, 3] but away from 0 so relu-like kinks are never straddled by ±eps.
      const x = E.tensor([-2.9, -1.7, -0.6, -0.05, 0.07, 0.4, 1.3, 2.8]);
      checkOp(name, fn, [x], { reference: unaryRef(f), forwardRtol: 1e-13 });
    });
  }
  it('relu', () => {
    const r = checkOp('relu', (a) => a.relu(), [E.tensor([-2, -0.3, 0.2, 1.5])], { reference: unaryRef((x) => Math.max(x, 0)) });
    assert.deepEqual(Array.from(r.inputs[0].grad!.data).map((g) => g > 0), [false, false, true, true]);
  });
  it('gelu (exact erf form) matches PyTorch values', () => {
    // torch.nn.functional.gelu on float64 (python3-torch 1.13).
    const x = [-6, -3, -1, -0.5, 0, 0.3, 1, 2.5, 4];
    const torch = [-5.919525869479969e-9, -0.00404969409489031, -0.15865525393145702, -0.15426876936299344, 0,
      0.1853734266566858, 0.841344746068543, 2.4844758366855597, 3.9998733150326675];
    const y = E.gelu(E.tensor(x)).data;
    x.forEach((_, i) => assert.ok(Math.abs(y[i] - torch[i]) <= 1e-12 * Math.max(Math.abs(torch[i]), 1e-3), `gelu(${x[i]}) = ${y[i]}`));
    checkOp('gelu grad', (a) => a.gelu(), [[10]], { low: -4, high: 4 });
  });
  it('softplus uses the linear branch above the threshold (PyTorch semantics)', () => {
    const y = E.tensor([-30, -1, 0, 1, 19, 21]).softplus().data;
    const torch = [9.357622968839737e-14, 0.31326168751822286, 0.6931471805599453, 1.3132616875182228, 19.000000005602796, 21.0];
    torch.forEach((t, i) => assert.ok(near(y[i], t, 1e-14), `softplus[${i}] = ${y[i]} vs ${t}`));
  });
  it('sigmoid / tanh stay finite and exact at extreme inputs', () => {
    assert.deepEqual(Array.from(E.tensor([-1000, 1000]).sigmoid().data), [0, 1]);
    assert.deepEqual(Array.from(E.tensor([-1000, 1000]).tanh().data), [-1, 1]);
  });
  for (const dim of [0, 1, -1]) {
    it(`softmax / logSoftmax along dim ${dim}`, () => {
      const shape = [3, 4];
      const ref = (lg: boolean) => (a: Float64Array): number[] => {
        const out = new Array<number>(12);
        const d = dim < 0 ? dim + 2 : dim;
        for (let o = 0; o < (d === 0 ? 4 : 3); o++) {
          const ids = d === 0 ? [0, 1, 2].map((r) => r * 4 + o) : [0, 1, 2, 3].map((c) => o * 4 + c);
          const s = sum(ids.map((i) => Math.exp(a[i])));
          ids.forEach((i) => (out[i] = lg ? a[i] - Math.log(s) : Math.exp(a[i]) / s));
        }
        return out;
      };
      checkOp('softmax', (a) => a.softmax(dim), [shape], { reference: ref(false), forwardRtol: 1e-14 });
      checkOp('logSoftmax', (a) => E.logSoftmax(a, dim), [shape], { reference: ref(true), forwardRtol: 1e-14 });
    });
  }
  it('softmax does not overflow on huge logits', () => {
    assert.deepEqual(Array.from(E.tensor([1000, 1000]).softmax(0).data), [0.5, 0.5]);
    assert.ok(Number.isFinite(E.tensor([1000, 0]).logSoftmax(0).data[1]));
  });
});

describe('engine core: losses', () => {
  it('mseLoss with mean / sum / none', () => {
    const ref = (a: Float64Array, b: Float64Array) => Array.from(a, (x, i) => (x - b[i]) ** 2);
    checkOp('mse mean', (a, b) => E.mseLoss(a, b), [[4, 3], [4, 3]], { shape: [], reference: (a, b) => [sum(ref(a, b)) / 12] });
    checkOp('mse sum', (a, b) => E.mseLoss(a, b, 'sum'), [[4, 3], [4, 3]], { reference: (a, b) => [sum(ref(a, b))] });
    checkOp('mse none', (a, b) => E.mseLoss(a, b, 'none'), [[4, 3], [4, 3]], { shape: [4, 3], reference: ref });
  });
  it('crossEntropy = mean of −log softmax at the target, for number[] and Tensor targets', () => {
    const target = [2, 0, 1];
    const ref = (a: Float64Array) => {
      let total = 0;
      for (let i = 0; i < 3; i++) {
        const row = Array.from(a.subarray(i * 4, i * 4 + 4));
        total += Math.log(sum(row.map(Math.exp))) - row[target[i]];
      }
      return [total / 3];
    };
    checkOp('crossEntropy', (a) => E.crossEntropy(a, target), [[3, 4]], { reference: ref });
    checkOp('crossEntropy tensor target', (a) => E.crossEntropy(a, E.tensor(target), 'sum'), [[3, 4]], {
      reference: (a) => [ref(a)[0] * 3],
    });
    checkOp('nllLoss', (a) => E.nllLoss(a.logSoftmax(1), target, 'none'), [[3, 4]], { shape: [3] });
  });
  it('binaryCrossEntropy on probabilities, and its −100 log clamp at p = 0 / 1', () => {
    const ref = (p: Float64Array, y: Float64Array) => [sum(Array.from(p, (v, i) => -(y[i] * Math.log(v) + (1 - y[i]) * Math.log(1 - v)))) / p.length];
    const y = E.tensor([1, 0, 1, 0, 0.3, 0.8]);
    checkOp('bce', (p) => E.binaryCrossEntropy(p, y), [[6]], { low: 0.1, high: 0.9, reference: (p) => ref(p, y.data) });
    const loss = E.binaryCrossEntropy(E.tensor([0, 1]), E.tensor([1, 0]), 'none');
    assert.deepEqual(Array.from(loss.data), [100, 100]);
  });
  it('binaryCrossEntropyWithLogits equals BCE(sigmoid(x)) and stays finite for large logits', () => {
    const y = E.tensor([1, 0, 1, 0, 0.3, 0.8]);
    checkOp('bceWithLogits', (x) => E.binaryCrossEntropyWithLogits(x, y), [[6]], {
      low: -4, high: 4,
      reference: (x) => [sum(Array.from(x, (v, i) => -(y.data[i] * Math.log(sigmoidRef(v)) + (1 - y.data[i]) * Math.log(1 - sigmoidRef(v))))) / 6],
      forwardRtol: 1e-13,
    });
    const big = E.binaryCrossEntropyWithLogits(E.tensor([800, -800]), E.tensor([0, 1]), 'none');
    assert.deepEqual(Array.from(big.data), [800, 800]);
  });

  it('sigmoidScalar (shared by sigmoid, the LSTM cell and BCE-with-logits) is finite and accurate in both tails', () => {
    // For x ≪ 0, σ(x) = e^x − e^{2x} + … (the series of e^x/(1+e^x)); 1/(1+e^{−x}) would overflow e^{−x} below −709.
    for (const x of [-700, -745, -30]) {
      const ref = Math.exp(x) * (1 - Math.exp(x));
      assert.ok(Number.isFinite(sigmoidScalar(x)) && Math.abs(sigmoidScalar(x) - ref) <= 1e-15 * ref, `σ(${x}) = ${sigmoidScalar(x)}`);
    }
    assert.equal(sigmoidScalar(0), 0.5);
    assert.equal(sigmoidScalar(800), 1);
    assert.equal(sigmoidScalar(-800), 0);
    for (const x of [0.3, 2, 7.5]) assert.ok(Math.abs(sigmoidScalar(x) + sigmoidScalar(-x) - 1) < 1e-15, `σ(${x}) + σ(−${x})`);
    assert.ok(Number.isNaN(sigmoidScalar(Number.NaN)));
  });
});
