/**
 * m8-bptt harness: runs the learner's perTimestepGradNorms on a linear RNN with W_hh = ρ·Q (Q
 * orthogonal, where ‖∂L/∂h_0‖ / ‖∂L/∂h_T‖ = ρ^T exactly) and on saturated tanh RNNs, compares every
 * norm with the engine's own unrolled computation on the same weights, and asks classifyRegime to
 * label reference curves. Diagnostic metrics name the classic mistakes (no retainGrad, reversed
 * time, the pre-activation's gradient, a weight's gradient).
 */
import type { HarnessContext } from 'gradlab/harness';
import { init, linear, randn, zeros, type Tensor } from 'gradlab';

const T = 50;
const H = 32;
const I = 8;
const B = 8;

type Regime = 'vanishing' | 'exploding' | 'stable';

interface Config {
  key: string; // metric name of this curve
  nonlinearity: 'linear' | 'tanh';
  rho: number;
  inputScale: number;
  expected: Regime;
}

// Linear: ratio = ρ^50 exactly (0.5 → 8.9e-16, 0.9 → 5.2e-3, 1 → 1, 1.1 → 117, 1.5 → 6.4e8).
// tanh with inputs of std ≈ 2.8 per unit saturates: it vanishes even at ρ = 1.5 (measured log10
// ratio −9.2 … −11.4 over seeds 1–10); only ρ = 3 with weak inputs explodes (+5.2 … +6.4).
const CONFIGS: Config[] = [
  { key: 'linRho05', nonlinearity: 'linear', rho: 0.5, inputScale: 1, expected: 'vanishing' },
  { key: 'linRho09', nonlinearity: 'linear', rho: 0.9, inputScale: 1, expected: 'vanishing' },
  { key: 'linRho10', nonlinearity: 'linear', rho: 1.0, inputScale: 1, expected: 'stable' },
  { key: 'linRho11', nonlinearity: 'linear', rho: 1.1, inputScale: 1, expected: 'exploding' },
  { key: 'linRho15', nonlinearity: 'linear', rho: 1.5, inputScale: 1, expected: 'exploding' },
  { key: 'tanhRho10', nonlinearity: 'tanh', rho: 1.0, inputScale: 1, expected: 'vanishing' },
  { key: 'tanhRho11', nonlinearity: 'tanh', rho: 1.1, inputScale: 1, expected: 'vanishing' },
  { key: 'tanhRho15', nonlinearity: 'tanh', rho: 1.5, inputScale: 1, expected: 'vanishing' },
  { key: 'tanhRho30', nonlinearity: 'tanh', rho: 3.0, inputScale: 0.3, expected: 'exploding' },
];

interface Problem {
  rnn: { weightIh: Tensor; weightHh: Tensor; bias: Tensor; nonlinearity: 'linear' | 'tanh' };
  xs: Tensor[];
  h0: Tensor;
  v: Tensor;
}

function makeProblem(c: Config): Problem {
  const weightHh = init.orthogonal_(zeros([H, H]), c.rho).requiresGrad_();
  const weightIh = randn([H, I]).mul(c.inputScale).requiresGrad_();
  const bias = zeros([H]).requiresGrad_();
  const xs = Array.from({ length: T }, () => randn(B, I));
  const h0 = randn([B, H]).mul(c.nonlinearity === 'linear' ? 1 : 0.5).requiresGrad_();
  const v = randn(B, H);
  return { rnn: { weightIh, weightHh, bias, nonlinearity: c.nonlinearity }, xs, h0, v };
}

/** Fresh leaves with the same values, so the learner's graph and ours never share .grad. */
function cloneProblem(p: Problem): Problem {
  const leaf = (t: Tensor) => t.detach().clone().requiresGrad_();
  return {
    rnn: { weightIh: leaf(p.rnn.weightIh), weightHh: leaf(p.rnn.weightHh), bias: leaf(p.rnn.bias), nonlinearity: p.rnn.nonlinearity },
    xs: p.xs.map((x) => x.detach().clone()),
    h0: leaf(p.h0),
    v: p.v,
  };
}

/** The truth: ‖∂L/∂h_t‖ for t = 0..T and ‖∂L/∂(pre-activation)_t‖ for t = 1..T. */
function referenceNorms(p: Problem): { h: number[]; pre: number[] } {
  const hs: Tensor[] = [p.h0];
  const pres: Tensor[] = [];
  let h = p.h0;
  for (const x of p.xs) {
    const pre = linear(x, p.rnn.weightIh).add(linear(h, p.rnn.weightHh, p.rnn.bias));
    pre.retainGrad();
    pres.push(pre);
    h = p.rnn.nonlinearity === 'tanh' ? pre.tanh() : pre;
    if (h !== pre) h.retainGrad();
    hs.push(h);
  }
  h.mul(p.v).sum().backward();
  const norm = (t: Tensor) => (t.grad ? t.grad.norm().item() : 0);
  return { h: hs.map(norm), pre: [norm(p.h0), ...pres.map(norm)] };
}

function relErr(a: number, b: number): number {
  if (a === b) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

function maxRel(a: number[], b: number[], from = 0): number {
  let m = 0;
  for (let i = from; i < a.length; i++) m = Math.max(m, relErr(a[i], b[i]));
  return m;
}

function callNorms(ctx: HarnessContext, p: Problem, key: string): number[] {
  const lossFn = (hLast: Tensor) => hLast.mul(p.v).sum();
  let out: unknown;
  try {
    out = ctx.call('perTimestepGradNorms', p.rnn, p.xs, p.h0, lossFn);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/of null|of undefined|'grad' is null|grad is null/.test(msg) && /norm|grad|data/.test(msg)) {
      ctx.fail('exception',
        `A hidden state's .grad is null, so reading its norm failed (${msg.split('\n')[0]}). ` +
        'backward() keeps gradients only on leaves; call h.retainGrad() on every hidden state h_t ' +
        'right after you compute it (before backward()).');
    }
    throw e;
  }
  if (!Array.isArray(out) && !(out instanceof Float64Array)) {
    ctx.fail('wrong-type', `perTimestepGradNorms must return an array of numbers, got ${typeof out} (${key}).`);
  }
  const arr = Array.from(out as ArrayLike<unknown>);
  if (arr.length !== T + 1) {
    ctx.fail('wrong-shape',
      `perTimestepGradNorms must return T + 1 = ${T + 1} numbers, ‖∂L/∂h_0‖ (the initial state) first and ` +
      `‖∂L/∂h_${T}‖ (the state the loss reads) last, but it returned ${arr.length}.`);
  }
  return arr.map((x, t) => ctx.expectNumber(x, `perTimestepGradNorms(...)[${t}]`, { allowNonFinite: true }));
}

export default function harness(ctx: HarnessContext): void {
  const labels = Array.from({ length: T + 1 }, (_, t) => `t=${t}`);
  let maxRelError = 0;
  let retainMissing = 0;
  let reversedMatch = 0;
  let preActMatch = 1;
  let constantCurve = 0;
  let linearLawError = 0;
  let linCorrect = 0;
  let tanhCorrect = 0;
  let flipped = 0;

  for (const c of CONFIGS) {
    const problem = makeProblem(c);
    const ref = referenceNorms(cloneProblem(problem));
    const mine = callNorms(ctx, cloneProblem(problem), c.key);
    ctx.recordVector(c.key, mine, labels);

    maxRelError = Math.max(maxRelError, maxRel(mine, ref.h));
    const interiorZero = mine.slice(1).every((x) => x === 0 || Number.isNaN(x));
    if (interiorZero && relErr(mine[0], ref.h[0]) < 1e-8) retainMissing = 1;
    if (maxRel(mine, [...ref.h].reverse()) < 1e-8 && c.rho !== 1) reversedMatch = 1;
    if (c.nonlinearity === 'tanh' && !(maxRel(mine, ref.pre, 1) < 1e-6)) preActMatch = 0;
    const finite = mine.filter((x) => Number.isFinite(x) && x !== 0);
    if (finite.length === mine.length && maxRel(mine, mine.map(() => mine[0])) < 1e-12 && c.rho !== 1) constantCurve = 1;
    if (c.nonlinearity === 'linear') {
      const law = Math.abs(Math.log10(mine[0] / mine[T]) - T * Math.log10(c.rho));
      linearLawError = Math.max(linearLawError, Number.isNaN(law) ? Infinity : law);
    }

    // Classification is graded on the TRUE curve, so a bug in the norms does not cost it twice.
    const label = ctx.call('classifyRegime', ref.h.slice());
    if (label !== 'vanishing' && label !== 'exploding' && label !== 'stable') {
      ctx.fail('wrong-type', `classifyRegime must return 'vanishing', 'exploding' or 'stable', got ${JSON.stringify(label)}.`);
    }
    const ok = label === c.expected;
    if ((c.expected === 'vanishing' && label === 'exploding') || (c.expected === 'exploding' && label === 'vanishing')) flipped = 1;
    if (c.nonlinearity === 'linear') { if (ok) linCorrect++; } else if (ok) tanhCorrect++;
  }

  ctx.record('maxRelError', maxRelError);
  ctx.record('retainMissing', retainMissing);
  ctx.record('reversedMatch', reversedMatch);
  ctx.record('preActMatch', maxRelError > 1e-8 ? preActMatch : 0);
  ctx.record('constantCurve', constantCurve);
  ctx.record('linearLawError', linearLawError);
  ctx.record('classifyLinear', linCorrect);
  ctx.record('classifyTanh', tanhCorrect);
  ctx.record('classifyFlipped', flipped);
}
