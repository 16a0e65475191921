/**
 * m3-zero-init: the learner initialises a small tanh MLP (4 → 16 → 1); the harness trains it with
 * full-batch SGD and counts how many hidden units are still copies of each other. Identical units
 * (same incoming weights and bias) receive identical gradients, so they stay identical forever: a
 * 16-unit layer that starts symmetric works like a 1-unit layer.
 *
 * Every parameter is zeroed before initWeights is called, so the learner's code is the only source
 * of asymmetry. The same data and training loop also run from all-zero weights for the chart.
 */
import type { HarnessContext } from 'gradlab/harness';
import { Tensor, mseLoss, nn, noGrad, randn } from 'gradlab';

const IN = 4;
const HIDDEN = 16;
const BATCH = 32;
const STEPS = 40;
const LR = 0.2;
const STEP_LABELS = Array.from({ length: STEPS }, (_, i) => `step ${i}`);

function makeModel(): nn.Sequential {
  const model = new nn.Sequential(new nn.Linear(IN, HIDDEN), new nn.Tanh(), new nn.Linear(HIDDEN, 1));
  noGrad(() => model.parameters().forEach((p) => p.data.fill(0)));
  return model;
}

/** Hidden unit i = (row i of W1, b1[i]). Units closer than `tol` (max abs difference) count as one. */
function distinctUnits(model: nn.Sequential): number {
  const layer = model.at(0) as nn.Linear;
  const w = layer.weight.data;
  const b = layer.bias!.data;
  const unit = (i: number) => [...w.subarray(i * IN, (i + 1) * IN), b[i]];
  const scale = Math.max(1e-12, ...Array.from(w, Math.abs), ...Array.from(b, Math.abs));
  const tol = 1e-9 * scale;
  const representatives: number[][] = [];
  for (let i = 0; i < HIDDEN; i++) {
    const u = unit(i);
    if (!representatives.some((r) => r.every((v, k) => Math.abs(v - u[k]) <= tol))) representatives.push(u);
  }
  return representatives.length;
}

function train(model: nn.Sequential, x: Tensor, y: Tensor): number[] {
  const params = model.parameters();
  const losses: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    const loss = mseLoss(model.call(x), y);
    loss.backward();
    losses.push(loss.item());
    noGrad(() => {
      for (const p of params) {
        if (!p.grad) continue;
        const g = p.grad.data;
        for (let k = 0; k < p.data.length; k++) p.data[k] -= LR * g[k];
        p.zeroGrad();
      }
    });
  }
  return losses;
}

function checkParameters(ctx: HarnessContext, model: nn.Sequential): void {
  const params = model.parameters();
  if (params.length !== 4) {
    ctx.fail('wrong-type', `After initWeights the model has ${params.length} trainable parameters instead of 4 (two weights, two biases): initialise the existing tensors in place (e.g. init.xavierUniform_(layer.weight)) rather than replacing them.`);
  }
  for (const p of params) {
    for (const v of p.data) {
      if (!Number.isFinite(v)) ctx.fail('non-finite', 'initWeights wrote NaN/infinite values into the model.');
    }
  }
}

export default function harness(ctx: HarnessContext): void {
  // Data: y = tanh(2x·a) − tanh(2x·b): two directions, so one hidden unit (or 16 copies of it) cannot fit it.
  const x = randn([BATCH, IN]);
  const a = randn([IN, 1]).mul(1 / Math.sqrt(IN));
  const b = randn([IN, 1]).mul(1 / Math.sqrt(IN));
  const y = x.matmul(a).mul(2).tanh().sub(x.matmul(b).mul(2).tanh());
  const variance = y.var(undefined, false).item();

  const model = makeModel();
  ctx.call('initWeights', model);
  checkParameters(ctx, model);
  const first = model.at(0) as nn.Linear;
  const second = model.at(2) as nn.Linear;
  ctx.record('distinctAtInit', distinctUnits(model));
  ctx.record('w1Spread', Math.max(...first.weight.data) - Math.min(...first.weight.data));
  ctx.record('w1MaxAbs', Math.max(...Array.from(first.weight.data, Math.abs)));
  ctx.record('w2MaxAbs', Math.max(...Array.from(second.weight.data, Math.abs)));
  const b1Spread = Math.max(...first.bias!.data) - Math.min(...first.bias!.data);
  ctx.record('b1Spread', b1Spread);
  // What kind of start this is, for the explanations: 0 all-zero weights and equal biases, 1 constant
  // (non-zero) weights, 2 zero weights with differing biases, 3 weights that differ.
  const w1 = first.weight.data;
  const w1Constant = w1.every((v) => v === w1[0]);
  ctx.record('initKind', w1Constant ? (w1[0] === 0 ? (b1Spread === 0 ? 0 : 2) : 1) : 3);

  const losses = train(model, x, y);
  ctx.record('distinctUnits', distinctUnits(model));
  ctx.record('finalLossRatio', losses[STEPS - 1] / variance);
  ctx.recordVector('loss', losses.map((l) => l / variance), STEP_LABELS);

  const zero = makeModel();
  const zeroLosses = train(zero, x, y);
  ctx.recordVector('zeroInitLoss', zeroLosses.map((l) => l / variance), STEP_LABELS);
}
