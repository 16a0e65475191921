/**
 * m6-clip-value: the learner's clipGradValue(params, v) against the engine's clipGradValue_ (PyTorch
 * clip_grad_value_) on the same gradients. Records exact mismatches plus the diagnostics that name the
 * classic mistakes (weights clamped instead of gradients, only one side clamped, NaN lost), and the
 * cosine between the clipped and the original gradient: clipping by value changes the direction.
 */
import type { HarnessContext } from 'gradlab/harness';
import { Tensor, tensor, randn, rand, clipGradValue_ } from 'gradlab';

interface Case {
  params: Tensor[];
  /** Copies of the weights and gradients before the learner's call (null: this param has no gradient). */
  weightsBefore: Float64Array[];
  gradsBefore: Array<Float64Array | null>;
}

function makeCase(shapes: number[][], weights: Float64Array[], grads: Array<Float64Array | null>): Case {
  const params = shapes.map((shape, i) => {
    const p = tensor(weights[i], { shape, requiresGrad: true });
    const g = grads[i];
    if (g) p.grad = tensor(g, { shape });
    return p;
  });
  return {
    params,
    weightsBefore: weights.map((w) => new Float64Array(w)),
    gradsBefore: grads.map((g) => (g ? new Float64Array(g) : null)),
  };
}

/** The gradient arrays after the learner's call (a replaced p.grad is fine, as long as it is a tensor of the right shape). */
function gradsAfter(ctx: HarnessContext, c: Case): Array<Float64Array | null> {
  return c.params.map((p, i) => {
    if (c.gradsBefore[i] === null) return p.grad === null ? null : p.grad.data;
    return ctx.expectTensor(p.grad, `params[${i}].grad after clipGradValue (a gradient tensor)`, p.shape).data;
  });
}

/** What the engine's clip_grad_value_ gives on copies of the same gradients. */
function expected(c: Case, v: number): Array<Float64Array | null> {
  const copies = c.params.map((p, i) => {
    const q = tensor(c.weightsBefore[i], { shape: p.shape, requiresGrad: true });
    const g = c.gradsBefore[i];
    if (g) q.grad = tensor(g, { shape: p.shape });
    return q;
  });
  clipGradValue_(copies, v);
  return copies.map((q) => (q.grad ? q.grad.data : null));
}

const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** Cosine between two gradient lists over the entries that are finite in both. */
function cosine(a: Array<Float64Array | null>, b: Array<Float64Array | null>): number {
  let dot = 0, na = 0, nb = 0;
  a.forEach((ga, i) => {
    const gb = b[i];
    if (!ga || !gb) return;
    for (let k = 0; k < ga.length; k++) {
      if (!Number.isFinite(ga[k]) || !Number.isFinite(gb[k])) continue;
      dot += ga[k] * gb[k];
      na += ga[k] * ga[k];
      nb += gb[k] * gb[k];
    }
  });
  return dot / Math.sqrt(na * nb);
}

function globalNorm(gs: Array<Float64Array | null>): number {
  let s = 0;
  for (const g of gs) if (g) for (const x of g) if (Number.isFinite(x)) s += x * x;
  return Math.sqrt(s);
}

export default function harness(ctx: HarnessContext): void {
  // 1. The numerics.md vector: g = {[3, 4], [12]}, v = 3.5 → [3, 3.5], [3.5].
  const vec = makeCase([[2], [1]], [new Float64Array([0.5, -0.5]), new Float64Array([0.25])], [new Float64Array([3, 4]), new Float64Array([12])]);
  ctx.call('clipGradValue', vec.params, 3.5);
  const vecAfter = gradsAfter(ctx, vec);
  const want = [[3, 3.5], [3.5]];
  let vectorMaxError = 0;
  want.forEach((w, i) => w.forEach((x, k) => {
    const got = vecAfter[i]?.[k] ?? NaN;
    vectorMaxError = Math.max(vectorMaxError, Number.isNaN(got) ? Infinity : Math.abs(got - x));
  }));
  ctx.record('vectorMaxError', vectorMaxError);

  // 2. Random gradients of a small two-layer net (std 1.5, so about half the entries exceed v = 1),
  // a frozen parameter without a gradient, and planted NaN / +inf / −inf entries. The weights are
  // large too (std 2), so clamping the weights instead of the gradients is visible.
  const shapes = [[16, 8], [16], [4, 16], [4], [3]];
  const v = 0.75 + 0.5 * rand([1]).data[0];
  const weights = shapes.map((s) => randn(s).mul(2).data);
  const grads: Array<Float64Array | null> = shapes.map((s) => randn(s).mul(1.5).data);
  grads[4] = null; // frozen parameter: no gradient, must be skipped (as PyTorch does)
  const w0 = grads[0]!;
  const nanAt = 5, infAt = 17, negInfAt = 40;
  w0[nanAt] = NaN;
  w0[infAt] = Infinity;
  w0[negInfAt] = -Infinity;
  const rnd = makeCase(shapes, weights, grads);
  ctx.call('clipGradValue', rnd.params, v);
  const after = gradsAfter(ctx, rnd);
  const want2 = expected(rnd, v);

  let mismatches = 0, weightsChanged = 0, belowMinusV = 0, aboveV = 0, gradsChanged = 0;
  rnd.params.forEach((p, i) => {
    p.data.forEach((x, k) => { if (!same(x, rnd.weightsBefore[i][k])) weightsChanged++; });
    const a = after[i], e = want2[i], b = rnd.gradsBefore[i];
    if (e === null || b === null) {
      if (a !== null) mismatches += a.length; // a gradient appeared on a frozen parameter
      return;
    }
    if (a === null) { mismatches += e.length; return; }
    for (let k = 0; k < e.length; k++) {
      if (!same(a[k], e[k])) mismatches++;
      if (!same(a[k], b[k])) gradsChanged++;
      if (a[k] < -v) belowMinusV++;
      if (a[k] > v) aboveV++;
    }
  });
  ctx.record('mismatches', mismatches);
  ctx.record('weightsChanged', weightsChanged);
  ctx.record('gradsChanged', gradsChanged);
  ctx.record('belowMinusV', belowMinusV);
  ctx.record('aboveV', aboveV);
  ctx.record('nanKept', after[0] !== null && Number.isNaN(after[0][nanAt]));
  ctx.record('infClamped', after[0] !== null && after[0][infAt] === v && after[0][negInfAt] === -v);
  const cos = cosine(rnd.gradsBefore, after);
  ctx.record('directionChange', Number.isNaN(cos) ? 0 : 1 - cos);

  // 3. The lesson for the next exercise: the smaller v, the more the direction bends. Same clean
  // gradients, clipped at several thresholds by the learner's function.
  const clean = shapes.slice(0, 4).map((s) => randn(s).mul(1.5).data);
  const thresholds = [0.1, 0.25, 0.5, 1, 2, 4];
  const cosines: number[] = [];
  const normKept: number[] = [];
  for (const t of thresholds) {
    const c = makeCase(shapes.slice(0, 4), clean.map((g) => new Float64Array(g.length)), clean);
    ctx.call('clipGradValue', c.params, t);
    const a = gradsAfter(ctx, c);
    cosines.push(cosine(c.gradsBefore, a));
    normKept.push(globalNorm(a) / globalNorm(c.gradsBefore));
  }
  const labels = thresholds.map((t) => `v=${t}`);
  ctx.recordVector('cosineByThreshold', cosines, labels);
  ctx.recordVector('normKeptByThreshold', normKept, labels);
  ctx.log(`Random case: v = ${v.toFixed(4)}; cosine(clipped, original) = ${cos.toFixed(4)}.`);
}
