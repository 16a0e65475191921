/**
 * m6-clip-in-loop: the learner's trainStep(model, batch, optimizer, maxNorm) on a network that turns
 * NaN within ~6 steps without clipping (a 3-layer linear net on inputs of std 3, SGD lr 0.1).
 *
 * The optimizer handed to the learner is a RecordingSGD: at the moment step() is called it records
 * the global gradient norm the step is about to use, and (from a separate forward/backward on the same
 * batch and the same, not yet updated, weights) the unclipped gradient norm and the loss. After
 * trainStep returns, the harness reads the gradient norm once more. From these three numbers it can
 * tell "never clipped / clipped before backward()" (step-time norm = unclipped norm) from "clipped
 * after optimizer.step()" (step-time norm unclipped, but clipped by the time trainStep returns).
 */
import type { HarnessContext } from 'gradlab/harness';
import { nn, optim, mseLoss, randn, clipGradNorm_, Tensor } from 'gradlab';

const STEPS = 50;
const LR = 0.1;

interface Batch { x: Tensor; y: Tensor }

function makeModel(): nn.Sequential {
  // No activations: the output is x·W1ᵀ·W2ᵀ·W3ᵀ, so the gradient of each layer grows with the product
  // of the OTHER layers' weights. One large step makes the weights larger, which makes the next
  // gradient larger still: the feedback loop behind exploding gradients, in its simplest form.
  return new nn.Sequential(new nn.Linear(8, 16), new nn.Linear(16, 16), new nn.Linear(16, 1));
}

function globalNorm(params: Tensor[]): number {
  let s = 0;
  for (const p of params) if (p.grad) for (const g of p.grad.data) s += g * g;
  return Math.sqrt(s);
}

/** SGD that records, at each step() call, what the step is about to use. */
class RecordingSGD extends optim.SGD {
  batch: Batch | null = null;
  calls = 0;
  stepNorm = NaN;
  unclippedNorm = NaN;
  lossAtStep = NaN;
  constructor(private readonly model: nn.Sequential) {
    super(model.parameters(), { lr: LR });
  }
  override step(): void {
    this.calls += 1;
    if (this.calls === 1 && this.batch) {
      const params = this.model.parameters();
      this.stepNorm = globalNorm(params);
      // The unclipped gradient of this batch at these weights: a fresh backward, then the learner's
      // gradients are put back exactly as they were.
      const saved = params.map((p) => p.grad);
      params.forEach((p) => (p.grad = null));
      const loss = mseLoss(this.model.call(this.batch.x), this.batch.y);
      loss.backward();
      this.unclippedNorm = globalNorm(params);
      this.lossAtStep = loss.item();
      params.forEach((p, i) => (p.grad = saved[i]));
    }
    super.step();
  }
}

/** The same model and data for the learner and for the no-clipping baseline. */
function setup(): { model: nn.Sequential; batch: Batch } {
  const model = makeModel();
  const x = randn(16, 8).mul(3);
  const y = x.matmul(randn(8, 1)).mul(0.5); // a linear teacher: the net can fit it exactly
  return { model, batch: { x, y } };
}

function cloneModel(src: nn.Sequential): nn.Sequential {
  const m = makeModel();
  m.loadStateDict(src.stateDict());
  return m;
}

export default function harness(ctx: HarnessContext): void {
  const maxNorm = ctx.expectNumber(ctx.getExport<unknown>('MAX_NORM'), 'MAX_NORM (your clipping threshold, a positive number)', { allowNonFinite: true });
  if (!(maxNorm > 0)) ctx.fail('wrong-type', `MAX_NORM must be a positive number; it is ${maxNorm}.`);
  const { model, batch } = setup();
  const baseline = cloneModel(model);
  const params = model.parameters();
  const opt = new RecordingSGD(model);
  opt.batch = batch;

  const loss: number[] = [], stepNorm: number[] = [], unclipped: number[] = [], afterReturn: number[] = [];
  let returnedLossError = 0, minCalls = Infinity, maxCalls = 0;
  for (let t = 0; t < STEPS; t++) {
    opt.calls = 0;
    opt.stepNorm = opt.unclippedNorm = opt.lossAtStep = NaN;
    const ret = ctx.expectNumber(ctx.call('trainStep', model, batch, opt, maxNorm), 'the loss returned by trainStep', { allowNonFinite: true });
    minCalls = Math.min(minCalls, opt.calls);
    maxCalls = Math.max(maxCalls, opt.calls);
    loss.push(ret);
    stepNorm.push(opt.stepNorm);
    unclipped.push(opt.unclippedNorm);
    afterReturn.push(globalNorm(params));
    if (Number.isFinite(opt.lossAtStep)) {
      returnedLossError = Math.max(returnedLossError, Math.abs(ret - opt.lossAtStep) / Math.abs(opt.lossAtStep) || 0);
      if (Number.isNaN(ret)) returnedLossError = Infinity;
    }
    if (!Number.isFinite(ret) || !Number.isFinite(opt.stepNorm)) {
      // Blown up: the rest of the run would be NaN too. Fill it in rather than compute it.
      while (loss.length < STEPS) { loss.push(NaN); stepNorm.push(NaN); unclipped.push(NaN); afterReturn.push(NaN); }
      break;
    }
  }
  const labels = loss.map((_, i) => `step ${i + 1}`);
  ctx.recordVector('loss', loss, labels);
  ctx.recordVector('stepNorm', stepNorm, labels);
  ctx.recordVector('unclippedNorm', unclipped, labels);
  ctx.recordVector('stepNormExcess', stepNorm.map((n) => n / maxNorm - 1), labels);
  ctx.record('maxNormChosen', maxNorm);
  // Booleans rather than comparisons on maxNormChosen: Infinity (the starter) must be explainable too.
  ctx.record('maxNormTooLarge', maxNorm >= 10);
  ctx.record('maxNormSmall', maxNorm < 0.25);
  ctx.record('maxNormLarge', maxNorm > 3);
  ctx.record('stepCallsOk', minCalls === 1 && maxCalls === 1);
  ctx.record('returnedLossError', returnedLossError);
  const head = loss.slice(0, 1)[0], tail = loss.slice(-5);
  ctx.record('lossRatio', tail.reduce((s, x) => s + x, 0) / tail.length / head);

  // Where did the clipping happen? Judge on the steps before anything went non-finite.
  const tol = 1 + 1e-6;
  const ok = (i: number) => Number.isFinite(stepNorm[i]) && Number.isFinite(unclipped[i]) && Number.isFinite(afterReturn[i]);
  const idx = loss.map((_, i) => i).filter(ok);
  const needed = idx.filter((i) => unclipped[i] > maxNorm * tol);
  const unclippedAtStep = needed.length > 0 && needed.every((i) => Math.abs(stepNorm[i] - unclipped[i]) <= 1e-9 * unclipped[i]);
  const clippedOnReturn = idx.every((i) => afterReturn[i] <= maxNorm * tol);
  ctx.record('clippedAfterStep', unclippedAtStep && clippedOnReturn);
  ctx.record('neverClipped', unclippedAtStep && !clippedOnReturn);

  // The same start without clipping, for the chart: it turns NaN within a few steps.
  const base = new optim.SGD(baseline.parameters(), { lr: LR });
  const noClip: number[] = [];
  for (let t = 0; t < STEPS; t++) {
    base.zeroGrad();
    const l = mseLoss(baseline.call(batch.x), batch.y);
    if (!Number.isFinite(l.item())) break;
    l.backward();
    base.step();
    noClip.push(l.item());
  }
  const firstBad = noClip.length;
  while (noClip.length < STEPS) noClip.push(NaN);
  ctx.recordVector('lossNoClip', noClip, labels);
  ctx.log(`Without clipping this run's loss becomes ${firstBad < STEPS ? `non-finite at step ${firstBad + 1}` : 'never non-finite'}; ` +
    `with your trainStep (MAX_NORM = ${maxNorm}) the loss went from ${head.toPrecision(4)} to ${loss[STEPS - 1].toPrecision(4)}.`);
  void clipGradNorm_; // (the harness uses the same engine; clipGradNorm_ is allowed in this exercise)
}
