/** Shape arithmetic shared by every op: validation, strides, dims, broadcasting. */
import { ArgumentError, ShapeError, formatShape } from './errors';

/** Product of the dims (1 for a scalar shape []). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

/** Row-major strides of a contiguous tensor of this shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Throws unless every dim is a non-negative integer. */
export function checkShape(shape: readonly unknown[], op: string): number[] {
  if (!Array.isArray(shape)) {
    throw new ArgumentError(`${op}: expected a shape like [2, 3], got ${String(shape)}.`);
  }
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new ArgumentError(
        `${op}: shape ${formatShape(shape as number[])} has an invalid size ${String(d)} at position ${i}; ` +
          `sizes must be non-negative integers.`,
      );
    }
  }
  return shape as number[];
}

/** Resolves a possibly negative dim against ndim (PyTorch semantics), with a helpful error. */
export function normalizeDim(dim: number, ndim: number, op: string): number {
  // A 0-d tensor accepts dim 0 / -1 in PyTorch reductions; treat it as having one dim.
  const n = Math.max(ndim, 1);
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < -n || dim >= n) {
    throw new ArgumentError(
      `${op}: dim ${String(dim)} is out of range for a tensor with ${ndim} dimension(s); ` +
        `use a dim in [${-n}, ${n - 1}].`,
    );
  }
  return dim < 0 ? dim + n : dim;
}

/** NumPy broadcasting of two shapes, or a ShapeError naming the op and both shapes. */
export function broadcastShapes(a: readonly number[], b: readonly number[], op: string): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else {
      throw new ShapeError(
        `${op}: cannot broadcast ${formatShape(a)} with ${formatShape(b)}: sizes ${da} and ${db} differ ` +
          `in dimension ${i} (counting from the left of the broadcast shape ${n} dims long). ` +
          `Broadcasting needs equal sizes or a size of 1; reshape/unsqueeze one operand or check the layer sizes.`,
      );
    }
  }
  return out;
}

/** Splits a shape around `dim` into [outer, size, inner] for strided loops over that dim. */
export function splitAroundDim(shape: readonly number[], dim: number): [number, number, number] {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < dim; i++) outer *= shape[i];
  for (let i = dim + 1; i < shape.length; i++) inner *= shape[i];
  return [outer, shape.length === 0 ? 1 : shape[dim], inner];
}

/** Accepts f(2, 3) and f([2, 3]) alike, as PyTorch does. */
export function shapeArgs(args: readonly (number | readonly number[])[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return (args[0] as number[]).slice();
  return args as number[];
}
