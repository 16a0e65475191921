/**
 * m0-gradient-check: grades a finite-difference gradient checker.
 *
 * 1. numericalGrad on f(x) = Σ exp(x) at h = 1e-3, where a centered difference is off by ≈ h²/6 ≈ 2e-7
 *    (relative) but a one-sided one by ≈ h/2 = 5e-4, against autograd; plus the error for h = 1e-1 … 1e-10
 *    for the chart (the centered V: truncation ∝ h² on the right, rounding ∝ 1/h on the left).
 * 2. relError on test vectors chosen so each classic formula gives a different number.
 * 3. gradCheck on four functions built with a hand-written custom op (SiLU) via Tensor.fromOp:
 *    two with correct backwards (one of them with gradients ~1e6, which an absolute tolerance wrongly
 *    rejects) and two with planted backward bugs (one at a 1e-8 scale, which an absolute tolerance
 *    wrongly accepts). The checker must accept exactly the correct two.
 */
import type { HarnessContext } from 'gradlab/harness';
import { Tensor, noGrad, rand, tensor, relativeError } from 'gradlab';

const SHAPE = [3, 4];

/** SiLU y = x·σ(x) as a custom op whose backward is written by hand, correct or with a planted bug. */
function silu(x: Tensor, bug: 'none' | 'factor' | 'dropped-term'): Tensor {
  const n = x.data.length;
  const sig = new Float64Array(n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    sig[i] = 1 / (1 + Math.exp(-x.data[i]));
    out[i] = x.data[i] * sig[i];
  }
  const xs = Float64Array.from(x.data); // saved input: later in-place perturbations must not change the backward
  return Tensor.fromOp(out, x.shape, `silu(${bug})`, [x], (g) => {
    const dx = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = sig[i];
      const exact = s + xs[i] * s * (1 - s); // d/dx [x·σ(x)]
      const local = bug === 'factor' ? 0.9 * exact : bug === 'dropped-term' ? s : exact;
      dx[i] = g[i] * local;
    }
    return [dx];
  });
}

function fromValues(values: ArrayLike<number>, requiresGrad: boolean): Tensor {
  return tensor(Array.from(values), { shape: SHAPE, requiresGrad });
}

export default function harness(ctx: HarnessContext): void {
  // ---- 1. numericalGrad accuracy ---------------------------------------------------------------
  const x0 = Array.from(rand(SHAPE).data, (u) => -1 + 2 * u);
  const expFn = (t: Tensor): number => noGrad(() => t.exp().sum().item());
  const exact = x0.map(Math.exp); // d/dx Σ exp(x) = exp(x), exactly
  const forward = (h: number) => x0.map((v) => (Math.exp(v + h) - Math.exp(v)) / h);
  const backward = (h: number) => x0.map((v) => (Math.exp(v) - Math.exp(v - h)) / h);
  const maxRel = (got: ArrayLike<number>, want: number[]) => Math.max(...want.map((w, i) => relativeError(got[i], w)));

  const H = 1e-3;
  const probe = fromValues(x0, false);
  const numeric = ctx.expectTensor(ctx.call('numericalGrad', expFn, probe, H), 'numericalGrad(f, x, 1e-3)', SHAPE);
  ctx.record('numGradRelError', maxRel(numeric.data, exact));
  ctx.record('looksOneSided', maxRel(numeric.data, forward(H)) <= 1e-9 || maxRel(numeric.data, backward(H)) <= 1e-9);
  ctx.record('numGradAllZero', numeric.data.every((v) => v === 0));
  ctx.record('inputRestored', x0.every((v, i) => probe.data[i] === v));

  const errVsH: number[] = [];
  const labels: string[] = [];
  for (let k = 1; k <= 10; k++) {
    const g = ctx.expectTensor(ctx.call('numericalGrad', expFn, fromValues(x0, false), 10 ** -k), `numericalGrad(f, x, 1e-${k})`, SHAPE);
    errVsH.push(maxRel(g.data, exact));
    labels.push(`log10 h = -${k}`);
  }
  ctx.recordVector('errorVsH', errVsH, labels);

  // ---- 2. relError test vectors -----------------------------------------------------------------
  // [a, b, CS231n value]. (1e-10, 2e-10): absolute error 1e-10 but relative 0.5; (1, 3) vs (3, 1): a
  // one-sided denominator gives 2/3 one way and 2 the other; (-3, 3): 2; (0, 0): 0 by definition.
  const cases: Array<[number, number, number]> = [
    [1, 1 + 1e-8, (1 + 1e-8 - 1) / (1 + 1e-8)], [1e-10, 2e-10, 0.5], [1, 3, 2 / 3], [3, 1, 2 / 3],
    [-3, 3, 2], [100, 101, 1 / 101], [0, 0, 0], [2.5e6, -1e-3, (2.5e6 + 1e-3) / 2.5e6],
  ];
  let relDev = 0;
  const got: number[] = [];
  for (const [a, b, want] of cases) {
    const r = ctx.expectNumber(ctx.call('relError', a, b), `relError(${a}, ${b})`, { allowNonFinite: true });
    got.push(r);
    relDev = Math.max(relDev, want === 0 ? Math.abs(r) : Math.abs(r - want) / want);
  }
  ctx.record('relErrorDeviation', Number.isNaN(relDev) ? Infinity : relDev);
  ctx.record('relLooksAbsolute', Math.abs(got[1] - 1e-10) <= 1e-20);
  ctx.record('relAsymmetric', Math.abs(got[2] - got[3]) > 1e-12);
  ctx.record('relBothZeroNotZero', got[6] !== 0);

  // ---- 3. gradCheck must accept the correct backwards and flag the planted bugs -----------------
  const w = Array.from(rand(SHAPE).data, (u) => 0.5 + u); // positive weights: no gradient entry near 0
  const weights = tensor(w, { shape: SHAPE });
  const functions: Array<{ key: string; f: (x: Tensor) => Tensor; correct: boolean }> = [
    { key: 'correct', f: (x) => silu(x, 'none').mul(weights).sum(), correct: true },
    { key: 'correctLarge', f: (x) => silu(x, 'none').mul(weights).add(x.mul(2).exp()).sum().mul(1e6), correct: true },
    { key: 'buggyFactor', f: (x) => silu(x, 'factor').mul(weights).sum(), correct: false },
    { key: 'buggyTiny', f: (x) => silu(x, 'dropped-term').mul(weights).sum().mul(1e-8), correct: false },
  ];
  const xs = Array.from(rand(SHAPE).data, (u) => -1 + 2 * u);
  let falseAlarms = 0;
  let missedBugs = 0;
  for (const { key, f, correct } of functions) {
    const report = ctx.call('gradCheck', f, fromValues(xs, true)) as unknown;
    if (report === null || typeof report !== 'object' || typeof (report as { ok?: unknown }).ok !== 'boolean') {
      ctx.fail('wrong-type', 'gradCheck(f, x) must return an object { ok: boolean, maxRelError: number }.');
    }
    const ok = (report as { ok: boolean }).ok;
    ctx.record(`ok_${key}`, ok);
    if (correct && !ok) falseAlarms++;
    if (!correct && ok) missedBugs++;
  }
  ctx.record('falseAlarms', falseAlarms);
  ctx.record('missedBugs', missedBugs);
}
