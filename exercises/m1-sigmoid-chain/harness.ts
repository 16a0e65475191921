/**
 * m1-sigmoid-chain: the learner's chain-rule derivatives of sigmoid chains against autograd.
 *
 * - sigmoidPrime on a grid and random points;
 * - the two-weight chain y = σ(w2·σ(w1·x)): ∂y/∂x and ∂y/∂w1 at random (w1, w2, x), with
 *   diagnostics for the classic slips (no inner weight, σ instead of σ′, ∂y/∂x returned for ∂y/∂w1);
 * - the deep chain y_k = σ(w·y_{k−1}), y_0 = 0 (numerics.md Setup E) for w = 1, 4, 8 and k = 1…20,
 *   against autograd and against the published values d1, d5, d10 at w = 1.
 */
import type { HarnessContext } from 'gradlab/harness';
import { rand, tensor, relativeError, type Tensor } from 'gradlab';

const DEPTH = 20;
const CHAIN_WEIGHTS = [1, 4, 8];
const SWEEP_W = [0.5, 1, 2, 3, 4, 6, 8, 10];
/** numerics.md Setup E, w = 1 (exact values computed independently of this engine). */
const PUBLISHED: Array<[number, number]> = [[1, 0.25], [5, 6.7633919697037922e-4], [10, 3.8752202320832585e-7]];

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const sigP = (z: number) => sig(z) * (1 - sig(z));

/** Autograd's ∂y/∂x and ∂y/∂w1 for y = σ(w2·σ(w1·x)). */
function autogradTwoWeight(w1: number, w2: number, x: number): { dydx: number; dydw1: number } {
  const tw1 = tensor(w1, { requiresGrad: true });
  const tx = tensor(x, { requiresGrad: true });
  tw1.mul(tx).sigmoid().mul(w2).sigmoid().backward();
  return { dydx: tx.grad!.item(), dydw1: tw1.grad!.item() };
}

/** Autograd's d_k = ∂y_k/∂y_0 for k = 1…depth (one graph per k keeps it simple; 20 tiny graphs). */
function autogradChain(w: number, depth: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= depth; k++) {
    const y0 = tensor(0, { requiresGrad: true });
    let y: Tensor = y0;
    for (let j = 0; j < k; j++) y = y.mul(w).sigmoid();
    y.backward();
    out.push(y0.grad!.item());
  }
  return out;
}

function readGrads(ctx: HarnessContext, w1: number, w2: number, x: number): { dydx: number; dydw1: number } {
  const what = `twoWeightGrads(${w1.toPrecision(3)}, ${w2.toPrecision(3)}, ${x.toPrecision(3)})`;
  const r = ctx.call('twoWeightGrads', w1, w2, x) as unknown;
  if (r === null || typeof r !== 'object') ctx.fail('wrong-type', `${what} must return an object { dydx, dydw1 }.`);
  const o = r as { dydx?: unknown; dydw1?: unknown };
  return { dydx: ctx.expectNumber(o.dydx, `${what}.dydx`), dydw1: ctx.expectNumber(o.dydw1, `${what}.dydw1`) };
}

/** 1 when `got` matches `want` at every point to 1e-9 (relative). */
const matchesAll = (got: number[], want: number[]) => got.every((g, i) => relativeError(g, want[i]) <= 1e-9);

export default function harness(ctx: HarnessContext): void {
  // ---- σ′ ---------------------------------------------------------------------------------------
  const zs = [...Array.from({ length: 25 }, (_, i) => -12 + i), ...Array.from(rand([10]).data, (u) => -15 + 30 * u)];
  const primes = zs.map((z) => ctx.expectNumber(ctx.call('sigmoidPrime', z), `sigmoidPrime(${z.toPrecision(3)})`));
  ctx.record('primeRelError', Math.max(...primes.map((p, i) => relativeError(p, sigP(zs[i])))));
  ctx.record('primeMax', Math.max(...primes));

  // ---- two-weight chain at random points -------------------------------------------------------
  const u = rand([3, 16]).data;
  const points: Array<[number, number, number]> = [[1, 1, 1], [4, 4, 1], [10, 10, 1], [-2, 3, 0.5]];
  for (let i = 0; i < 16; i++) points.push([-6 + 12 * u[i], -6 + 12 * u[16 + i], -3 + 6 * u[32 + i]]);
  const got = points.map(([w1, w2, x]) => readGrads(ctx, w1, w2, x));
  const want = points.map(([w1, w2, x]) => autogradTwoWeight(w1, w2, x));
  const gx = got.map((g) => g.dydx);
  const gw = got.map((g) => g.dydw1);
  ctx.record('dydxRelError', Math.max(...gx.map((g, i) => relativeError(g, want[i].dydx))));
  ctx.record('dydw1RelError', Math.max(...gw.map((g, i) => relativeError(g, want[i].dydw1))));
  // Classic slips, each computed exactly.
  const outer = points.map(([w1, w2, x]) => sigP(w2 * sig(w1 * x)) * w2);
  ctx.record('dydxNoInnerWeight', matchesAll(gx, points.map(([w1, , x], i) => outer[i] * sigP(w1 * x))));
  ctx.record('dydxNoOuterWeight', matchesAll(gx, points.map(([w1, w2, x]) => sigP(w2 * sig(w1 * x)) * sigP(w1 * x) * w1)));
  ctx.record('dydxSigmaNotPrime', matchesAll(gx, points.map(([w1, w2, x]) => sig(w2 * sig(w1 * x)) * w2 * sig(w1 * x) * w1)));
  ctx.record('dydw1IsDydx', matchesAll(gw, want.map((w) => w.dydx)));
  ctx.record('dydw1NoOuterWeight', matchesAll(gw, points.map(([w1, w2, x]) => sigP(w2 * sig(w1 * x)) * sigP(w1 * x) * x)));

  const sweep = SWEEP_W.map((w) => Math.abs(readGrads(ctx, w, w, 1).dydx));
  ctx.recordVector('twoWeightVsW', sweep, SWEEP_W.map((w) => `w = ${w}`));

  // ---- the deep chain (Setup E) -----------------------------------------------------------------
  let chainErr = 0;
  let chainNoW = true;
  let chainSigma = true;
  for (const w of CHAIN_WEIGHTS) {
    const expected = autogradChain(w, DEPTH);
    const values: number[] = [];
    let y = 0;
    let noW = 1;
    let sigmaProduct = 1;
    for (let k = 1; k <= DEPTH; k++) {
      const d = ctx.expectNumber(ctx.call('chainDerivative', w, k), `chainDerivative(${w}, ${k})`);
      values.push(d);
      chainErr = Math.max(chainErr, relativeError(d, expected[k - 1]));
      noW *= sigP(w * y);
      sigmaProduct *= w * sig(w * y);
      y = sig(w * y);
      chainNoW &&= relativeError(d, noW) <= 1e-9;
      chainSigma &&= relativeError(d, sigmaProduct) <= 1e-9;
    }
    ctx.recordVector(`chainW${w}`, values.map(Math.abs), values.map((_, i) => `depth ${i + 1}`));
  }
  ctx.record('chainRelError', chainErr);
  ctx.record('chainNoWeight', chainNoW);
  ctx.record('chainSigmaNotPrime', chainSigma);
  ctx.record('publishedRelError', Math.max(...PUBLISHED.map(([k, d]) =>
    relativeError(ctx.expectNumber(ctx.call('chainDerivative', 1, k), `chainDerivative(1, ${k})`), d))));
  ctx.recordVector('quarterBound', Array.from({ length: DEPTH }, (_, i) => 0.25 ** (i + 1)), Array.from({ length: DEPTH }, (_, i) => `depth ${i + 1}`));
}
