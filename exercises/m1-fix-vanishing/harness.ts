/**
 * m1-fix-vanishing: measures gradient flow and training of the learner's 20-layer network against the
 * starter's deep sigmoid network (built here, identically, so the comparison never depends on the
 * learner's file).
 *
 * Gradient flow is graded on the BACKPROPAGATED signal ∂L/∂z_l at every linear layer's output (a
 * forward hook calls retainGrad on it), as min_l log10(‖∂L/∂z_l‖ / ‖∂L/∂z_L‖). Not on the weight-gradient
 * ratio: for ReLU nets forward and backward shrinkage cancel in ‖∂L/∂W_l‖ (numerics.md), and any ratio is
 * unchanged by rescaling the loss, which is the other classic non-fix this exercise names.
 *
 * Training: 30 steps of SGD (lr 0.01, momentum 0.9, global-norm clipping at 1) on a fixed batch of 16
 * examples of a linear target with unit variance; the loss is reported divided by Var(y), so 1 = "predicts the mean" (all a network
 * whose early layers receive nothing can learn) and 0 = perfect.
 */
import type { HarnessContext } from 'gradlab/harness';
import { nn, optim, randn, mseLoss, noGrad, clipGradNorm_, type Tensor } from 'gradlab';

const SPEC = { inFeatures: 16, hidden: 32, outFeatures: 1, depth: 20 };
const BATCH = 16;
const STEPS = 30;
const LR = 0.01;
const MOMENTUM = 0.9;
/** Keeps every honest fix stable (deep ReLU nets spike early); it cannot help a net whose early layers get ~0. */
const CLIP = 1.0;

/** The starter's network: 20 linear layers with sigmoid between them, PyTorch's default init. */
function starterNet(): nn.Module {
  const layers: nn.Module[] = [];
  for (let l = 0; l < SPEC.depth; l++) {
    layers.push(new nn.Linear(l === 0 ? SPEC.inFeatures : SPEC.hidden, l === SPEC.depth - 1 ? SPEC.outFeatures : SPEC.hidden));
    if (l < SPEC.depth - 1) layers.push(new nn.Sigmoid());
  }
  return new nn.Sequential(...layers);
}

interface Flow {
  linearLayers: number;
  zNorms: number[];
  weightNorms: number[];
  predLoss: number;
  lossScale: number;
}

/** One forward/backward at initialisation, recording ‖∂L/∂z‖ and ‖∂L/∂W‖ of every linear layer. */
function measureFlow(ctx: HarnessContext | null, model: nn.Module, x: Tensor, y: Tensor, loss: (p: Tensor, t: Tensor) => Tensor): Flow {
  const outputs: Tensor[] = [];
  const seen = new Set<nn.Linear>();
  const handles = model.modules().filter((m): m is nn.Linear => m instanceof nn.Linear).map((lin) =>
    lin.registerForwardHook((m, _inputs, output) => {
      seen.add(m as nn.Linear);
      const out = output as Tensor; // nn.Linear always returns a Tensor
      if (out.requiresGrad) outputs.push(out.retainGrad());
    }));
  let pred: Tensor;
  try {
    pred = model.call(x) as Tensor;
  } finally {
    handles.forEach((h) => h.remove());
  }
  if (ctx) ctx.expectTensor(pred, 'the output of your model for a batch of 16 examples', [BATCH, SPEC.outFeatures]);
  const l = loss(pred, y);
  if (ctx) {
    ctx.expectTensor(l, 'computeLoss(prediction, target)');
    if (l.numel() !== 1) ctx.fail('wrong-shape', `computeLoss must return a single value (shape []), not shape [${l.shape.join(', ')}].`);
  }
  const mse = noGrad(() => mseLoss(pred, y).item());
  l.backward();
  const linears = [...seen];
  return {
    linearLayers: linears.length,
    zNorms: outputs.map((o) => (o.grad === null ? 0 : o.grad.norm().item())),
    weightNorms: linears.map((lin) => (lin.weight.grad === null ? 0 : lin.weight.grad.norm().item())),
    predLoss: mse,
    lossScale: l.item() / mse,
  };
}

/** SGD training; returns MSE / Var(y) before each step and after the last. */
function train(model: nn.Module, x: Tensor, y: Tensor, varY: number, loss: (p: Tensor, t: Tensor) => Tensor): number[] {
  model.zeroGrad();
  const opt = new optim.SGD(model.parameters(), { lr: LR, momentum: MOMENTUM });
  const curve: number[] = [];
  for (let s = 0; s < STEPS; s++) {
    opt.zeroGrad();
    const pred = model.call(x) as Tensor;
    curve.push(noGrad(() => mseLoss(pred, y).item()) / varY);
    if (!Number.isFinite(curve[curve.length - 1])) return curve; // diverged: nothing more to learn
    const l = loss(pred, y);
    l.backward();
    clipGradNorm_(model.parameters(), CLIP);
    opt.step();
  }
  curve.push(noGrad(() => mseLoss(model.call(x) as Tensor, y).item()) / varY);
  return curve;
}

const log10Ratios = (norms: number[]) => norms.map((n) => Math.log10(n / norms[norms.length - 1]));

export default function harness(ctx: HarnessContext): void {
  // Data: y = x·v/‖v‖, unit variance; one fixed batch.
  const x = randn(BATCH, SPEC.inFeatures);
  const v = randn(SPEC.inFeatures, 1);
  const y = noGrad(() => x.matmul(v).div(v.norm().item()));
  const varY = y.var(undefined, false).item();

  // The starter's network, first, so its numbers are identical in every run of this seed. Only its
  // gradient flow is measured: its training curve is flat at ≈ 1 and would double the run time.
  const starter = starterNet();
  const starterFlow = measureFlow(null, starter, x, y, mseLoss);

  // The learner's network.
  const model = ctx.call('buildModel', { ...SPEC }) as unknown;
  if (!(model instanceof nn.Module)) {
    ctx.fail('wrong-type', 'buildModel() must return an nn.Module (for example an nn.Sequential of layers).');
  }
  model.train();
  const learnerLoss = (p: Tensor, t: Tensor) => ctx.call('computeLoss', p, t) as Tensor;
  const flow = measureFlow(ctx, model, x, y, learnerLoss);
  ctx.record('linearLayers', flow.linearLayers);
  ctx.record('lossScale', flow.lossScale);
  const zLog = log10Ratios(flow.zNorms);
  ctx.record('zLogMinRatio', zLog.length ? Math.min(...zLog) : NaN);
  ctx.record('weightLogRatio', Math.log10(flow.weightNorms[0] / flow.weightNorms[flow.weightNorms.length - 1]));
  const layerLabels = (n: number) => Array.from({ length: n }, (_, i) => `layer ${i + 1}`);
  ctx.recordVector('zGradNorms', flow.zNorms, layerLabels(flow.zNorms.length));
  ctx.recordVector('starterZGradNorms', starterFlow.zNorms, layerLabels(starterFlow.zNorms.length));
  ctx.recordVector('weightGradNorms', flow.weightNorms, layerLabels(flow.weightNorms.length));
  ctx.recordVector('starterWeightGradNorms', starterFlow.weightNorms, layerLabels(starterFlow.weightNorms.length));

  const curve = train(model, x, y, varY, learnerLoss);
  ctx.recordVector('loss', curve, curve.map((_, i) => `step ${i}`));
}
