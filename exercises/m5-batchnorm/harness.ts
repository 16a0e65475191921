/**
 * m5-batchnorm: the learner's batch-norm forward/backward (training mode)
 *  1. on the numerics.md vector (published values, independent of our engine),
 *  2. on random shapes against the engine's nn.BatchNorm1d + autograd,
 *  3. inside a 10-layer tanh net as an autograd op (forward under noGrad, backward = theirs), at
 *     weight scales 0.1 … 10: ‖∂L/∂h_0‖ / ‖∂L/∂h_9‖ (input of the first layer vs input of the last)
 *     with and without their BN. Without BN it vanishes at small scales and explodes at large ones.
 * Diagnostics name the classic mistakes: unbiased variance (n − 1), dx without the μ/σ² terms.
 */
import type { HarnessContext } from 'gradlab/harness';
import { Tensor, tensor, randn, rand, ones, zeros, noGrad, mseLoss, nn } from 'gradlab';

const EPS = 1e-5;

// numerics.md, "Layers / BatchNorm" (float64, PyTorch, eps 1e-5).
const VEC = {
  x: [[1, 2], [3, 5], [6, 4]],
  gamma: [1.5, 0.5],
  beta: [0.1, -0.2],
  dy: [[0.3, -1], [0.2, 0.5], [-0.7, 0.25]],
  y: [[-1.6033229047812876, -0.8681509571564359], [-0.14333184354018405, 0.3345207657251487], [2.0466547483214717, -0.06636980856871277]],
  dgamma: [-1.2815477093116354, 1.937637775753664],
  dbeta: [-0.2, -0.25],
  dx: [[-0.08644600046841933, -0.02147850508052284], [0.14407818506605832, -0.042950782079661055], [-0.05763218459763899, 0.06442928716018376]],
};

const SCALES = [0.1, 0.3, 1, 3, 10];
const DEPTH = 10;
const WIDTH = 32;
const BATCH = 32;

/** max |a − b| / max |b|: one relative error per tensor. */
function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0, s = 0;
  for (let i = 0; i < b.length; i++) {
    const e = Math.abs(a[i] - b[i]);
    d = Number.isNaN(e) ? Infinity : Math.max(d, e);
    s = Math.max(s, Math.abs(b[i]));
  }
  return d / Math.max(s, 1e-300);
}

interface Grads { dx: Tensor; dgamma: Tensor; dbeta: Tensor }

function forward(ctx: HarnessContext, x: Tensor, gamma: Tensor, beta: Tensor): { y: Tensor; cache: unknown } {
  // Autograd off: the backward must be written by hand, not recovered from a graph.
  const res = noGrad(() => ctx.call<unknown>('batchNormForward', x, gamma, beta, EPS));
  if (typeof res !== 'object' || res === null || !('y' in res)) {
    ctx.fail('wrong-type', 'batchNormForward must return an object { y, cache }.');
  }
  const r = res as { y: unknown; cache: unknown };
  return { y: ctx.expectTensor(r.y, `batchNormForward(x).y (shape [${x.shape.join(', ')}])`, x.shape), cache: r.cache };
}

function backward(ctx: HarnessContext, dy: Tensor, cache: unknown, C: number): Grads {
  const res = noGrad(() => ctx.call<unknown>('batchNormBackward', dy, cache));
  if (typeof res !== 'object' || res === null) ctx.fail('wrong-type', 'batchNormBackward must return an object { dx, dgamma, dbeta }.');
  const r = res as Record<string, unknown>;
  return {
    dx: ctx.expectTensor(r.dx, `batchNormBackward(...).dx (shape [${dy.shape.join(', ')}])`, dy.shape),
    // [C] is what PyTorch gives; [1, C] is accepted too (same numbers).
    dgamma: ctx.expectTensor(r.dgamma, `batchNormBackward(...).dgamma (${C} values)`),
    dbeta: ctx.expectTensor(r.dbeta, `batchNormBackward(...).dbeta (${C} values)`),
  };
}

function checkLength(ctx: HarnessContext, t: Tensor, C: number, what: string): void {
  if (t.numel() !== C) ctx.fail('wrong-shape', `${what} must have one value per feature (${C}); got shape [${t.shape.join(', ')}].`);
}

/** The engine's BatchNorm1d (training mode) + autograd on the same numbers: the expectation. */
function engineBatchNorm(x: Tensor, gamma: Tensor, beta: Tensor, dy: Tensor): { y: Float64Array; dx: Float64Array; dgamma: Float64Array; dbeta: Float64Array } {
  const bn = new nn.BatchNorm1d(x.shape[1], { eps: EPS });
  bn.weight!.data.set(gamma.data);
  bn.bias!.data.set(beta.data);
  const xg = tensor(x.data, { shape: x.shape, requiresGrad: true });
  const y = bn.call(xg);
  y.backward(dy);
  return { y: y.data, dx: xg.grad!.data, dgamma: bn.weight!.grad!.data, dbeta: bn.bias!.grad!.data };
}

export default function harness(ctx: HarnessContext): void {
  // ---- 1. The published vector ----
  const C0 = 2;
  const x0 = tensor(VEC.x), g0 = tensor(VEC.gamma), b0 = tensor(VEC.beta), dy0 = tensor(VEC.dy);
  const f0 = forward(ctx, x0, g0, b0);
  const gr0 = backward(ctx, dy0, f0.cache, C0);
  checkLength(ctx, gr0.dgamma, C0, 'dgamma');
  checkLength(ctx, gr0.dbeta, C0, 'dbeta');
  const flat = (a: number[][]) => a.flat();
  ctx.record('vectorYError', relError(f0.y.data, flat(VEC.y)));
  ctx.record('vectorDxError', relError(gr0.dx.data, flat(VEC.dx)));
  ctx.record('vectorDgammaError', relError(gr0.dgamma.data, VEC.gamma.map((_, i) => VEC.dgamma[i])));
  ctx.record('vectorDbetaError', relError(gr0.dbeta.data, VEC.dbeta));
  ctx.record('vectorGradError', Math.max(
    relError(gr0.dx.data, flat(VEC.dx)), relError(gr0.dgamma.data, VEC.dgamma), relError(gr0.dbeta.data, VEC.dbeta)));

  // Classic wrong answers, computed on the vector: y with the unbiased variance; dx = γ·dy/√(σ²+ε)
  // (μ and σ² treated as constants); dx with only the mean term.
  const N0 = 3;
  const unbiasedY: number[] = [];
  const naiveDx: number[] = [];
  const meanOnlyDx: number[] = [];
  for (let c = 0; c < C0; c++) {
    const col = VEC.x.map((r) => r[c]);
    const mu = col.reduce((s, v) => s + v, 0) / N0;
    const ss = col.reduce((s, v) => s + (v - mu) ** 2, 0);
    const invStdU = 1 / Math.sqrt(ss / (N0 - 1) + EPS);
    const invStd = 1 / Math.sqrt(ss / N0 + EPS);
    const dyc = VEC.dy.map((r) => r[c]);
    const dyMean = dyc.reduce((s, v) => s + v, 0) / N0;
    for (let i = 0; i < N0; i++) {
      unbiasedY[i * C0 + c] = VEC.gamma[c] * (col[i] - mu) * invStdU + VEC.beta[c];
      naiveDx[i * C0 + c] = VEC.gamma[c] * invStd * dyc[i];
      meanOnlyDx[i * C0 + c] = VEC.gamma[c] * invStd * (dyc[i] - dyMean);
    }
  }
  ctx.record('unbiasedVarianceUsed', relError(f0.y.data, unbiasedY) < 1e-9);
  ctx.record('dxIgnoresMeanAndVar', relError(gr0.dx.data, naiveDx) < 1e-9);
  ctx.record('dxIgnoresVar', relError(gr0.dx.data, meanOnlyDx) < 1e-9);

  // ---- 2. Random shapes against the engine ----
  let randomError = 0;
  for (let k = 0; k < 3; k++) {
    const N = 4 + Math.floor(rand([1]).data[0] * 29); // 4 … 32
    const C = 2 + Math.floor(rand([1]).data[0] * 11); // 2 … 12
    const scale = Math.pow(10, -1 + 2 * rand([1]).data[0]); // 0.1 … 10
    const x = randn(N, C).mul(scale).add(randn(1, C).mul(3));
    const gamma = randn(C), beta = randn(C), dy = randn(N, C);
    const want = engineBatchNorm(x, gamma, beta, dy);
    const f = forward(ctx, tensor(x.data, { shape: [N, C] }), tensor(gamma.data, { shape: [C] }), tensor(beta.data, { shape: [C] }));
    const g = backward(ctx, tensor(dy.data, { shape: [N, C] }), f.cache, C);
    checkLength(ctx, g.dgamma, C, 'dgamma');
    checkLength(ctx, g.dbeta, C, 'dbeta');
    randomError = Math.max(randomError, relError(f.y.data, want.y), relError(g.dx.data, want.dx),
      relError(g.dgamma.data, want.dgamma), relError(g.dbeta.data, want.dbeta));
  }
  ctx.record('randomMaxError', randomError);

  // ---- 3. Weight-scale sweep: a 10-layer tanh net with and without the learner's BN ----
  const learnerBN = (z: Tensor): Tensor => {
    const C = z.shape[1];
    const f = forward(ctx, z.detach(), ones(C), zeros(C));
    return Tensor.fromOp(new Float64Array(f.y.data), z.shape, 'yourBatchNorm', [z], (gradOut) => {
      const g = backward(ctx, tensor(gradOut, { shape: z.shape }), f.cache, C);
      return [new Float64Array(g.dx.data)];
    });
  };
  const X = randn(BATCH, WIDTH);
  const Y = randn(BATCH, WIDTH);
  const base = Array.from({ length: DEPTH }, () => randn(WIDTH, WIDTH).mul(1 / Math.sqrt(WIDTH)));
  const ratio = (scale: number, withBN: boolean): number => {
    const Ws = base.map((w) => w.mul(scale));
    let h = tensor(X.data, { shape: X.shape, requiresGrad: true });
    const inputs: Tensor[] = [];
    for (const W of Ws) {
      inputs.push(h);
      let z = h.matmul(W);
      if (withBN) z = learnerBN(z);
      h = z.tanh();
      h.retainGrad();
    }
    mseLoss(h, Y).backward();
    const first = inputs[0].grad!.norm().item();
    const last = inputs[DEPTH - 1].grad!.norm().item();
    return first / last;
  };
  const labels = SCALES.map((s) => `scale ${s}`);
  ctx.recordVector('plainRatio', SCALES.map((s) => ratio(s, false)), labels);
  ctx.recordVector('bnRatio', SCALES.map((s) => ratio(s, true)), labels);
}
