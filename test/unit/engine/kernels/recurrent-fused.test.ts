/**
 * The fused recurrent ops (src/engine/ops/recurrent-fused.ts) against the public-op composition they
 * replace (each of those ops is itself checked against finite differences in core/), bit for bit in
 * values and gradients, plus a finite-difference gradcheck of the fused ops directly.
 */
import { strict as assert } from 'node:assert';
import { Tensor, randn, manualSeed, gradcheck, linear, nn } from '../../../../src/engine/index';
import { linearPair, lstmPointwise } from '../../../../src/engine/ops/recurrent-fused';

function leaf(shape: number[]): Tensor {
  return randn(shape, { requiresGrad: true });
}

function sameBits(a: Float64Array, b: Float64Array, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i] + 0, b[i] + 0)) assert.fail(`${what}[${i}]: fused ${a[i]} vs composed ${b[i]}`);
  }
}

/** The LSTM step exactly as nn.LSTMCell wrote it before fusion. */
function composedLstm(x: Tensor, h: Tensor, c: Tensor, wih: Tensor, whh: Tensor, bih: Tensor, bhh: Tensor): [Tensor, Tensor] {
  const H = h.shape[1];
  const gates = linear(x, wih, bih).add(linear(h, whh, bhh));
  const gate = (k: number): Tensor => gates.slice(1, k * H, (k + 1) * H);
  const i = gate(0).sigmoid();
  const f = gate(1).sigmoid();
  const g = gate(2).tanh();
  const o = gate(3).sigmoid();
  const cNext = f.mul(c).add(i.mul(g));
  return [o.mul(cNext.tanh()), cNext];
}

describe('fused recurrent ops', () => {
  it('LSTM step: values and all gradients equal the public-op composition bit for bit (B 5, I 3, H 6, 2 steps)', () => {
    manualSeed(11);
    const [B, I, H] = [5, 3, 6];
    const params = [leaf([4 * H, I]), leaf([4 * H, H]), leaf([4 * H]), leaf([4 * H])];
    const xs = [leaf([B, I]), leaf([B, I])];
    const h0 = leaf([B, H]);
    const c0 = leaf([B, H]);
    const run = (fused: boolean): Float64Array[] => runLstm(fused, params, xs, h0, c0);
    const fused = run(true);
    const composed = run(false);
    fused.forEach((v, k) => sameBits(v, composed[k], `output/grad #${k}`));
  });

  it('LSTM over 6 steps: weight gradients agree to 1e-13 (only the order of summing the per-step terms differs)', () => {
    // The composed graph lets backward visit the x-side linear nodes in a different order than the
    // time order, so Σ_t dW_t is added in another order: same terms, last-bit differences only.
    manualSeed(15);
    const [B, I, H] = [4, 3, 5];
    const params = [leaf([4 * H, I]), leaf([4 * H, H]), leaf([4 * H]), leaf([4 * H])];
    const xs = Array.from({ length: 6 }, () => leaf([B, I]));
    const h0 = leaf([B, H]);
    const c0 = leaf([B, H]);
    const fused = runLstm(true, params, xs, h0, c0);
    const composed = runLstm(false, params, xs, h0, c0);
    fused.forEach((v, k) => {
      for (let i = 0; i < v.length; i++) {
        const tol = 1e-13 * Math.max(1, Math.abs(composed[k][i]));
        if (!(Math.abs(v[i] - composed[k][i]) <= tol)) assert.fail(`#${k}[${i}]: fused ${v[i]} vs composed ${composed[k][i]}`);
      }
    });
  });


  it('linearPair without biases, and with only x requiring grad, matches linear(x) + linear(h)', () => {
    manualSeed(12);
    const x = leaf([4, 3]);
    const h = randn(4, 5);
    const wx = randn(8, 3);
    const wh = randn(8, 5);
    const fused = linearPair(x, wx, null, h, wh, null);
    const composed = linear(x, wx).add(linear(h, wh));
    sameBits(fused.data, composed.data, 'value');
    fused.sum().backward();
    const gFused = x.grad!.data;
    x.grad = null;
    composed.sum().backward();
    sameBits(gFused, x.grad!.data, 'dx');
  });

  it('gradcheck (finite differences) passes through linearPair + lstmPointwise', () => {
    manualSeed(13);
    const r = gradcheck(
      (x, h, c, wih, whh, bih, bhh) => {
        const [hn, cn] = lstmPointwise(linearPair(x, wih, bih, h, whh, bhh), c);
        return hn.mul(cn).sum();
      },
      [randn(2, 3), randn(2, 4), randn(2, 4), randn(16, 3), randn(16, 4), randn(16), randn(16)],
    );
    assert.ok(r.ok, JSON.stringify(r.failures.slice(0, 3)));
  });

  it('nn.LSTMCell and nn.RNNCell keep their parameters and produce the composed values', () => {
    manualSeed(14);
    const cell = new nn.LSTMCell(3, 4);
    assert.deepEqual(cell.parameters().map((p) => p.shape), [[16, 3], [16, 4], [16], [16]]);
    const x = randn(2, 3);
    const h = randn(2, 4);
    const c = randn(2, 4);
    const [hn, cn] = cell.call(x, [h, c]);
    const [hr, cr] = composedLstm(x, h, c, cell.weightIh, cell.weightHh, cell.biasIh!, cell.biasHh!);
    sameBits(hn.data, hr.data, 'h');
    sameBits(cn.data, cr.data, 'c');
    const rnn = new nn.RNNCell(3, 4);
    const out = rnn.call(x, h);
    sameBits(out.data, linear(x, rnn.weightIh, rnn.biasIh).add(linear(h, rnn.weightHh, rnn.biasHh)).tanh().data, 'rnn h');
  });
});

function runLstm(fused: boolean, params: Tensor[], xs: Tensor[], h0: Tensor, c0: Tensor): Float64Array[] {
  let h = h0;
  let c = c0;
  for (const x of xs) {
    [h, c] = fused
      ? lstmPointwise(linearPair(x, params[0], params[2], h, params[1], params[3]), c)
      : composedLstm(x, h, c, params[0], params[1], params[2], params[3]);
  }
  const loss = h.mul(h).sum().add(c.sum());
  for (const t of [...params, ...xs, h0, c0]) t.grad = null;
  loss.backward();
  return [h.data, c.data, ...[...params, ...xs, h0, c0].map((t) => t.grad!.data)];
}
