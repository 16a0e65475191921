/**
 * Every module's backward against centered finite differences (float64, h = 1e-6), through ALL
 * parameters and inputs. Inputs to kinked activations are kept away from their kinks.
 */
import { strict as assert } from 'assert';
import { Generator, nn, Tensor, manualSeed, randn } from 'gradlab';
import { checkModuleGradients } from './helpers/module-gradcheck';
import { checkOp } from '../helpers/check-op';

function leaf(shape: number[], scale = 1): Tensor {
  const t = randn(shape).mul(scale).detach();
  return new Tensor(t.data, shape, true);
}

/** Values at least `margin` from 0, where ReLU-like kinks sit. */
function awayFromZero(shape: number[], margin = 0.1): Tensor {
  const t = leaf(shape);
  for (let i = 0; i < t.data.length; i++) if (Math.abs(t.data[i]) < margin) t.data[i] = t.data[i] < 0 ? -0.5 : 0.5;
  return t;
}

function expectOk(module: nn.Module<any[], any>, inputs: Tensor[], run: () => Tensor): void {
  const r = checkModuleGradients(module, inputs, run);
  assert.ok(r.ok, `finite differences disagree: worst ${JSON.stringify(r.worst)} (max abs error ${r.maxAbsError})`);
  assert.ok(r.checked > 0);
}

describe('module gradients pass finite-difference checks', () => {
  beforeEach(() => manualSeed(11));

  it('Linear (with and without bias), 3-D input', () => {
    for (const bias of [true, false]) {
      const m = new nn.Linear(3, 4, { bias });
      const x = leaf([2, 2, 3]);
      expectOk(m, [x], () => m.call(x));
    }
  });

  it('Sequential of Linear + every smooth activation', () => {
    const acts = [new nn.Sigmoid(), new nn.Tanh(), new nn.ELU(0.7), new nn.GELU(), new nn.Softplus(1.5), new nn.Softmax(-1), new nn.LogSoftmax(-1)];
    for (const act of acts) {
      const m = new nn.Sequential(new nn.Linear(3, 4), act, new nn.Linear(4, 2));
      const x = leaf([3, 3]);
      expectOk(m, [x], () => m.call(x));
    }
  });

  it('ReLU and LeakyReLU away from the kink', () => {
    for (const act of [new nn.ReLU(), new nn.LeakyReLU(0.1)]) {
      const x = awayFromZero([4, 3]);
      expectOk(act, [x], () => act.call(x));
    }
  });

  it('Residual', () => {
    const m = new nn.Residual(new nn.Sequential(new nn.Linear(3, 3), new nn.Tanh()));
    const x = leaf([2, 3]);
    expectOk(m, [x], () => m.call(x));
  });

  it('BatchNorm1d in training mode ([N, C] and [N, C, L]) and eval mode', () => {
    const bn = new nn.BatchNorm1d(3);
    bn.weight!.data.set([0.5, 1.5, -1]);
    bn.bias!.data.set([0.1, 0, -0.3]);
    const x2 = leaf([5, 3], 2);
    expectOk(bn, [x2], () => bn.call(x2));
    const x3 = leaf([4, 3, 2]);
    expectOk(bn, [x3], () => bn.call(x3));
    bn.eval();
    expectOk(bn, [x2], () => bn.call(x2));
  });

  it('LayerNorm over one and two trailing dims', () => {
    const ln = new nn.LayerNorm(4);
    ln.weight!.data.set([1, 2, 0.5, -1]);
    const x = leaf([3, 4], 2);
    expectOk(ln, [x], () => ln.call(x));
    const ln2 = new nn.LayerNorm([2, 3]);
    const x2 = leaf([2, 2, 3]);
    expectOk(ln2, [x2], () => ln2.call(x2));
  });

  it('Dropout in training mode with a fixed mask', () => {
    const g = new Generator(5);
    const d = new nn.Dropout(0.4, g);
    const x = leaf([4, 5]);
    expectOk(d, [x], () => {
      g.manualSeed(5); // same mask on every evaluation
      return d.call(x);
    });
  });

  it('RNNCell (tanh and relu), LSTMCell, GRUCell with explicit states', () => {
    const x = leaf([2, 3]);
    const h = leaf([2, 4], 0.5);
    const c = leaf([2, 4], 0.5);
    const rnn = new nn.RNNCell(3, 4);
    expectOk(rnn, [x, h], () => rnn.call(x, h));
    const relu = new nn.RNNCell(3, 4, { nonlinearity: 'relu' });
    const hr = awayFromZero([2, 4]);
    const xr = awayFromZero([2, 3]);
    // Check it is away from the kink at the pre-activation too (otherwise pick another seed).
    const pre = xr.matmul(relu.weightIh.T).add(relu.biasIh!).add(hr.matmul(relu.weightHh.T)).add(relu.biasHh!);
    assert.ok(Array.from(pre.data).every((v) => Math.abs(v) > 1e-3));
    expectOk(relu, [xr, hr], () => relu.call(xr, hr));
    const lstm = new nn.LSTMCell(3, 4);
    expectOk(lstm, [x, h, c], () => {
      const [h1, c1] = lstm.call(x, [h, c]);
      return h1.add(c1.mul(0.7));
    });
    const gru = new nn.GRUCell(3, 4);
    expectOk(gru, [x, h], () => gru.call(x, h));
  });

  it('RNN (2 layers, batchFirst), LSTM and GRU over 3 steps, through output and final states', () => {
    const xb = leaf([2, 3, 2]); // [B, T, I]
    const rnn = new nn.RNN(2, 3, { numLayers: 2, batchFirst: true });
    const h0 = leaf([2, 2, 3], 0.5);
    expectOk(rnn, [xb, h0], () => {
      const r = rnn.call(xb, h0);
      return r.output.sum().add(r.hN.mul(r.hN).sum());
    });
    const x = leaf([3, 2, 2]); // [T, B, I]
    const lstm = new nn.LSTM(2, 3, { numLayers: 2 });
    const lh = leaf([2, 2, 3], 0.5);
    const lc = leaf([2, 2, 3], 0.5);
    expectOk(lstm, [x, lh, lc], () => {
      const r = lstm.call(x, [lh, lc]);
      return r.output.sum().add(r.cN.sum());
    });
    const gru = new nn.GRU(2, 3);
    expectOk(gru, [x], () => gru.call(x).output);
  });
});

describe('modules as functions of (input, parameters) through the core checkOp helper', () => {
  // checkOp owns the tensors it differentiates, so each case installs them as the module's
  // parameters before the forward pass; this cross-checks the in-place helper above.
  it('Linear: y = x Wᵀ + b against a plain-JS reference', () => {
    const lin = new nn.Linear(3, 2);
    checkOp('nn.Linear', (x, w, b) => Object.assign(lin, { weight: w, bias: b }).call(x), [[4, 3], [2, 3], [2]], {
      reference: (x, w, b) =>
        Array.from({ length: 8 }, (_, k) => {
          const [r, o] = [Math.floor(k / 2), k % 2];
          return b[o] + x[r * 3] * w[o * 3] + x[r * 3 + 1] * w[o * 3 + 1] + x[r * 3 + 2] * w[o * 3 + 2];
        }),
      shape: [4, 2],
    });
  });

  it('BatchNorm1d (training) and LayerNorm with their affine parameters', () => {
    const bn = new nn.BatchNorm1d(3);
    checkOp('nn.BatchNorm1d', (x, w, b) => Object.assign(bn, { weight: w, bias: b }).call(x), [[5, 3], [3], [3]]);
    const ln = new nn.LayerNorm(4);
    checkOp('nn.LayerNorm', (x, w, b) => Object.assign(ln, { weight: w, bias: b }).call(x), [[3, 4], [4], [4]]);
  });

  it('GRUCell and LSTMCell with all four parameter tensors as inputs', () => {
    const gru = new nn.GRUCell(2, 3);
    checkOp(
      'nn.GRUCell',
      (x, h, wi, wh, bi, bh) => Object.assign(gru, { weightIh: wi, weightHh: wh, biasIh: bi, biasHh: bh }).call(x, h),
      [[2, 2], [2, 3], [9, 2], [9, 3], [9], [9]],
      { low: -1, high: 1 },
    );
    const lstm = new nn.LSTMCell(2, 3);
    checkOp(
      'nn.LSTMCell',
      (x, h, c, wi, wh) => {
        const [h1, c1] = Object.assign(lstm, { weightIh: wi, weightHh: wh }).call(x, [h, c]);
        return h1.sub(c1);
      },
      [[2, 2], [2, 3], [2, 3], [12, 2], [12, 3]],
      { low: -1, high: 1 },
    );
  });
});
