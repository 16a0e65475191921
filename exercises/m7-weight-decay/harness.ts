/**
 * m7-weight-decay: the learner's four update rules against the engine's optimizers (torch semantics)
 * on the same parameters and the same sequence of gradients:
 *   sgdStepWithL2    ↔ optim.SGD  { weightDecay: λ } for weights, { weightDecay: 0 } for biases
 *   sgdStepWithDecay ↔ the same (for SGD, L2 and decoupled decay are the same update)
 *   adamStep(…, decoupled: false) ↔ optim.Adam  (L2: λw added to the gradient)
 *   adamStep(…, decoupled: true)  ↔ optim.AdamW (decoupled: w ← w − lr·λ·w, then Adam on g alone)
 * Gradients are fed directly (no loss): update rules do not care where a gradient comes from, and
 * per-coordinate gradient scales spanning three decades make Adam's L2 and decoupled decay differ.
 * A small simulator of the classic wrong variants (2λ, λ instead of lr·λ, biases decayed, decay
 * applied after the update, no decay at all) lets explain entries name them.
 */
import type { HarnessContext } from 'gradlab/harness';
import { Tensor, tensor, randn, rand, optim } from 'gradlab';

const SHAPES = [[6, 8], [6], [3, 6], [3]];
const isWeight = (i: number) => SHAPES[i].length >= 2;
const T = 20;
const SGD_LR = 0.1, ADAM_LR = 0.01, LAMBDA = 0.5, BETAS: [number, number] = [0.9, 0.999], EPS = 1e-8;

type Arrays = Float64Array[];
interface AdamState { step: number; m: Float64Array[]; v: Float64Array[] }
type Rule = 'sgdL2' | 'sgdDecay' | 'adamL2' | 'adamW';

/** The classic variants, simulated. */
interface Variant { lambdaScale?: number; lambdaOnly?: boolean; decayBiases?: boolean; noDecay?: boolean; decayAfter?: boolean; swap?: boolean }

function simulate(rule: Rule, p0: Arrays, grads: Arrays[], v: Variant = {}): Arrays {
  const p = p0.map((a) => new Float64Array(a));
  const m = p.map((a) => new Float64Array(a.length));
  const s = p.map((a) => new Float64Array(a.length));
  const adam = rule === 'adamL2' || rule === 'adamW';
  let decoupled = rule === 'sgdDecay' || rule === 'adamW';
  if (v.swap) decoupled = !decoupled;
  for (let t = 1; t <= grads.length; t++) {
    p.forEach((w, i) => {
      const g = grads[t - 1][i];
      const lam = v.noDecay || (!isWeight(i) && !v.decayBiases) ? 0 : LAMBDA * (v.lambdaScale ?? 1);
      const lr = adam ? ADAM_LR : SGD_LR;
      const shrink = v.lambdaOnly ? 1 - lam : 1 - lr * lam;
      if (decoupled && !v.decayAfter) for (let k = 0; k < w.length; k++) w[k] *= shrink;
      for (let k = 0; k < w.length; k++) {
        const gk = decoupled ? g[k] : g[k] + lam * w[k];
        if (!adam) { w[k] -= lr * gk; continue; }
        m[i][k] = BETAS[0] * m[i][k] + (1 - BETAS[0]) * gk;
        s[i][k] = BETAS[1] * s[i][k] + (1 - BETAS[1]) * gk * gk;
        const mh = m[i][k] / (1 - BETAS[0] ** t), vh = s[i][k] / (1 - BETAS[1] ** t);
        w[k] -= (lr * mh) / (Math.sqrt(vh) + EPS);
      }
      if (decoupled && v.decayAfter) for (let k = 0; k < w.length; k++) w[k] *= shrink;
    });
  }
  return p;
}

function makeParams(p0: Arrays): Tensor[] {
  return p0.map((a, i) => tensor(a, { shape: SHAPES[i], requiresGrad: true }));
}

function setGrads(params: Tensor[], g: Arrays): void {
  params.forEach((p, i) => (p.grad = tensor(g[i], { shape: SHAPES[i] })));
}

/** The engine's optimizers with two parameter groups: weights decayed, biases not. */
function engineRun(rule: Rule, p0: Arrays, grads: Arrays[]): Arrays {
  const params = makeParams(p0);
  const weights = params.filter((_, i) => isWeight(i)), biases = params.filter((_, i) => !isWeight(i));
  const make = (ps: Tensor[], lam: number): optim.Optimizer => {
    if (rule === 'sgdL2' || rule === 'sgdDecay') return new optim.SGD(ps, { lr: SGD_LR, weightDecay: lam });
    if (rule === 'adamL2') return new optim.Adam(ps, { lr: ADAM_LR, betas: BETAS, eps: EPS, weightDecay: lam });
    return new optim.AdamW(ps, { lr: ADAM_LR, betas: BETAS, eps: EPS, weightDecay: lam });
  };
  const opts = [make(weights, LAMBDA), make(biases, 0)];
  for (const g of grads) {
    setGrads(params, g);
    opts.forEach((o) => o.step());
  }
  return params.map((p) => new Float64Array(p.data));
}

/** The learner's rule, T steps; also the global weight norm after each step (for the chart). */
function learnerRun(ctx: HarnessContext, rule: Rule, p0: Arrays, grads: Arrays[]): { final: Arrays; norms: number[] } {
  const params = makeParams(p0);
  const state: AdamState = { step: 0, m: params.map((p) => new Float64Array(p.data.length)), v: params.map((p) => new Float64Array(p.data.length)) };
  const norms: number[] = [];
  for (const g of grads) {
    setGrads(params, g);
    if (rule === 'sgdL2') ctx.call('sgdStepWithL2', params, SGD_LR, LAMBDA);
    else if (rule === 'sgdDecay') ctx.call('sgdStepWithDecay', params, SGD_LR, LAMBDA);
    else ctx.call('adamStep', params, state, { lr: ADAM_LR, beta1: BETAS[0], beta2: BETAS[1], eps: EPS, weightDecay: LAMBDA, decoupled: rule === 'adamW' });
    let s = 0;
    params.forEach((p, i) => {
      ctx.expectTensor(p, `params[${i}] after your update`, SHAPES[i]);
      if (isWeight(i)) for (const x of p.data) s += x * x;
    });
    norms.push(Math.sqrt(s));
  }
  return { final: params.map((p) => new Float64Array(p.data)), norms };
}

/** max |a − e| / max |e| over every entry; NaN counts as Infinity. */
function relError(a: Arrays, e: Arrays, only?: (i: number) => boolean): number {
  let worst = 0, scale = 0;
  e.forEach((arr, i) => { if (!only || only(i)) for (const x of arr) scale = Math.max(scale, Math.abs(x)); });
  e.forEach((arr, i) => {
    if (only && !only(i)) return;
    for (let k = 0; k < arr.length; k++) {
      const d = Math.abs(a[i][k] - arr[k]) / scale;
      worst = Math.max(worst, Number.isNaN(d) ? Infinity : d);
    }
  });
  return worst;
}

export default function harness(ctx: HarnessContext): void {
  const p0 = SHAPES.map((s) => randn(s).data);
  // Each coordinate gets its own gradient scale, from 1e-3 to 1 (log-uniform): Adam divides by
  // √v ≈ that scale, so an L2 term λw is amplified where gradients are small — decoupled decay is not.
  const scales = SHAPES.map((s) => rand(s).data.map((u) => 10 ** (-3 * u)));
  const grads: Arrays[] = Array.from({ length: T }, () => SHAPES.map((s, i) => randn(s).data.map((x, k) => x * scales[i][k])));

  const rules: Rule[] = ['sgdL2', 'sgdDecay', 'adamL2', 'adamW'];
  const finals: Partial<Record<Rule, Arrays>> = {};
  let biasDecayed = false;
  for (const rule of rules) {
    const mine = learnerRun(ctx, rule, p0, grads);
    finals[rule] = mine.final;
    const close = (v: Variant) => relError(mine.final, simulate(rule, p0, grads, v)) <= 1e-9;
    ctx.record(`${rule}Error`, relError(mine.final, engineRun(rule, p0, grads)));
    ctx.record(`${rule}NoDecay`, close({ noDecay: true }));
    ctx.record(`${rule}TwoLambda`, close({ lambdaScale: 2 }));
    ctx.record(`${rule}LambdaOnly`, close({ lambdaOnly: true }));
    ctx.record(`${rule}Swapped`, close({ swap: true }));
    ctx.record(`${rule}DecayAfter`, close({ decayAfter: true }));
    // Biases: compare with the no-decay bias trajectory on their own.
    const noDecayBias = simulate(rule, p0, grads, { noDecay: true });
    if (relError(mine.final, noDecayBias, (i) => !isWeight(i)) > 1e-9 &&
        relError(mine.final, simulate(rule, p0, grads, { decayBiases: true }), (i) => !isWeight(i)) <= 1e-9) biasDecayed = true;
    ctx.recordVector(`norm${rule[0].toUpperCase()}${rule.slice(1)}`, mine.norms, mine.norms.map((_, t) => `step ${t + 1}`));
  }
  ctx.record('biasDecayed', biasDecayed);

  // The lesson: for SGD the two forms give the same weights; for Adam they do not.
  const gap = (a: Arrays, b: Arrays) => relError(a, b);
  ctx.record('sgdGap', gap(finals.sgdL2!, finals.sgdDecay!));
  ctx.record('adamGap', gap(finals.adamL2!, finals.adamW!));
  ctx.log(`After ${T} steps: SGD L2 vs decoupled differ by ${gap(finals.sgdL2!, finals.sgdDecay!).toExponential(2)} (relative); ` +
    `Adam L2 vs AdamW by ${gap(finals.adamL2!, finals.adamW!).toExponential(2)}.`);
}
