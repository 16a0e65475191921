/**
 * Reductions: sum, mean, max/min (+ arg), variance/std, norm, logsumexp. A reduction over one dim
 * views the tensor as [outer, size, inner]; several dims reduce one after another.
 */
import { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { normalizeDim, splitAroundDim } from '../shape';
import { asTensor, sub, square, sqrt } from './elementwise';
import { gradArrayForOverwrite } from '../grad-pool';

type Dims = number | readonly number[] | null | undefined;

function reducedShape(shape: readonly number[], dim: number, keepdim: boolean): number[] {
  const out = shape.slice();
  if (shape.length === 0) return keepdim ? [] : [];
  if (keepdim) out[dim] = 1;
  else out.splice(dim, 1);
  return out;
}

/** Normalised, de-duplicated dims sorted high to low (so reducing one does not shift the others). */
function resolveDims(dims: Dims, ndim: number, op: string): number[] | null {
  if (dims === undefined || dims === null) return null;
  const list = typeof dims === 'number' ? [dims] : Array.from(dims);
  const seen = new Set<number>();
  for (const d of list) {
    const nd = normalizeDim(d, ndim, op);
    if (seen.has(nd)) throw new ArgumentError(`${op}: dim ${nd} appears twice in ${JSON.stringify(list)}.`);
    seen.add(nd);
  }
  return [...seen].sort((a, b) => b - a);
}

/** Σ over one dim, times `scale` (1 for sum, 1/size for mean). */
function sumOneDim(t: Tensor, dim: number, keepdim: boolean, scale: number, op: string): Tensor {
  const [outer, size, inner] = splitAroundDim(t.shape, dim);
  const x = t.data;
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    for (let k = 0; k < size; k++) {
      const xb = (o * size + k) * inner;
      for (let i = 0; i < inner; i++) out[ob + i] += x[xb + i];
    }
  }
  if (scale !== 1) for (let i = 0; i < out.length; i++) out[i] *= scale;
  const n = x.length;
  return Tensor._op(out, reducedShape(t.shape, dim, keepdim), op, [t], (g) => {
    const r = new Float64Array(n);
    for (let o = 0; o < outer; o++) {
      const ob = o * inner;
      for (let k = 0; k < size; k++) {
        const xb = (o * size + k) * inner;
        for (let i = 0; i < inner; i++) r[xb + i] = g[ob + i] * scale;
      }
    }
    return [r];
  });
}

function sumAll(t: Tensor, keepdim: boolean, scale: number, op: string): Tensor {
  const x = t.data;
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const shape = keepdim ? t.shape.map(() => 1) : [];
  return Tensor._op(new Float64Array([s * scale]), shape, op, [t], (g) => {
    const r = gradArrayForOverwrite(n);
    r.fill(g[0] * scale);
    return [r];
  });
}

function sumOrMean(a: Tensor, dims: Dims, keepdim: boolean, isMean: boolean): Tensor {
  const op = isMean ? 'mean' : 'sum';
  const t = asTensor(a, op, 'input');
  const list = resolveDims(dims, t.ndim, op);
  if (list === null || t.ndim === 0) {
    return sumAll(t, keepdim, isMean ? 1 / t.data.length : 1, op);
  }
  let r = t;
  for (const d of list) r = sumOneDim(r, d, keepdim, isMean ? 1 / Math.max(t.shape[d], 0) : 1, op);
  return r;
}

/** Sum of all elements, or over dim(s) (keepdim keeps them as size 1). */
export function sum(a: Tensor, dim?: Dims, keepdim = false): Tensor {
  return sumOrMean(a, dim, keepdim, false);
}

/** Mean of all elements, or over dim(s). */
export function mean(a: Tensor, dim?: Dims, keepdim = false): Tensor {
  return sumOrMean(a, dim, keepdim, true);
}

/** Index of the max (or min) along [outer, size, inner]; NaN wins (propagates, as in PyTorch). */
function argExtreme(x: Float64Array, outer: number, size: number, inner: number, isMax: boolean): Int32Array {
  const idx = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let best = 0;
      let bv = x[base];
      if (!Number.isNaN(bv)) {
        for (let k = 1; k < size; k++) {
          const v = x[base + k * inner];
          if (Number.isNaN(v)) {
            best = k;
            break;
          }
          if (isMax ? v > bv : v < bv) {
            best = k;
            bv = v;
          }
        }
      }
      idx[o * inner + i] = best;
    }
  }
  return idx;
}

function extreme(a: Tensor, dim: number | null | undefined, keepdim: boolean, isMax: boolean): Tensor {
  const op = isMax ? 'max' : 'min';
  const t = asTensor(a, op, 'input');
  if (t.data.length === 0) throw new ArgumentError(`${op}: cannot take the ${op} of an empty tensor.`);
  const all = dim === undefined || dim === null;
  const d = all ? 0 : normalizeDim(dim, t.ndim, op);
  const [outer, size, inner] = all ? [1, t.data.length, 1] : splitAroundDim(t.shape, d);
  const idx = argExtreme(t.data, outer, size, inner, isMax);
  const out = new Float64Array(idx.length);
  const x = t.data;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) out[o * inner + i] = x[(o * size + idx[o * inner + i]) * inner + i];
  }
  const shape = all ? (keepdim ? t.shape.map(() => 1) : []) : reducedShape(t.shape, d, keepdim);
  const n = x.length;
  // Gradient goes to the (first) selected element only, like PyTorch's max(dim).
  return Tensor._op(out, shape, op, [t], (g) => {
    const r = new Float64Array(n);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) r[(o * size + idx[o * inner + i]) * inner + i] = g[o * inner + i];
    }
    return [r];
  });
}

/** Max of all elements or along dim (values only; use argmax for the indices). */
export function max(a: Tensor, dim?: number | null, keepdim = false): Tensor {
  return extreme(a, dim, keepdim, true);
}

export function min(a: Tensor, dim?: number | null, keepdim = false): Tensor {
  return extreme(a, dim, keepdim, false);
}

function argOf(a: Tensor, dim: number | null | undefined, keepdim: boolean, isMax: boolean): Tensor {
  const op = isMax ? 'argmax' : 'argmin';
  const t = asTensor(a, op, 'input');
  if (t.data.length === 0) throw new ArgumentError(`${op}: the tensor is empty.`);
  const all = dim === undefined || dim === null;
  const d = all ? 0 : normalizeDim(dim, t.ndim, op);
  const [outer, size, inner] = all ? [1, t.data.length, 1] : splitAroundDim(t.shape, d);
  const idx = argExtreme(t.data, outer, size, inner, isMax);
  const shape = all ? (keepdim ? t.shape.map(() => 1) : []) : reducedShape(t.shape, d, keepdim);
  return new Tensor(Float64Array.from(idx), shape);
}

/** Index of the max (flat index without dim); a tensor of integer values, no gradient. */
export function argmax(a: Tensor, dim?: number | null, keepdim = false): Tensor {
  return argOf(a, dim, keepdim, true);
}

export function argmin(a: Tensor, dim?: number | null, keepdim = false): Tensor {
  return argOf(a, dim, keepdim, false);
}

/** Variance over all elements or dim(s); unbiased (n − 1) by default, as torch.var. */
export function variance(a: Tensor, dim?: Dims, unbiased = true, keepdim = false): Tensor {
  const t = asTensor(a, 'var', 'input');
  const list = resolveDims(dim, t.ndim, 'var');
  let count = 1;
  if (list === null) count = t.data.length;
  else for (const d of list) count *= t.shape[d];
  const m = mean(t, list, true);
  const dev = square(sub(t, m));
  const total = sum(dev, list, keepdim);
  const divisor = unbiased ? count - 1 : count;
  return total.div(divisor);
}

export function std(a: Tensor, dim?: Dims, unbiased = true, keepdim = false): Tensor {
  return sqrt(variance(a, dim, unbiased, keepdim));
}

/**
 * p-norm over all elements (p = 2 is the Frobenius norm; also 1, Infinity, any p > 0).
 * The gradient at an all-zero input is 0 (a subgradient), as in PyTorch.
 */
export function norm(a: Tensor, p = 2): Tensor {
  const t = asTensor(a, 'norm', 'input');
  if (!(p > 0)) throw new ArgumentError(`norm: p must be positive (1, 2, Infinity, ...), got ${p}.`);
  const x = t.data;
  const n = x.length;
  let value: number;
  let argmaxAbs = -1;
  if (p === Infinity) {
    value = 0;
    for (let i = 0; i < n; i++) {
      const v = Math.abs(x[i]);
      if (v > value || Number.isNaN(v) || argmaxAbs < 0) {
        value = v;
        argmaxAbs = i;
        if (Number.isNaN(v)) break;
      }
    }
  } else if (p === 2) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i] * x[i];
    value = Math.sqrt(s);
  } else if (p === 1) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(x[i]);
    value = s;
  } else {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.pow(Math.abs(x[i]), p);
    value = Math.pow(s, 1 / p);
  }
  return Tensor._op(new Float64Array([value]), [], 'norm', [t], (g) => {
    const r = new Float64Array(n);
    const g0 = g[0];
    if (p === Infinity) {
      if (argmaxAbs >= 0) r[argmaxAbs] = g0 * Math.sign(x[argmaxAbs]);
    } else if (p === 1) {
      for (let i = 0; i < n; i++) r[i] = g0 * Math.sign(x[i]);
    } else if (value !== 0) {
      if (p === 2) for (let i = 0; i < n; i++) r[i] = (g0 * x[i]) / value;
      else {
        const denom = Math.pow(value, p - 1);
        for (let i = 0; i < n; i++) r[i] = (g0 * Math.sign(x[i]) * Math.pow(Math.abs(x[i]), p - 1)) / denom;
      }
    }
    return [r];
  });
}

/** log Σ exp along dim, stable; gradient is softmax. */
export function logsumexp(a: Tensor, dim: number, keepdim = false): Tensor {
  const t = asTensor(a, 'logsumexp', 'input');
  const d = normalizeDim(dim, t.ndim, 'logsumexp');
  const [outer, size, inner] = splitAroundDim(t.shape, d);
  const x = t.data;
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let m = -Infinity;
      for (let k = 0; k < size; k++) m = Math.max(m, x[base + k * inner]);
      if (m === -Infinity) {
        out[o * inner + i] = -Infinity;
        continue;
      }
      let s = 0;
      for (let k = 0; k < size; k++) s += Math.exp(x[base + k * inner] - m);
      out[o * inner + i] = m + Math.log(s);
    }
  }
  const n = x.length;
  return Tensor._op(out, reducedShape(t.shape, d, keepdim), 'logsumexp', [t], (g) => {
    const r = new Float64Array(n);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * size * inner + i;
        const lse = out[o * inner + i];
        const go = g[o * inner + i];
        for (let k = 0; k < size; k++) r[base + k * inner] = go * Math.exp(x[base + k * inner] - lse);
      }
    }
    return [r];
  });
}
