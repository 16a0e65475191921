/**
 * m4-relu-backward: the learner's ReLU / LeakyReLU forward and backward against the engine's relu /
 * leakyRelu autograd on the same seeded inputs, a fifth of them exactly 0 (where PyTorch's ReLU
 * gradient is 0 and LeakyReLU's is the slope). Diagnostics name the classic mistakes: gradient passed
 * where x < 0 (identity), x >= 0 used as the mask, the slope forgotten in the leaky backward.
 * Then the learner's backward functions are used to backprop by hand through a 6-layer net, recording
 * per layer the fraction of ∂L/∂z entries that are nonzero (how much gradient survives).
 */
import type { HarnessContext } from 'gradlab/harness';
import { Tensor, tensor, randn, rand, relu, leakyRelu, noGrad } from 'gradlab';

const ROWS = 16;
const COLS = 32;
const DEPTH = 6;

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    m = Number.isNaN(d) ? Infinity : Math.max(m, d);
  }
  return m;
}

function median(v: number[]): number {
  if (v.length === 0) return NaN;
  const s = [...v].sort((p, q) => p - q);
  return s[Math.floor(s.length / 2)];
}

function nonzeroFraction(a: Float64Array): number {
  let n = 0;
  for (const v of a) if (v !== 0) n++;
  return n / a.length;
}

/** ∂(sum(f(x)·gradOut))/∂x through the engine's autograd: the expected backward. */
function autogradBackward(x: Float64Array, gradOut: Float64Array, f: (t: Tensor) => Tensor): { y: Float64Array; dx: Float64Array } {
  const xt = tensor(x, { shape: [ROWS, COLS], requiresGrad: true });
  const y = f(xt);
  y.backward(tensor(gradOut, { shape: [ROWS, COLS] }));
  return { y: y.data, dx: xt.grad!.data };
}

export default function harness(ctx: HarnessContext): void {
  // Inputs: N(0,1) with about a fifth of the entries set to exactly 0 (the boundary case).
  const x = randn(ROWS, COLS).data;
  const u = rand(ROWS, COLS).data;
  for (let i = 0; i < x.length; i++) if (u[i] < 0.2) x[i] = 0;
  const gradOut = randn(ROWS, COLS).data;
  // A slope between 0.05 and 0.3 per seed (two decimals), so a hard-coded 0.01 cannot pass.
  const slope = Math.round((0.05 + 0.25 * rand([1]).data[0]) * 100) / 100;

  const ref = autogradBackward(x, gradOut, (t) => relu(t));
  const refLeaky = autogradBackward(x, gradOut, (t) => leakyRelu(t, slope));

  // Fresh copies for every call: an in-place edit by the learner cannot change what we compare with.
  const X = () => tensor(x, { shape: [ROWS, COLS] });
  const G = () => tensor(gradOut, { shape: [ROWS, COLS] });
  const shape = [ROWS, COLS];
  const y = ctx.expectTensor(ctx.call('reluForward', X()), 'reluForward(x) (a tensor shaped like x)', shape).data;
  const dx = ctx.expectTensor(ctx.call('reluBackward', X(), G()), 'reluBackward(x, gradOut) (a tensor shaped like x)', shape).data;
  const yl = ctx.expectTensor(ctx.call('leakyReluForward', X(), slope), 'leakyReluForward(x, slope) (a tensor shaped like x)', shape).data;
  const dxl = ctx.expectTensor(ctx.call('leakyReluBackward', X(), G(), slope), 'leakyReluBackward(x, gradOut, slope) (a tensor shaped like x)', shape).data;

  ctx.record('slope', slope);
  ctx.record('reluForwardError', maxAbsDiff(y, ref.y));
  ctx.record('reluBackwardError', maxAbsDiff(dx, ref.dx));
  ctx.record('leakyForwardError', maxAbsDiff(yl, refLeaky.y));
  ctx.record('leakyBackwardError', maxAbsDiff(dxl, refLeaky.dx));

  // Diagnostics, split by the sign of the INPUT.
  let neg = 0, negKeptForward = 0, negPassed = 0, zeros = 0, zeroPassed = 0;
  const leakyNegRatios: number[] = [];
  const leakyZeroRatios: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (x[i] < 0) {
      neg++;
      if (y[i] === x[i]) negKeptForward++;
      if (dx[i] === gradOut[i]) negPassed++;
      leakyNegRatios.push(dxl[i] / gradOut[i]);
    } else if (x[i] === 0) {
      zeros++;
      if (dx[i] !== 0) zeroPassed++;
      leakyZeroRatios.push(dxl[i] / gradOut[i]);
    }
  }
  ctx.record('reluForwardNegKept', negKeptForward / neg);
  ctx.record('reluNegPassFraction', negPassed / neg);
  ctx.record('reluZeroPassFraction', zeroPassed / zeros);
  const negRatio = median(leakyNegRatios);
  const zeroRatio = median(leakyZeroRatios);
  ctx.record('leakyNegRatio', negRatio);
  ctx.record('leakyZeroMatchesSlope', Math.abs(zeroRatio - slope) <= 1e-12 * slope);
  ctx.record('leakyNegMatchesSlope', Math.abs(negRatio - slope) <= 1e-12 * slope);
  ctx.record('reluSurvival', nonzeroFraction(dx));
  ctx.record('leakySurvival', nonzeroFraction(dxl));

  // Backprop by hand through DEPTH layers z_l = h_{l-1}·W_l, h_l = act(z_l), L = sum(h_DEPTH · R),
  // with the learner's own forward/backward: the fraction of ∂L/∂z_l entries that are nonzero.
  const weights = Array.from({ length: DEPTH }, () => randn(COLS, COLS).mul(Math.sqrt(2 / COLS)));
  const input = randn(ROWS, COLS);
  const R = randn(ROWS, COLS);
  const alive = (forward: (z: Tensor) => unknown, backward: (z: Tensor, g: Tensor) => unknown, what: string): number[] =>
    noGrad(() => {
      const zs: Tensor[] = [];
      let h = input;
      for (const W of weights) {
        const z = h.matmul(W);
        zs.push(z);
        h = ctx.expectTensor(forward(z), `${what} forward in a deep net`, shape);
      }
      let g = R;
      const fractions: number[] = [];
      for (let l = DEPTH - 1; l >= 0; l--) {
        const dz = ctx.expectTensor(backward(zs[l], g), `${what} backward in a deep net`, shape);
        fractions[l] = nonzeroFraction(dz.data);
        g = dz.matmul(weights[l].T);
      }
      return fractions;
    });
  const labels = Array.from({ length: DEPTH }, (_, l) => `layer ${l + 1}`);
  ctx.recordVector('reluAliveByLayer', alive((z) => ctx.call('reluForward', z), (z, g) => ctx.call('reluBackward', z, g), 'reluForward/reluBackward'), labels);
  ctx.recordVector('leakyAliveByLayer', alive((z) => ctx.call('leakyReluForward', z, slope), (z, g) => ctx.call('leakyReluBackward', z, g, slope), 'leakyReluForward/leakyReluBackward'), labels);
}
