/**
 * m0-gradient-norms: runs one backward pass through a small, deep sigmoid network and compares the
 * learner's per-layer and global gradient norms with the engine's own metrics helpers.
 *
 * Besides the errors, it records which classic wrong formula the learner's numbers match (L1 norm,
 * largest entry, squared norm; sum of norms, sum of squares) so exercise.json can name the mistake.
 */
import type { HarnessContext } from 'gradlab/harness';
import { nn, randn, rand, mseLoss, tensor, layerGradNorms, globalGradNorm, type Tensor } from 'gradlab';

const DEPTH = 8;
const WIDTH = 32;
const BATCH = 16;

function relErr(a: number, b: number): number {
  const d = Math.max(Math.abs(a), Math.abs(b));
  return d === 0 ? 0 : Math.abs(a - b) / d;
}

/** 1 when every entry of `got` equals the matching entry of `want` to 1e-9 (relative). */
function allMatch(got: number[], want: number[]): number {
  return got.length === want.length && got.every((g, i) => relErr(g, want[i]) <= 1e-9) ? 1 : 0;
}

function buildNet(): nn.Sequential {
  const layers: nn.Module[] = [];
  for (let l = 0; l < DEPTH; l++) {
    layers.push(new nn.Linear(WIDTH, WIDTH));
    if (l < DEPTH - 1) layers.push(new nn.Sigmoid());
  }
  return new nn.Sequential(...layers);
}

/** Reads the learner's per-layer result: an array of {name, norm}. */
function readLayerNorms(ctx: HarnessContext, out: unknown, expectedCount: number): Array<{ name: string; norm: number }> {
  if (!Array.isArray(out)) {
    ctx.fail('wrong-type', `perLayerGradNorms(model) must return an array of { name, norm } objects, one per weight matrix; it returned ${out === null ? 'null' : typeof out}.`);
  }
  if (out.length !== expectedCount) {
    ctx.fail('wrong-shape', `perLayerGradNorms(model) returned ${out.length} entries, but the model has ${expectedCount} weight matrices (one per nn.Linear; biases are not layers). Keep only parameters with 2 dimensions.`);
  }
  return out.map((item: unknown, i: number) => {
    if (item === null || typeof item !== 'object') {
      ctx.fail('wrong-type', `perLayerGradNorms(model)[${i}] must be an object { name, norm }, got ${item === null ? 'null' : typeof item}.`);
    }
    const { name, norm } = item as { name?: unknown; norm?: unknown };
    const n = ctx.expectNumber(norm, `perLayerGradNorms(model)[${i}].norm`);
    return { name: typeof name === 'string' ? name : String(name), norm: n };
  });
}

export default function harness(ctx: HarnessContext): void {
  const model = buildNet();
  const x = randn(BATCH, WIDTH);
  const y = rand(BATCH, WIDTH);
  mseLoss(model.call(x), y).backward();

  // Expectations first, from the engine, before learner code can touch the gradients.
  const weights = model.namedParameters().filter(([, p]) => p.ndim >= 2);
  const expected = layerGradNorms(model, { weightsOnly: true });
  const expectedNorms = expected.map((e) => e.norm);
  const expectedGlobal = globalGradNorm(model);
  const grads = weights.map(([, p]) => Array.from(p.grad!.data));
  const l1 = grads.map((g) => g.reduce((s, v) => s + Math.abs(v), 0));
  const maxAbs = grads.map((g) => g.reduce((s, v) => Math.max(s, Math.abs(v)), 0));
  const squared = expectedNorms.map((n) => n * n);
  const allGrads = model.parameters().map((p) => p.grad!);
  const perTensor = allGrads.map((g) => Math.hypot(...g.data));

  // --- per-layer norms -------------------------------------------------------------------------
  const got = readLayerNorms(ctx, ctx.call('perLayerGradNorms', model), expected.length);
  const gotNorms = got.map((g) => g.norm);
  ctx.record('layerMaxRelError', Math.max(...gotNorms.map((g, i) => relErr(g, expectedNorms[i]))));
  ctx.record('namesInOrder', got.every((g, i) => g.name === expected[i].name));
  ctx.record('layerLooksL1', allMatch(gotNorms, l1));
  ctx.record('layerLooksMaxAbs', allMatch(gotNorms, maxAbs));
  ctx.record('layerLooksSquared', allMatch(gotNorms, squared));
  ctx.recordVector('layerNorms', gotNorms, expected.map((_, i) => `layer ${i + 1}`));

  // --- global norm over every parameter's gradient (weights AND biases) -----------------------
  const gradCopies = allGrads.map((g) => tensor(g.data, { shape: g.shape }));
  const global = ctx.expectNumber(ctx.call('globalNorm', gradCopies), 'globalNorm(grads)');
  ctx.record('globalRelError', relErr(global, expectedGlobal));
  ctx.record('globalLooksSumOfNorms', relErr(global, perTensor.reduce((a, b) => a + b, 0)) <= 1e-9);
  ctx.record('globalLooksSumOfSquares', relErr(global, expectedGlobal * expectedGlobal) <= 1e-9);
  ctx.record('globalLooksMax', relErr(global, Math.max(...perTensor)) <= 1e-9);

  // The numerics.md vector {[3,4],[12]}: ‖·‖₂ = 13 (sum of norms 17, L1 19, max 12).
  const toy: Tensor[] = [tensor([3, 4]), tensor([12])];
  ctx.record('globalOfToy', ctx.expectNumber(ctx.call('globalNorm', toy), 'globalNorm([[3, 4], [12]])'));

  ctx.log(`Deep sigmoid net (${DEPTH} layers × ${WIDTH}): first-layer norm / last-layer norm = ${(expectedNorms[0] / expectedNorms[DEPTH - 1]).toExponential(2)}.`);
}
