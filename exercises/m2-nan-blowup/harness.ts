/**
 * m2-nan-blowup: train a small ReLU regression net for 50 full-batch SGD steps with the learner's
 * { lr, weightScale } and record the loss and gradient-norm series, the first non-finite step, and
 * scale-free summaries (losses relative to the target's variance, gradient norms relative to step 0).
 *
 * The harness owns the data, the net and the optimizer; the learner only chooses two numbers. The
 * starter's configuration is also trained (same data, same random directions) for the chart.
 */
import type { HarnessContext } from 'gradlab/harness';
import { mseLoss, noGrad, randn, type Tensor } from 'gradlab';

const SIZES = [8, 32, 32, 1];
const BATCH = 32;
const STEPS = 50;
const STARTER = { lr: 0.1, weightScale: 1 };
const STEP_LABELS = Array.from({ length: STEPS }, (_, i) => `step ${i}`);

interface Run {
  losses: number[];
  gradNorms: number[];
}

/** 50 steps of plain SGD on mean squared error; weights = weightScale · N(0, 1), biases 0. */
function train(X: Tensor, Y: Tensor, gaussians: readonly Tensor[], lr: number, weightScale: number): Run {
  const weights = gaussians.map((g) => g.mul(weightScale).requiresGrad_());
  const biases = SIZES.slice(1).map((n) => randn([n]).mul(0).requiresGrad_());
  const params = [...weights, ...biases];
  const losses: number[] = [];
  const gradNorms: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    let h = X;
    weights.forEach((w, i) => {
      h = h.matmul(w).add(biases[i]);
      if (i < weights.length - 1) h = h.relu();
    });
    const loss = mseLoss(h, Y);
    loss.backward();
    let squares = 0;
    for (const p of params) for (const g of p.grad!.data) squares += g * g;
    losses.push(loss.item());
    gradNorms.push(Math.sqrt(squares));
    if (!Number.isFinite(loss.item())) break; // once NaN, every later step is NaN too
    noGrad(() => {
      for (const p of params) {
        const g = p.grad!.data;
        for (let k = 0; k < p.data.length; k++) p.data[k] -= lr * g[k];
        p.zeroGrad();
      }
    });
  }
  // Pad a run that stopped at NaN so every series has one entry per step (NaN = "no value").
  while (losses.length < STEPS) {
    losses.push(NaN);
    gradNorms.push(NaN);
  }
  return { losses, gradNorms };
}

function positiveNumber(ctx: HarnessContext, value: unknown, what: string): number {
  const n = ctx.expectNumber(value, what);
  if (!(n > 0)) ctx.fail('wrong-type', `${what} is ${n}; it must be a positive number.`);
  return n;
}

export default function harness(ctx: HarnessContext): void {
  const config = ctx.call<unknown>('makeTrainingConfig');
  if (typeof config !== 'object' || config === null) {
    ctx.fail('wrong-type', `makeTrainingConfig() returned ${String(config)}; return an object { lr, weightScale }.`);
  }
  const { lr: lrRaw, weightScale: wsRaw } = config as { lr?: unknown; weightScale?: unknown };
  const lr = positiveNumber(ctx, lrRaw, 'makeTrainingConfig().lr');
  const weightScale = positiveNumber(ctx, wsRaw, 'makeTrainingConfig().weightScale');

  // Data: a smooth teacher y = tanh(x·a) + ½ x·b on 32 Gaussian inputs (drawn first: same for everyone).
  const X = randn([BATCH, SIZES[0]]);
  const a = randn([SIZES[0], 1]).mul(1 / Math.sqrt(SIZES[0]));
  const b = randn([SIZES[0], 1]).mul(1 / Math.sqrt(SIZES[0]));
  const Y = X.matmul(a).tanh().add(X.matmul(b).mul(0.5));
  // The loss of always predicting the mean: losses are reported relative to it (scale-free).
  const baseline = Y.var(undefined, false).item();
  const gaussians = SIZES.slice(1).map((n, i) => randn([SIZES[i], n]));

  const mine = train(X, Y, gaussians, lr, weightScale);
  const firstBad = mine.losses.findIndex((v) => !Number.isFinite(v));
  ctx.record('finiteSteps', firstBad < 0 ? STEPS : firstBad);
  ctx.record('initialLossRatio', mine.losses[0] / baseline);
  ctx.record('finalLossRatio', mine.losses[STEPS - 1] / baseline);
  ctx.record('finalOverInitial', mine.losses[STEPS - 1] / mine.losses[0]);
  ctx.record('gradSpike', Math.max(...mine.gradNorms) / mine.gradNorms[0]);
  ctx.record('lr', lr);
  ctx.record('weightScale', weightScale);
  ctx.recordVector('loss', mine.losses.map((v) => v / baseline), STEP_LABELS);
  ctx.recordVector('gradNorm', mine.gradNorms.map((v) => v / mine.gradNorms[0]), STEP_LABELS);

  const starter = train(X, Y, gaussians, STARTER.lr, STARTER.weightScale);
  ctx.recordVector('starterLoss', starter.losses.map((v) => v / baseline), STEP_LABELS);
  ctx.recordVector('starterGradNorm', starter.gradNorms.map((v) => v / starter.gradNorms[0]), STEP_LABELS);
  const starterBad = starter.losses.findIndex((v) => !Number.isFinite(v));
  if (starterBad >= 0) ctx.log(`For comparison, the starter's { lr: 0.1, weightScale: 1 } turned the loss into NaN/inf at step ${starterBad} on this seed.`);
}
