/**
 * m4-dead-relus: builds the learner's model, measures the fraction of dead units per hidden layer
 * (a unit is dead when its activation is exactly 0 for every input of the batch) before and after 40
 * full-batch SGD steps at the learner's learning rate, and the loss ratio final/initial. The starter's
 * broken network (hidden biases −5) is rebuilt here for the chart. Diagnostics for the explain
 * entries: the hidden biases' mean, the hidden weights' scale relative to the default init, the lr.
 */
import type { HarnessContext } from 'gradlab/harness';
import { nn, init, optim, mseLoss, randn, noGrad, captureActivations, Tensor } from 'gradlab';

const BATCH = 32;
const IN = 8;
const STEPS = 40;
const STARTER_LR = 0.05;

/** The starter's network, rebuilt for the "yours vs the starter" chart. */
function starterModel(): nn.Module {
  const layers: nn.Module[] = [];
  let inFeatures = IN;
  for (let l = 0; l < 4; l++) {
    const linear = new nn.Linear(inFeatures, 32);
    init.constant_(linear.bias!, -5);
    layers.push(linear, new nn.ReLU());
    inFeatures = 32;
  }
  layers.push(new nn.Linear(32, 1));
  return new nn.Sequential(...layers);
}

/** Per activation layer (parameter-free leaf module): fraction of units that output 0 for every input. */
function deadFractions(model: nn.Module, X: Tensor): number[] {
  const rec = captureActivations(model, (_name, m) => m.children().length === 0 && m.parameters().length === 0);
  try {
    noGrad(() => model.call(X));
  } finally {
    rec.remove();
  }
  const out: number[] = [];
  for (const a of rec.activations.values()) {
    if (a.shape.length !== 2 || a.shape[0] !== BATCH || a.shape[1] < 2) continue; // not a hidden layer's output
    const H = a.shape[1];
    let dead = 0;
    for (let j = 0; j < H; j++) {
      let allZero = true;
      for (let i = 0; i < BATCH && allZero; i++) if (a.data[i * H + j] !== 0) allZero = false;
      if (allZero) dead++;
    }
    out.push(dead / H);
  }
  return out;
}

function std(v: Float64Array): number {
  let m = 0;
  for (const x of v) m += x;
  m /= v.length;
  let s = 0;
  for (const x of v) s += (x - m) ** 2;
  return Math.sqrt(s / v.length);
}

export default function harness(ctx: HarnessContext): void {
  // A smooth 1-D regression target with mean ≈ 0: a network whose units are all dead can only
  // output a constant, which explains almost none of it.
  const X = randn(BATCH, IN);
  const a = randn(IN, 1);
  const Y = X.matmul(a).mul(0.7).tanh().add(X.slice(1, 0, 1).mul(X.slice(1, 1, 2)).mul(0.5));

  const lr = ctx.expectNumber(ctx.getExport<unknown>('learningRate'), 'learningRate (a number)');
  if (!(lr > 0)) ctx.fail('wrong-type', `learningRate must be a positive number; got ${lr}.`);
  const model = ctx.call<unknown>('buildModel');
  if (!(model instanceof nn.Module)) ctx.fail('wrong-type', 'buildModel() must return an nn.Module (e.g. new nn.Sequential(...layers)).');
  const net = model as nn.Module;

  // Initial output shape check through the learner's forward (their exceptions are theirs).
  const y0 = ctx.expectTensor(noGrad(() => net.call(X)), 'buildModel()(x) for x of shape [32, 8]', [BATCH, 1]);
  void y0;

  const dead = deadFractions(net, X);
  const labels = dead.map((_, l) => `hidden ${l + 1}`);
  ctx.record('hiddenLayers', dead.length);
  ctx.recordVector('deadFraction', dead.length ? dead : [NaN], dead.length ? labels : ['none found']);
  ctx.recordVector('starterDeadFraction', deadFractions(starterModel(), X), ['hidden 1', 'hidden 2', 'hidden 3', 'hidden 4']);

  // Diagnostics: hidden Linear layers (every Linear but the last).
  const linears = net.modules().filter((m): m is nn.Linear => m instanceof nn.Linear);
  const hidden = linears.slice(0, -1);
  let mostNegativeBias = 0;
  let weightScale = 0;
  for (const lin of hidden) {
    if (lin.bias) {
      const b = lin.bias.data;
      mostNegativeBias = Math.min(mostNegativeBias, b.reduce((s, v) => s + v, 0) / b.length);
    }
    // std(W)·√fan_in: ≈ 0.577 for the default U(±1/√fan_in), ≈ 1.41 for He.
    weightScale += std(lin.weight.data) * Math.sqrt(lin.weight.shape[1]) / Math.max(1, hidden.length);
  }
  ctx.record('mostNegativeBias', mostNegativeBias);
  ctx.record('weightScale', weightScale);
  ctx.record('learningRate', lr);
  ctx.record('lrRaisedOnDeadNet', lr > STARTER_LR && mostNegativeBias <= -1);
  ctx.record('weightsReinitOnDeadNet', Math.abs(weightScale - 1 / Math.sqrt(3)) > 0.15 && mostNegativeBias <= -1);

  // Train: plain full-batch SGD, STEPS steps at the learner's learning rate.
  const opt = new optim.SGD(net.parameters(), { lr });
  const losses: number[] = [];
  for (let s = 0; s < STEPS; s++) {
    opt.zeroGrad();
    const out = ctx.expectTensor(net.call(X), 'the model output', [BATCH, 1]);
    const loss = mseLoss(out, Y);
    losses.push(loss.item());
    loss.backward();
    opt.step();
  }
  const finalLoss = noGrad(() => mseLoss(net.call(X) as Tensor, Y).item());
  losses.push(finalLoss);
  ctx.recordVector('lossCurve', losses, losses.map((_, s) => `step ${s}`));
  ctx.record('lossRatio', finalLoss / losses[0]);
  const deadAfter = deadFractions(net, X);
  ctx.recordVector('deadAfterTraining', deadAfter.length ? deadAfter : [NaN], deadAfter.length ? deadAfter.map((_, l) => `hidden ${l + 1}`) : ['none found']);
}
