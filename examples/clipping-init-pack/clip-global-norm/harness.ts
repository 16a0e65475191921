import type { HarnessContext } from 'gradlab/harness';
import { randn, type Tensor } from 'gradlab';

/** Gradient shapes of a tiny two-layer net (weight, bias, weight, bias). */
const SHAPES = [[8, 4], [4], [4, 2], [2]];
/** Per-tensor scales spanning decades, as in a network whose gradients are exploding. */
const LARGE_SCALES = [10, 0.1, 3, 30];

const norm = (values: ArrayLike<number>): number => Math.sqrt(Array.from(values).reduce((s, v) => s + v * v, 0));

/** Calls the learner and checks it returned one tensor of the right shape per input tensor. */
function clipWithLearner(ctx: HarnessContext, grads: Tensor[], maxNorm: number, what: string): Float64Array[] {
  const out = ctx.call<unknown>('clipByGlobalNorm', grads, maxNorm);
  if (!Array.isArray(out) || out.length !== grads.length) {
    ctx.fail('wrong-type', `clipByGlobalNorm(${what}) should return an array of ${grads.length} tensors, one per gradient.`);
  }
  return grads.map((g, i) => ctx.expectTensor(out[i], `clipByGlobalNorm(${what})[${i}]`, g.shape).data);
}

/** Runs once per seed; the engine's random generator is already seeded with ctx.seed. */
export default function harness(ctx: HarnessContext): void {
  const large = SHAPES.map((shape, i) => randn(shape).mul(LARGE_SCALES[i]));
  const small = SHAPES.map((shape) => randn(shape).mul(0.01));
  // Copies taken before the learner runs: what the inputs were, even if the learner mutates them.
  const largeBefore = large.map((g) => Float64Array.from(g.data));
  const smallBefore = small.map((g) => Float64Array.from(g.data));

  const maxNorm = 1;
  const clippedLarge = clipWithLearner(ctx, large, maxNorm, 'large gradients, maxNorm = 1');
  const clippedSmall = clipWithLearner(ctx, small, 5, 'small gradients, maxNorm = 5');

  // Independent expectation: g · min(1, maxNorm / total), computed here from the saved inputs.
  const total = norm(largeBefore.flatMap((g) => Array.from(g)));
  const factor = Math.min(1, maxNorm / total);
  let maxAbsError = 0;
  let maxExpected = 0;
  largeBefore.forEach((g, t) => g.forEach((v, i) => {
    maxAbsError = Math.max(maxAbsError, Math.abs(clippedLarge[t][i] - v * factor));
    maxExpected = Math.max(maxExpected, Math.abs(v * factor));
  }));
  let smallChange = 0;
  smallBefore.forEach((g, t) => g.forEach((v, i) => {
    smallChange = Math.max(smallChange, Math.abs(clippedSmall[t][i] - v));
  }));

  const tensorNorms = clippedLarge.map(norm);
  ctx.record('normRatio', norm(clippedLarge.flatMap((g) => Array.from(g))) / maxNorm);
  ctx.record('maxRelError', Math.max(maxAbsError / maxExpected, smallChange / Math.max(...smallBefore.map((g) => Math.max(...Array.from(g, Math.abs))))));
  ctx.record('smallChange', smallChange);
  ctx.recordVector('tensorNorms', tensorNorms, SHAPES.map((s, i) => `tensor ${i + 1} [${s.join('×')}]`));
}
