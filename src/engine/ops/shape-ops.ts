/**
 * Shape ops: reshape/view (shares storage, no copy), permute/transpose, slicing, concatenation,
 * (un)squeeze, expand. Everything but reshape copies into a fresh contiguous array, which keeps
 * every kernel simple (one layout) at the price of a copy that is cheap next to a matmul.
 */
import { Tensor } from '../tensor';
import { ArgumentError, ShapeError, formatShape } from '../errors';
import { broadcastShapes, checkShape, normalizeDim, sameShape, shapeArgs, shapeSize, splitAroundDim, stridesOf } from '../shape';
import { asTensor } from './elementwise';
import { expandData, reduceToShape } from './broadcast';

/** reshape with one −1 allowed (inferred). Shares storage with the input, like a PyTorch view. */
export function reshape(a: Tensor, ...shapeSpec: number[] | [number[]]): Tensor {
  const t = asTensor(a, 'reshape', 'input');
  const spec = shapeArgs(shapeSpec);
  const n = t.data.length;
  let inferAt = -1;
  let known = 1;
  for (let i = 0; i < spec.length; i++) {
    const d = spec[i];
    if (d === -1) {
      if (inferAt >= 0) throw new ArgumentError(`reshape: only one dimension can be -1, got ${formatShape(spec)}.`);
      inferAt = i;
    } else {
      if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
        throw new ArgumentError(`reshape: invalid size ${String(d)} in ${formatShape(spec)}; sizes are non-negative integers or one -1.`);
      }
      known *= d;
    }
  }
  const shape = spec.slice();
  if (inferAt >= 0) {
    if (known === 0 || n % known !== 0) {
      throw new ShapeError(
        `reshape: cannot reshape ${formatShape(t.shape)} (${n} elements) to ${formatShape(spec)}: ` +
          `${n} is not divisible by ${known}.`,
      );
    }
    shape[inferAt] = n / known;
  } else if (known !== n) {
    throw new ShapeError(
      `reshape: cannot reshape ${formatShape(t.shape)} (${n} elements) to ${formatShape(spec)} (${known} elements). ` +
        `The number of elements must stay the same; use -1 for one dimension to infer it.`,
    );
  }
  return Tensor._op(t.data, shape, 'reshape', [t], (g) => [g]);
}

/** Alias of reshape (our tensors are always contiguous, so every reshape is a view). */
export const view = reshape;

/** Merges dims startDim..endDim into one. */
export function flatten(a: Tensor, startDim = 0, endDim = -1): Tensor {
  const t = asTensor(a, 'flatten', 'input');
  if (t.ndim === 0) return reshape(t, [1]);
  const s = normalizeDim(startDim, t.ndim, 'flatten');
  const e = normalizeDim(endDim, t.ndim, 'flatten');
  if (s > e) throw new ArgumentError(`flatten: startDim (${startDim}) must not come after endDim (${endDim}).`);
  const shape = t.shape.slice(0, s);
  let m = 1;
  for (let i = s; i <= e; i++) m *= t.shape[i];
  shape.push(m, ...t.shape.slice(e + 1));
  return reshape(t, shape);
}

function permuteData(x: Float64Array, shape: readonly number[], perm: readonly number[]): Float64Array {
  const nd = shape.length;
  const out = new Float64Array(x.length);
  if (nd === 2 && perm[0] === 1) {
    const rows = shape[0];
    const cols = shape[1];
    for (let i = 0; i < rows; i++) {
      const rb = i * cols;
      for (let j = 0; j < cols; j++) out[j * rows + i] = x[rb + j];
    }
    return out;
  }
  const inStrides = stridesOf(shape);
  const outShape = perm.map((p) => shape[p]);
  const srcStrides = perm.map((p) => inStrides[p]);
  const idx = new Array<number>(nd).fill(0);
  let src = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = x[src];
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      src += srcStrides[d];
      if (idx[d] < outShape[d]) break;
      src -= srcStrides[d] * outShape[d];
      idx[d] = 0;
    }
  }
  return out;
}

/** Reorders dims: result dim i is input dim perm[i]. */
export function permute(a: Tensor, ...dims: number[] | [number[]]): Tensor {
  const t = asTensor(a, 'permute', 'input');
  const perm = shapeArgs(dims).map((d) => normalizeDim(d, t.ndim, 'permute'));
  if (perm.length !== t.ndim || new Set(perm).size !== perm.length) {
    throw new ArgumentError(
      `permute: ${formatShape(shapeArgs(dims))} is not a permutation of the ${t.ndim} dims of a ${formatShape(t.shape)} tensor.`,
    );
  }
  const outShape = perm.map((p) => t.shape[p]);
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => (inverse[p] = i));
  const out = permuteData(t.data, t.shape, perm);
  return Tensor._op(out, outShape, 'permute', [t], (g) => [permuteData(g, outShape, inverse)]);
}

/** Swaps two dims. */
export function transpose(a: Tensor, dim0: number, dim1: number): Tensor {
  const t = asTensor(a, 'transpose', 'input');
  const d0 = normalizeDim(dim0, t.ndim, 'transpose');
  const d1 = normalizeDim(dim1, t.ndim, 'transpose');
  const perm = t.shape.map((_, i) => i);
  perm[d0] = d1;
  perm[d1] = d0;
  return permute(t, perm);
}

/** All dims reversed (the matrix transpose for 2-D; what .T does). */
export function reverseDims(a: Tensor): Tensor {
  const t = asTensor(a, 'T', 'input');
  if (t.ndim < 2) return t;
  return permute(t, t.shape.map((_, i) => t.ndim - 1 - i));
}

/** Elements start, start+step, ... < end along dim (Python slicing semantics; negatives count from the end). */
export function slice(a: Tensor, dim: number, start?: number | null, end?: number | null, step = 1): Tensor {
  const t = asTensor(a, 'slice', 'input');
  if (t.ndim === 0) throw new ArgumentError('slice: cannot slice a 0-d tensor (a single number).');
  const d = normalizeDim(dim, t.ndim, 'slice');
  const size = t.shape[d];
  if (!Number.isInteger(step) || step <= 0) throw new ArgumentError(`slice: step must be a positive integer, got ${step}.`);
  const clampIndex = (v: number | null | undefined, dflt: number): number => {
    if (v === undefined || v === null) return dflt;
    if (!Number.isInteger(v)) throw new ArgumentError(`slice: indices must be integers, got ${v}.`);
    const r = v < 0 ? v + size : v;
    return Math.min(Math.max(r, 0), size);
  };
  const s = clampIndex(start, 0);
  const e = Math.max(clampIndex(end, size), s);
  const count = Math.ceil((e - s) / step);
  const [outer, , inner] = splitAroundDim(t.shape, d);
  const shape = t.shape.slice();
  shape[d] = count;
  const x = t.data;
  const out = new Float64Array(outer * count * inner);
  const n = x.length;
  if (step === 1) {
    // Each outer block is one contiguous run of count·inner values (e.g. an LSTM gate's columns).
    const run = count * inner;
    for (let o = 0; o < outer; o++) {
      const src = (o * size + s) * inner;
      const dst = o * run;
      for (let i = 0; i < run; i++) out[dst + i] = x[src + i];
    }
    return Tensor._op(out, shape, 'slice', [t], (g) => {
      const r = new Float64Array(n);
      for (let o = 0; o < outer; o++) {
        const dst = (o * size + s) * inner;
        const src = o * run;
        for (let i = 0; i < run; i++) r[dst + i] = g[src + i];
      }
      return [r];
    });
  }
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < count; k++) {
      const src = (o * size + s + k * step) * inner;
      const dst = (o * count + k) * inner;
      for (let i = 0; i < inner; i++) out[dst + i] = x[src + i];
    }
  }
  return Tensor._op(out, shape, 'slice', [t], (g) => {
    const r = new Float64Array(n);
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < count; k++) {
        const dst = (o * size + s + k * step) * inner;
        const srcOff = (o * count + k) * inner;
        for (let i = 0; i < inner; i++) r[dst + i] = g[srcOff + i];
      }
    }
    return [r];
  });
}

/** `length` elements from `start` along dim (torch.narrow). */
export function narrow(a: Tensor, dim: number, start: number, length: number): Tensor {
  const t = asTensor(a, 'narrow', 'input');
  const d = normalizeDim(dim, t.ndim, 'narrow');
  const s = start < 0 ? start + t.shape[d] : start;
  if (!Number.isInteger(s) || !Number.isInteger(length) || s < 0 || length < 0 || s + length > t.shape[d]) {
    throw new ArgumentError(
      `narrow: start ${start} and length ${length} do not fit dim ${d} of size ${t.shape[d]} (shape ${formatShape(t.shape)}).`,
    );
  }
  return slice(t, d, s, s + length);
}

/** The sub-tensor at `index` along dim, with that dim removed (t[i] for dim 0). */
export function select(a: Tensor, dim: number, index: number): Tensor {
  const t = asTensor(a, 'select', 'input');
  if (t.ndim === 0) throw new ArgumentError('select: cannot index a 0-d tensor (a single number).');
  const d = normalizeDim(dim, t.ndim, 'select');
  const size = t.shape[d];
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new ArgumentError(
      `select: index ${index} is out of range for dim ${d} of size ${size} (shape ${formatShape(t.shape)}); ` +
        `use an index in [${-size}, ${size - 1}].`,
    );
  }
  const i = index < 0 ? index + size : index;
  const shape = t.shape.slice();
  shape.splice(d, 1);
  return reshape(slice(t, d, i, i + 1), shape);
}

function checkSameShapesExcept(tensors: readonly Tensor[], dim: number, op: string): void {
  const ref = tensors[0].shape;
  for (let j = 1; j < tensors.length; j++) {
    const s = tensors[j].shape;
    let ok = s.length === ref.length;
    for (let i = 0; ok && i < s.length; i++) if (i !== dim && s[i] !== ref[i]) ok = false;
    if (!ok) {
      throw new ShapeError(
        `${op}: tensor 0 has shape ${formatShape(ref)} but tensor ${j} has shape ${formatShape(s)}; ` +
          `all sizes must match except along dim ${dim}.`,
      );
    }
  }
}

function checkList(tensors: readonly Tensor[], op: string): Tensor[] {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new ArgumentError(`${op}: pass a non-empty array of tensors, e.g. ${op}([a, b], 0).`);
  }
  return tensors.map((x, i) => asTensor(x, op, `element ${i}`));
}

/** Joins tensors along an existing dim. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  const list = checkList(tensors, 'cat');
  const d = normalizeDim(dim, list[0].ndim, 'cat');
  if (list[0].ndim === 0) throw new ArgumentError('cat: 0-d tensors cannot be concatenated; use stack instead.');
  checkSameShapesExcept(list, d, 'cat');
  const sizes = list.map((t) => t.shape[d]);
  const total = sizes.reduce((x, y) => x + y, 0);
  const [outer, , inner] = splitAroundDim(list[0].shape, d);
  const shape = list[0].shape.slice();
  shape[d] = total;
  const out = new Float64Array(outer * total * inner);
  let offset = 0;
  const offsets: number[] = [];
  for (let j = 0; j < list.length; j++) {
    offsets.push(offset);
    const x = list[j].data;
    const block = sizes[j] * inner;
    for (let o = 0; o < outer; o++) out.set(x.subarray(o * block, (o + 1) * block), (o * total + offset) * inner);
    offset += sizes[j];
  }
  return Tensor._op(out, shape, 'cat', list, (g) =>
    list.map((t, j) => {
      if (!t.requiresGrad) return null;
      const block = sizes[j] * inner;
      const r = new Float64Array(outer * block);
      for (let o = 0; o < outer; o++) {
        const src = (o * total + offsets[j]) * inner;
        r.set(g.subarray(src, src + block), o * block);
      }
      return r;
    }),
  );
}

/** Alias of cat. */
export const concat = cat;

/** Joins same-shaped tensors along a NEW dim. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  const list = checkList(tensors, 'stack');
  for (let j = 1; j < list.length; j++) {
    if (!sameShape(list[j].shape, list[0].shape)) {
      throw new ShapeError(
        `stack: tensor 0 has shape ${formatShape(list[0].shape)} but tensor ${j} has shape ${formatShape(list[j].shape)}; ` +
          `stack needs equal shapes (use cat to join along an existing dim).`,
      );
    }
  }
  const d = normalizeDim(dim, list[0].ndim + 1, 'stack');
  return cat(list.map((t) => unsqueeze(t, d)), d);
}

/** Inserts a size-1 dim at `dim` (which may equal ndim, or be negative). */
export function unsqueeze(a: Tensor, dim: number): Tensor {
  const t = asTensor(a, 'unsqueeze', 'input');
  const d = normalizeDim(dim, t.ndim + 1, 'unsqueeze');
  const shape = t.shape.slice();
  shape.splice(d, 0, 1);
  return reshape(t, shape);
}

/** Removes size-1 dims (all of them, or only `dim` if it has size 1). */
export function squeeze(a: Tensor, dim?: number): Tensor {
  const t = asTensor(a, 'squeeze', 'input');
  if (dim === undefined || dim === null) return reshape(t, t.shape.filter((s) => s !== 1));
  const d = normalizeDim(dim, t.ndim, 'squeeze');
  if (t.ndim === 0 || t.shape[d] !== 1) return t;
  const shape = t.shape.slice();
  shape.splice(d, 1);
  return reshape(t, shape);
}

/** Broadcasts to a larger shape (−1 keeps a size). Copies; the gradient sums back. */
export function expand(a: Tensor, ...shapeSpec: number[] | [number[]]): Tensor {
  const t = asTensor(a, 'expand', 'input');
  const spec = shapeArgs(shapeSpec);
  const pad = spec.length - t.ndim;
  if (pad < 0) {
    throw new ShapeError(`expand: target ${formatShape(spec)} has fewer dims than the tensor ${formatShape(t.shape)}.`);
  }
  const target = spec.map((s, i) => (s === -1 && i >= pad ? t.shape[i - pad] : s));
  checkShape(target, 'expand');
  const shape = broadcastShapes(t.shape, target, 'expand');
  if (!sameShape(shape, target)) {
    throw new ShapeError(
      `expand: cannot expand ${formatShape(t.shape)} to ${formatShape(spec)}; only size-1 dims can grow.`,
    );
  }
  const out = t.data.length === shapeSize(shape) ? new Float64Array(t.data) : expandData(t.data, t.shape, shape);
  return Tensor._op(out, shape, 'expand', [t], (g) => [reduceToShape(g, shape, t.shape)]);
}
