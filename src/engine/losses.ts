/**
 * Loss functions with PyTorch semantics and reductions 'mean' (default) | 'sum' | 'none'.
 * Cross-entropy goes through logSoftmax (stable); BCE-with-logits uses the log-sum-exp form.
 */
import { Tensor } from './tensor';
import { ArgumentError, ShapeError, formatShape } from './errors';
import { sameShape } from './shape';
import { asTensor, sub, square } from './ops/elementwise';
import { logSoftmax } from './ops/activations';
import { mean, sum } from './ops/reduce';
import { sigmoidScalar } from './special/sigmoid';

export type Reduction = 'mean' | 'sum' | 'none';

function reduce(t: Tensor, reduction: Reduction, op: string): Tensor {
  if (reduction === 'mean') return mean(t);
  if (reduction === 'sum') return sum(t);
  if (reduction === 'none') return t;
  throw new ArgumentError(`${op}: reduction must be 'mean', 'sum' or 'none', got ${JSON.stringify(reduction)}.`);
}

function requireSameShape(a: Tensor, b: Tensor, op: string): void {
  if (!sameShape(a.shape, b.shape)) {
    throw new ShapeError(
      `${op}: input ${formatShape(a.shape)} and target ${formatShape(b.shape)} must have the same shape ` +
        `(broadcasting here usually hides a bug). Reshape the target, e.g. target.reshape(${JSON.stringify(a.shape)}).`,
    );
  }
}

/** Mean squared error (x − y)². */
export function mseLoss(input: Tensor, target: Tensor, reduction: Reduction = 'mean'): Tensor {
  const x = asTensor(input, 'mseLoss', 'input');
  const y = asTensor(target, 'mseLoss', 'target');
  requireSameShape(x, y, 'mseLoss');
  return reduce(square(sub(x, y)), reduction, 'mseLoss');
}

/** Class indices as integers, validated against the number of classes. */
function classIndices(target: Tensor | readonly number[], n: number, classes: number, op: string): Int32Array {
  const values = target instanceof Tensor ? target.data : target;
  if (values.length !== n) {
    const shape = target instanceof Tensor ? formatShape(target.shape) : `${values.length} entries`;
    throw new ShapeError(`${op}: expected ${n} class indices (one per row of the input), got ${shape}.`);
  }
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = values[i];
    if (!Number.isInteger(c) || c < 0 || c >= classes) {
      throw new ArgumentError(`${op}: target[${i}] = ${c} is not a class index in [0, ${classes - 1}].`);
    }
    idx[i] = c;
  }
  return idx;
}

/** Negative log-likelihood of log-probabilities [N, C] (or [C]) at the target class indices. */
export function nllLoss(logProbs: Tensor, target: Tensor | readonly number[], reduction: Reduction = 'mean'): Tensor {
  const lp = asTensor(logProbs, 'nllLoss', 'input');
  if (lp.ndim !== 1 && lp.ndim !== 2) {
    throw new ShapeError(`nllLoss: input must be [N, C] (or [C] for one sample), got ${formatShape(lp.shape)}.`);
  }
  const n = lp.ndim === 2 ? lp.shape[0] : 1;
  const c = lp.shape[lp.ndim - 1];
  const idx = classIndices(target, n, c, 'nllLoss');
  const x = lp.data;
  const picked = new Float64Array(n);
  for (let i = 0; i < n; i++) picked[i] = -x[i * c + idx[i]];
  const total = x.length;
  const losses = Tensor._op(picked, lp.ndim === 2 ? [n] : [], 'nllLoss', [lp], (g) => {
    const r = new Float64Array(total);
    for (let i = 0; i < n; i++) r[i * c + idx[i]] = -g[i];
    return [r];
  });
  return reduce(losses, reduction, 'nllLoss');
}

/** Cross-entropy of raw logits [N, C] (or [C]) against class indices: nllLoss(logSoftmax(x, -1)). */
export function crossEntropy(logits: Tensor, target: Tensor | readonly number[], reduction: Reduction = 'mean'): Tensor {
  const x = asTensor(logits, 'crossEntropy', 'logits');
  if (x.ndim !== 1 && x.ndim !== 2) {
    throw new ShapeError(`crossEntropy: logits must be [N, C] (or [C]), got ${formatShape(x.shape)}.`);
  }
  return nllLoss(logSoftmax(x, -1), target, reduction);
}

/**
 * Binary cross-entropy on probabilities p in [0, 1]: −(y log p + (1−y) log(1−p)), with each log
 * clamped at −100 as PyTorch does (so p = 0 or 1 gives a large finite loss, not inf).
 */
export function binaryCrossEntropy(probs: Tensor, target: Tensor, reduction: Reduction = 'mean'): Tensor {
  const p = asTensor(probs, 'binaryCrossEntropy', 'input');
  const y = asTensor(target, 'binaryCrossEntropy', 'target');
  requireSameShape(p, y, 'binaryCrossEntropy');
  const pd = p.data;
  const yd = y.data;
  const n = pd.length;
  for (let i = 0; i < n; i++) {
    if (!(pd[i] >= 0 && pd[i] <= 1)) {
      throw new ArgumentError(
        `binaryCrossEntropy: input[${i}] = ${pd[i]} is not a probability in [0, 1]. Apply sigmoid first, or use ` +
          `binaryCrossEntropyWithLogits on raw scores.`,
      );
    }
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const logP = Math.max(Math.log(pd[i]), -100);
    const log1mP = Math.max(Math.log1p(-pd[i]), -100);
    out[i] = -(yd[i] * logP + (1 - yd[i]) * log1mP);
  }
  const losses = Tensor._op(out, p.shape, 'binaryCrossEntropy', [p, y], (g) => {
    // PyTorch: grad = (p − y) / max((1 − p)·p, 1e-12).
    let gp: Float64Array | null = null;
    let gy: Float64Array | null = null;
    if (p.requiresGrad) {
      gp = new Float64Array(n);
      for (let i = 0; i < n; i++) gp[i] = (g[i] * (pd[i] - yd[i])) / Math.max((1 - pd[i]) * pd[i], 1e-12);
    }
    if (y.requiresGrad) {
      gy = new Float64Array(n);
      for (let i = 0; i < n; i++) gy[i] = g[i] * (Math.max(Math.log1p(-pd[i]), -100) - Math.max(Math.log(pd[i]), -100));
    }
    return [gp, gy];
  });
  return reduce(losses, reduction, 'binaryCrossEntropy');
}

/** Stable BCE on raw scores: max(x,0) − x·y + log(1 + e^{−|x|}). */
export function binaryCrossEntropyWithLogits(logits: Tensor, target: Tensor, reduction: Reduction = 'mean'): Tensor {
  const x = asTensor(logits, 'binaryCrossEntropyWithLogits', 'input');
  const y = asTensor(target, 'binaryCrossEntropyWithLogits', 'target');
  requireSameShape(x, y, 'binaryCrossEntropyWithLogits');
  const xd = x.data;
  const yd = y.data;
  const n = xd.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = xd[i];
    out[i] = Math.max(v, 0) - v * yd[i] + Math.log1p(Math.exp(-Math.abs(v)));
  }
  const losses = Tensor._op(out, x.shape, 'binaryCrossEntropyWithLogits', [x, y], (g) => {
    let gx: Float64Array | null = null;
    let gy: Float64Array | null = null;
    if (x.requiresGrad) {
      gx = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        gx[i] = g[i] * (sigmoidScalar(xd[i]) - yd[i]);
      }
    }
    if (y.requiresGrad) {
      gy = new Float64Array(n);
      for (let i = 0; i < n; i++) gy[i] = -g[i] * xd[i];
    }
    return [gx, gy];
  });
  return reduce(losses, reduction, 'binaryCrossEntropyWithLogits');
}
