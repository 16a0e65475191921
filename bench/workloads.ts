/**
 * The benchmark workloads, mirroring ../shared/bench/torch_bench.py shape for shape: float64,
 * forward + backward + plain SGD update (lr 0.01) per step. Each factory returns a step function.
 */
import * as E from '../src/engine/index';
import type { Tensor } from '../src/engine/index';

export type Step = () => void;

/** p ← p − lr·∇p, then clear the gradient (PyTorch's `p -= 0.01 * p.grad; p.grad = None`). */
function sgdStep(params: readonly Tensor[], lr = 0.01): void {
  for (const p of params) {
    const g = p.grad;
    if (g === null) continue;
    const d = p.data;
    const gd = g.data;
    for (let i = 0; i < d.length; i++) d[i] -= lr * gd[i];
    p.grad = null;
  }
}

export function mlp(depth = 20, width = 64, batch = 32): Step {
  const ws = Array.from({ length: depth }, () => E.randn([width, width], { requiresGrad: true }));
  const bs = Array.from({ length: depth }, () => E.zeros([width], { requiresGrad: true }));
  const x = E.randn(batch, width);
  const y = E.randn(batch, width);
  return () => {
    let h = x;
    for (let l = 0; l < depth; l++) h = h.matmul(ws[l]).add(bs[l]).sigmoid();
    const loss = h.sub(y).pow(2).mean();
    loss.backward();
    sgdStep([...ws, ...bs]);
  };
}

export function rnn(T = 50, hidden = 64, batch = 32, inp = 8): Step {
  const wx = E.randn([inp, hidden], { requiresGrad: true });
  const wh = E.randn(hidden, hidden).mul(0.1).requiresGrad_();
  const b = E.zeros([hidden], { requiresGrad: true });
  const xs = E.randn(T, batch, inp);
  const y = E.randn(batch, hidden);
  const steps = Array.from({ length: T }, (_, t) => xs.select(0, t));
  return () => {
    let h = E.zeros(batch, hidden);
    for (let t = 0; t < T; t++) h = steps[t].matmul(wx).add(h.matmul(wh)).add(b).tanh();
    const loss = h.sub(y).pow(2).mean();
    loss.backward();
    sgdStep([wx, wh, b]);
  };
}

export function lstm(T = 50, hidden = 64, batch = 32, inp = 8): Step {
  const cell = new E.nn.LSTMCell(inp, hidden);
  const params = cell.parameters();
  const xs = E.randn(T, batch, inp);
  const y = E.randn(batch, hidden);
  const steps = Array.from({ length: T }, (_, t) => xs.select(0, t));
  return () => {
    let h = E.zeros(batch, hidden);
    let c = E.zeros(batch, hidden);
    for (let t = 0; t < T; t++) [h, c] = cell.call(steps[t], [h, c]);
    const loss = h.sub(y).pow(2).mean();
    for (const p of params) p.grad = null;
    loss.backward();
    sgdStep(params);
  };
}

export const WORKLOADS: ReadonlyArray<{ name: string; make: () => Step }> = [
  { name: 'mlp_L20_D64_B32_sigmoid', make: () => mlp() },
  { name: 'rnn_T50_H64_B32_tanh', make: () => rnn() },
  { name: 'lstm_T50_H64_B32', make: () => lstm() },
];
