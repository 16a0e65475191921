/**
 * Gradient flow through time: the classic exact results of numerics.md and the per-timestep
 * ∂L/∂h_t that RNN/LSTM/GRU expose through `hiddens` + retainGrad().
 */
import { strict as assert } from 'assert';
import { init, nn, Tensor, manualSeed, randn, gradNorms } from 'gradlab';

describe('classic results', () => {
  // Setup D (Pascanu et al. 2013): h_t = W h_{t−1}, W = ρ·Q with Q orthogonal. ∂h_T/∂h_0 = (Wᵀ)^T has
  // every singular value equal to ρ^T, so backpropagating any unit vector gives a gradient of norm ρ^T.
  for (const [rho, expected] of [
    [0.9, 5.1537752073201196e-3],
    [1.1, 117.39085287969579],
  ] as const) {
    it(`linear RNN, W = ${rho}·Q, T = 50: ‖∂h_T/∂h_0‖ = ρ^T = ${expected} (1e-9 relative)`, () => {
      manualSeed(50);
      const H = 64;
      const step = new nn.Linear(H, H, { bias: false });
      init.orthogonal_(step.weight, rho);
      const h0 = new Tensor(new Float64Array(H), [1, H], true);
      init.normal_(h0);
      let h = h0;
      for (let t = 0; t < 50; t++) h = step.call(h);
      const v = randn(1, H);
      const unit = v.div(v.norm());
      h.backward(unit);
      const norm = h0.grad!.norm().item();
      assert.ok(Math.abs(norm / expected - 1) < 1e-9, `got ${norm}`);
    });
  }

  // Setup E: y_k = σ(w·y_{k−1}), y_0 = 0, d_k = ∂y_k/∂y_0 (exact values from numerics.md).
  const chain: Array<[number, number, number]> = [
    [1, 1, 0.25],
    [1, 5, 6.7633919697037922e-4],
    [1, 10, 3.8752202320832585e-7],
    [1, 20, 1.2717776672279062e-13],
    [4, 1, 1],
    [4, 10, 7.2058108255177305e-10],
    [8, 10, 8.9025591615556762e-22],
  ];
  for (const [w, k, expected] of chain) {
    it(`sigmoid chain w = ${w}: d_${k} = ${expected}`, () => {
      const y0 = new Tensor(new Float64Array(1), [1], true);
      let y = y0;
      for (let i = 0; i < k; i++) y = y.mul(w).sigmoid();
      y.backward(new Tensor(Float64Array.from([1]), [1]));
      assert.ok(Math.abs(y0.grad!.data[0] / expected - 1) < 1e-12, `got ${y0.grad!.data[0]}`);
    });
  }
});

describe('per-timestep gradients through `hiddens`', () => {
  it('RNN: hiddens[t].grad follows δ_t = c_t + W_hhᵀ((1 − h_{t+1}²) ⊙ δ_{t+1}) (hand-written recurrence)', () => {
    manualSeed(5);
    const T = 6;
    const B = 2;
    const H = 3;
    const rnn = new nn.RNN(2, H);
    const x = randn(T, B, 2);
    const { output, hiddens } = rnn.call(x);
    hiddens.forEach((h) => h.retainGrad());
    const cot = randn(T, B, H);
    output.mul(cot).sum().backward();
    const W = rnn.cells[0].weightHh.data; // [H, H]
    let delta = Array.from(cot.data.slice((T - 1) * B * H, T * B * H));
    for (let t = T - 1; t >= 0; t--) {
      const got = hiddens[t].grad!.data;
      delta.forEach((d, i) => assert.ok(Math.abs(got[i] - d) < 1e-13, `t=${t} i=${i}: ${got[i]} vs ${d}`));
      if (t === 0) break;
      const hNext = hiddens[t].data;
      const next = Array.from(cot.data.slice((t - 1) * B * H, t * B * H));
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < H; j++) {
          let s = 0;
          for (let i = 0; i < H; i++) s += W[i * H + j] * (1 - hNext[b * H + i] ** 2) * delta[b * H + i];
          next[b * H + j] += s;
        }
      }
      delta = next;
    }
  });

  it('a long tanh RNN with small weights shows vanishing ‖∂L/∂h_t‖ toward t = 0; LSTM/GRU expose the same handles', () => {
    manualSeed(8);
    const rnn = new nn.RNN(4, 16);
    for (const p of rnn.parameters()) init.uniform_(p, -0.1, 0.1);
    const { hiddens } = rnn.call(randn(30, 2, 4));
    hiddens.forEach((h) => h.retainGrad());
    hiddens[29].sum().backward();
    const norms = gradNorms(hiddens);
    assert.equal(norms.length, 30);
    assert.ok(norms[0] < 1e-12 * norms[29], `‖∂L/∂h_1‖ = ${norms[0]}, ‖∂L/∂h_30‖ = ${norms[29]}`);

    const lstm = new nn.LSTM(4, 5);
    const out = lstm.call(randn(7, 2, 4));
    assert.equal(out.hiddens.length, 7);
    assert.equal(out.cellStates.length, 7);
    out.hiddens.forEach((h) => h.retainGrad());
    out.hN.sum().backward();
    assert.ok(out.hiddens.every((h) => h.grad !== null));
    assert.deepEqual(Array.from(out.hN.data), Array.from(out.hiddens[6].data));

    const gru = new nn.GRU(4, 5, { batchFirst: true });
    const g = gru.call(randn(2, 7, 4));
    assert.deepEqual([...g.output.shape], [2, 7, 5]);
    assert.deepEqual([...g.hN.shape], [1, 2, 5]);
  });

  it('shape errors say which layout is expected', () => {
    const rnn = new nn.RNN(3, 4);
    assert.throws(() => rnn.call(randn(5, 3)), /input must be \[time, batch, inputSize\] with inputSize 3, got \[5, 3\]/);
    assert.throws(() => rnn.call(randn(5, 2, 3), randn(2, 4)), /h0 must be \[numLayers, batch, hiddenSize\] = \[1, 2, 4\]/);
    assert.throws(() => new nn.LSTMCell(3, 4).call(randn(2, 3), [randn(2, 4)] as any), /pair \[h, c\]/);
    assert.throws(() => new nn.RNNCell(3, 4, { nonlinearity: 'sigmoid' as any }), /'tanh' or 'relu'/);
  });

  it('default init is U(±1/√H) for every recurrent parameter, PyTorch layout [G·H, ·]', () => {
    const lstm = new nn.LSTMCell(3, 16);
    assert.deepEqual([...lstm.weightIh.shape], [64, 3]);
    assert.deepEqual([...lstm.weightHh.shape], [64, 16]);
    assert.deepEqual([...new nn.GRUCell(3, 16).biasHh!.shape], [48]);
    for (const p of lstm.parameters()) assert.ok(Array.from(p.data).every((v) => Math.abs(v) <= 0.25));
  });
});
