/**
 * Moving data between a shape and a broadcast shape: expandData copies an operand up to the
 * broadcast shape (forward), reduceToShape sums a gradient back down to the operand's shape
 * (backward). Fast paths cover the cases that dominate training: same shape, a scalar, and a row
 * vector such as a bias [C] against activations [N, C].
 */
import { shapeSize, stridesOf } from '../shape';
import { gradArray } from '../grad-pool';

/** How `shape` sits inside `outShape` (which it broadcasts to): kind + geometry. */
type Layout =
  | { kind: 'same' }
  | { kind: 'scalar' }
  | { kind: 'tile'; block: number } // shape = trailing dims of outShape (leading dims missing or 1)
  | { kind: 'general' };

function layoutOf(shape: readonly number[], outShape: readonly number[]): Layout {
  const n = shapeSize(shape);
  if (n === shapeSize(outShape) && n > 0) {
    // Equal sizes under broadcasting means only 1-sized dims were added: same memory order.
    return { kind: 'same' };
  }
  if (n === 1) return { kind: 'scalar' };
  // Tile: after dropping leading 1s, shape equals the trailing dims of outShape.
  let first = 0;
  while (first < shape.length && shape[first] === 1) first++;
  const core = shape.length - first;
  const offset = outShape.length - core;
  let tile = offset >= 0;
  for (let i = 0; tile && i < core; i++) if (shape[first + i] !== outShape[offset + i]) tile = false;
  if (tile) return { kind: 'tile', block: n };
  return { kind: 'general' };
}

/** For each dim of outShape, the stride in the (smaller) input, 0 where it is broadcast. */
function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const inStrides = stridesOf(shape);
  const pad = outShape.length - shape.length;
  const strides = new Array<number>(outShape.length).fill(0);
  for (let i = 0; i < shape.length; i++) strides[pad + i] = shape[i] === 1 ? 0 : inStrides[i];
  return strides;
}

/** Copies data (of `shape`) broadcast to `outShape`. Returns the input itself when nothing changes. */
export function expandData(data: Float64Array, shape: readonly number[], outShape: readonly number[]): Float64Array {
  const layout = layoutOf(shape, outShape);
  const total = shapeSize(outShape);
  if (layout.kind === 'same') return data;
  const out = new Float64Array(total);
  if (layout.kind === 'scalar') {
    out.fill(data[0]);
    return out;
  }
  if (layout.kind === 'tile') {
    const b = layout.block;
    for (let off = 0; off < total; off += b) out.set(data, off);
    return out;
  }
  const strides = broadcastStrides(shape, outShape);
  const nd = outShape.length;
  const idx = new Array<number>(nd).fill(0);
  let src = 0;
  for (let i = 0; i < total; i++) {
    out[i] = data[src];
    // Odometer increment over outShape, tracking the source offset.
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      src += strides[d];
      if (idx[d] < outShape[d]) break;
      src -= strides[d] * outShape[d];
      idx[d] = 0;
    }
  }
  return out;
}

/** Sums a gradient of `outShape` down to `shape` (the inverse of expandData). */
export function reduceToShape(grad: Float64Array, outShape: readonly number[], shape: readonly number[]): Float64Array {
  const layout = layoutOf(shape, outShape);
  if (layout.kind === 'same') return grad;
  const total = grad.length;
  if (layout.kind === 'tile') {
    const b = layout.block; // 0 only for an empty operand, whose broadcast shape is empty too
    return sumRows(grad, b === 0 ? 0 : total / b, b);
  }
  const n = shapeSize(shape);
  const out = new Float64Array(n);
  if (layout.kind === 'scalar') {
    let s = 0;
    for (let i = 0; i < total; i++) s += grad[i];
    out[0] = s;
    return out;
  }
  const strides = broadcastStrides(shape, outShape);
  const nd = outShape.length;
  const idx = new Array<number>(nd).fill(0);
  let dst = 0;
  for (let i = 0; i < total; i++) {
    out[dst] += grad[i];
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      dst += strides[d];
      if (idx[d] < outShape[d]) break;
      dst -= strides[d] * outShape[d];
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * Column sums of g viewed as [rows, cols] into a fresh gradient array of length cols: the bias
 * gradient of every dense layer and the tile case of reduceToShape. One place for the loop so all
 * callers add in the same order (row by row) and stay bit-identical to each other.
 */
export function sumRows(g: Float64Array, rows: number, cols: number): Float64Array {
  const out = gradArray(cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let j = 0; j < cols; j++) out[j] += g[o + j];
  }
  return out;
}
