/**
 * m6-clip-global-norm (flagship): the learner's clipGradNorm(params, maxNorm, normType = 2) against
 * PyTorch's clip_grad_norm_ (the engine's clipGradNorm_ has its exact semantics):
 *   1. the numerics.md table for g = {[3, 4], [12]} (five calls, to 1e-12);
 *   2. random per-layer gradients spanning decades (normType 2, 1, ∞) plus a frozen parameter;
 *   3. a gradient already below maxNorm (must be left alone, not scaled up);
 *   4. non-finite totals (+∞ and NaN entries).
 * Diagnostics name the classic mistakes: per-tensor clipping (Keras 3 clipnorm), clipping by value,
 * returning the norm after clipping, no 1e-6 epsilon, no scaling at total == maxNorm, coef not
 * clamped to 1.
 */
import type { HarnessContext } from 'gradlab/harness';
import { Tensor, tensor, randn, rand, clipGradNorm_, clipGradNormPerTensor_, clipGradValue_ } from 'gradlab';

type Grads = Array<Float64Array | null>;

/** Fresh parameters (weights 0.1) carrying copies of `grads` (null: no gradient). */
function makeParams(shapes: number[][], grads: Grads): Tensor[] {
  return shapes.map((shape, i) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const p = tensor(new Float64Array(n).fill(0.1), { shape, requiresGrad: true });
    const g = grads[i];
    if (g) p.grad = tensor(new Float64Array(g), { shape });
    return p;
  });
}

function readGrads(ctx: HarnessContext, params: Tensor[], had: Grads): Grads {
  return params.map((p, i) => {
    if (had[i] === null) return p.grad === null ? null : p.grad.data;
    return ctx.expectTensor(p.grad, `params[${i}].grad after clipGradNorm (a gradient tensor)`, p.shape).data;
  });
}

/** Runs the learner on fresh copies; returns its return value and the gradients afterwards. */
function runLearner(ctx: HarnessContext, shapes: number[][], grads: Grads, args: number[], what: string): { ret: number; after: Grads } {
  const params = makeParams(shapes, grads);
  const ret = ctx.expectNumber(ctx.call('clipGradNorm', params, ...args), `the value returned by ${what}`, { allowNonFinite: true });
  return { ret, after: readGrads(ctx, params, grads) };
}

/** Runs an engine helper on fresh copies of the same gradients. */
function runEngine(shapes: number[][], grads: Grads, fn: (ps: Tensor[]) => unknown): { ret: unknown; after: Grads } {
  const params = makeParams(shapes, grads);
  const ret = fn(params);
  return { ret, after: params.map((p) => (p.grad ? p.grad.data : null)) };
}

const flat = (gs: Grads): number[] => gs.flatMap((g) => (g ? Array.from(g) : []));

/** max |a − e| / scale over all entries; NaN/∞ must match exactly; a missing/extra gradient is Infinity. */
function maxError(a: Grads, e: Grads, scale = 1): number {
  let worst = 0;
  e.forEach((eg, i) => {
    const ag = a[i];
    if (eg === null || ag === null) { if (eg !== ag) worst = Infinity; return; }
    for (let k = 0; k < eg.length; k++) {
      const x = ag[k], y = eg[k];
      if (x === y || (Number.isNaN(x) && Number.isNaN(y))) continue;
      const d = Math.abs(x - y) / scale;
      worst = Math.max(worst, Number.isNaN(d) ? Infinity : d);
    }
  });
  return worst;
}

function relErr(x: number, y: number): number {
  if (x === y || (Number.isNaN(x) && Number.isNaN(y))) return 0;
  const d = Math.abs(x - y) / Math.abs(y);
  return Number.isNaN(d) ? Infinity : d;
}

const l2 = (xs: number[]) => Math.sqrt(xs.reduce((s, x) => s + x * x, 0));

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  a.forEach((x, i) => (dot += x * b[i]));
  return dot / (l2(a) * l2(b));
}

// ---------------------------------------------------------------- 1. the numerics.md table
const G_SHAPES = [[2], [1]];
const G: Grads = [new Float64Array([3, 4]), new Float64Array([12])];
const TABLE: Array<{ label: string; args: number[]; ret: number; grads: number[][] }> = [
  { label: 'maxNorm 1 (normType omitted)', args: [1], ret: 13, grads: [[0.23076921301775288, 0.3076922840236705], [0.9230768520710115]] },
  { label: 'maxNorm 13 = the norm', args: [13, 2], ret: 13, grads: [[2.9999997692307874, 3.9999996923077163], [11.99999907692315]] },
  { label: 'maxNorm 100', args: [100, 2], ret: 13, grads: [[3, 4], [12]] },
  { label: 'maxNorm 1, normType 1', args: [1, 1], ret: 19, grads: [[0.15789472853185638, 0.21052630470914185], [0.6315789141274255]] },
  { label: 'maxNorm 1, normType ∞', args: [1, Infinity], ret: 12, grads: [[0.24999997916666844, 0.3333333055555579], [0.9999999166666738]] },
];

function tablePart(ctx: HarnessContext): void {
  const errors: number[] = [];
  const outs: Grads[] = [];
  const returned: string[] = [];
  const returnedValues: number[] = [];
  for (const row of TABLE) {
    const { ret, after } = runLearner(ctx, G_SHAPES, G, row.args, `clipGradNorm(g, ${row.args.join(', ')})`);
    outs.push(after);
    returned.push(`${row.args.join(', ')} → ${ret}`);
    returnedValues.push(ret);
    const want = row.grads.map((r) => Float64Array.from(r));
    errors.push(Math.max(maxError(after, want), Math.abs(ret - row.ret) || 0, Number.isNaN(ret) ? Infinity : 0));
  }
  ctx.log(`Worked table, clipGradNorm(g, …) returned: ${returned.join(' · ')} (PyTorch: 13, 13, 13, 19, 12).`);
  ctx.recordVector('tableErrors', errors, TABLE.map((r) => r.label));
  ctx.record('l1Error', errors[3]);
  ctx.record('linfError', errors[4]);
  // No epsilon: g·1/13 instead of g·1/(13 + 1e-6) (differs by ~8e-8 relative, far above rounding).
  const noEps = [[3 / 13, 4 / 13], [12 / 13]].map((r) => Float64Array.from(r));
  ctx.record('epsilonlessMatch', maxError(outs[0], noEps) <= 1e-12);
  // normType ignored: the L1 and L∞ calls give exactly what the L2 call gave (return 13 and row 1's gradients).
  const row1 = TABLE[0].grads.map((r) => Float64Array.from(r));
  ctx.record('normTypeIgnored', [3, 4].every((i) => maxError(outs[i], row1) <= 1e-12) && returnedValues[3] === 13 && returnedValues[4] === 13);
  // Scales with the epsilon, but not when total == maxNorm ("if (total > maxNorm)").
  ctx.record('equalityNotScaled', errors[0] <= 1e-12 && maxError(outs[1], G) === 0);
}

// ---------------------------------------------------------------- 2. random per-layer gradients
/** A 4-layer MLP's parameters (PyTorch [out, in] layout) plus a frozen embedding without a gradient. */
const NAMES = ['0.weight', '0.bias', '2.weight', '2.bias', '4.weight', '4.bias', '6.weight', '6.bias', 'frozen'];
const SHAPES = [[32, 16], [32], [32, 32], [32], [32, 32], [32], [1, 32], [1], [4, 4]];

function randomGrads(): Grads {
  // Exploding toward the input: layer l's entries have std ~ 3·(0.15)^l, i.e. ~2.5 decades from the
  // first to the last layer, jittered per seed.
  return SHAPES.map((s, i) => {
    if (i === SHAPES.length - 1) return null; // frozen: skipped, as in PyTorch
    const layer = Math.floor(i / 2);
    const std = 3 * Math.pow(0.15, layer) * (0.5 + rand([1]).data[0]);
    return randn(s).mul(std).data;
  });
}

function randomPart(ctx: HarnessContext): void {
  const grads = randomGrads();
  const maxNorm = 0.5 + 1.5 * rand([1]).data[0];
  const before = flat(grads);

  // normType 2 (omitted), 1 and ∞, each against the engine on the same gradients.
  const typeErrors: number[] = [];
  let mine2: { ret: number; after: Grads } | null = null;
  let total2 = NaN;
  for (const normType of [2, 1, Infinity]) {
    const args = normType === 2 ? [maxNorm] : [maxNorm, normType];
    const mine = runLearner(ctx, SHAPES, grads, args, `clipGradNorm(params, ${maxNorm.toFixed(3)}${normType === 2 ? '' : `, ${normType}`})`);
    const ref = runEngine(SHAPES, grads, (ps) => clipGradNorm_(ps, maxNorm, normType));
    const total = ref.ret as number;
    const scale = Math.max(...flat(ref.after).map(Math.abs));
    typeErrors.push(Math.max(maxError(mine.after, ref.after, scale), relErr(mine.ret, total)));
    if (normType === 2) { mine2 = mine; total2 = total; }
  }
  ctx.recordVector('normTypeErrors', typeErrors, ['normType 2', 'normType 1', 'normType ∞']);
  ctx.record('randomMaxRelError', Math.max(...typeErrors));

  const { ret, after } = mine2!;
  const afterFlat = flat(after);
  const afterNorm = l2(afterFlat);
  ctx.record('returnRelError', relErr(ret, total2));
  ctx.record('returnedAfterMatch', relErr(ret, afterNorm) <= 1e-9 || relErr(ret, maxNorm) <= 1e-6);
  ctx.record('globalNormExcess', afterNorm / maxNorm - 1);
  const untouched = maxError(after, grads) === 0;
  // Doing nothing would "keep the direction" trivially: it counts as error 1 so the check means something.
  ctx.record('directionError', untouched ? 1 : afterFlat.length === before.length ? Math.abs(1 - cosine(afterFlat, before)) : NaN);
  ctx.record('untouched', untouched);

  // The classic wrong answers, computed by the engine on the same gradients.
  const perTensor = runEngine(SHAPES, grads, (ps) => clipGradNormPerTensor_(ps, maxNorm)).after;
  const byValue = runEngine(SHAPES, grads, (ps) => clipGradValue_(ps, maxNorm)).after;
  const scaleAfter = Math.max(...afterFlat.map(Math.abs), 1e-300);
  ctx.record('perTensorMatch', maxError(after, perTensor, scaleAfter) <= 1e-5);
  ctx.record('valueClipMatch', maxError(after, byValue, scaleAfter) <= 1e-9);

  // Per-parameter norms for the chart (the frozen parameter has none).
  const labels = NAMES.slice(0, -1);
  ctx.recordVector('normsBefore', grads.slice(0, -1).map((g) => l2(Array.from(g!))), labels);
  ctx.recordVector('normsAfter', after.slice(0, -1).map((g) => (g ? l2(Array.from(g)) : 0)), labels);
  ctx.log(`Random gradients: total norm ${total2.toPrecision(6)}, maxNorm ${maxNorm.toFixed(4)}, you returned ${ret}, global norm after ${afterNorm.toPrecision(6)}.`);
}

// ---------------------------------------------------------------- 3. already small enough
function smallPart(ctx: HarnessContext): void {
  const grads = SHAPES.slice(0, 4).map((s) => randn(s).data);
  const shapes = SHAPES.slice(0, 4);
  const total = l2(flat(grads));
  const maxNorm = total / 0.3; // the gradient is at 30 % of the limit
  const { after } = runLearner(ctx, shapes, grads, [maxNorm], 'clipGradNorm(params, maxNorm) with a gradient below maxNorm');
  ctx.record('smallGradGrowth', l2(flat(after)) / total);
}

// ---------------------------------------------------------------- 4. non-finite totals
function nonFinitePart(ctx: HarnessContext): void {
  const withInf: Grads = [new Float64Array([3, Infinity]), new Float64Array([12])];
  const withNaN: Grads = [new Float64Array([3, NaN]), new Float64Array([12])];
  const inf = runLearner(ctx, G_SHAPES, withInf, [1], 'clipGradNorm(params, 1) with an infinite gradient entry');
  const nan = runLearner(ctx, G_SHAPES, withNaN, [1], 'clipGradNorm(params, 1) with a NaN gradient entry');
  ctx.record('nonFiniteReturnOk', inf.ret === Infinity && Number.isNaN(nan.ret));
  // PyTorch: ∞ total → coef 0 → finite entries 0, the ∞ entry NaN; NaN total → every entry NaN.
  const refInf = runEngine(G_SHAPES, withInf, (ps) => clipGradNorm_(ps, 1)).after;
  const refNaN = runEngine(G_SHAPES, withNaN, (ps) => clipGradNorm_(ps, 1)).after;
  ctx.record('nonFiniteGradsOk', maxError(inf.after, refInf) === 0 && maxError(nan.after, refNaN) === 0);
}

export default function harness(ctx: HarnessContext): void {
  tablePart(ctx);
  randomPart(ctx);
  smallPart(ctx);
  nonFinitePart(ctx);
}
