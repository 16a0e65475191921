/**
 * Plain-JS reference computations for op tests, written independently of the engine (index
 * arithmetic spelled out), so a shared bug cannot hide in both.
 */

export function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Multi-index of flat position i in a row-major shape. */
export function unravel(i: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = i % shape[d];
    i = Math.floor(i / shape[d]);
  }
  return idx;
}

export function ravel(idx: readonly number[], shape: readonly number[]): number {
  let f = 0;
  for (let d = 0; d < shape.length; d++) f = f * shape[d] + idx[d];
  return f;
}

/** NumPy broadcast of two shapes (assumed compatible). */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    out.push(Math.max(da, db));
  }
  return out;
}

/** Value of x (shape s) at output multi-index idx under broadcasting. */
function at(x: Float64Array, s: readonly number[], idx: readonly number[]): number {
  const off = idx.length - s.length;
  const own = s.map((d, k) => (d === 1 ? 0 : idx[off + k]));
  return x[ravel(own, s)];
}

export function binaryRef(
  aShape: readonly number[], bShape: readonly number[], f: (x: number, y: number) => number,
): (a: Float64Array, b: Float64Array) => number[] {
  return (a, b) => {
    const shape = broadcastShape(aShape, bShape);
    const out: number[] = [];
    for (let i = 0; i < size(shape); i++) {
      const idx = unravel(i, shape);
      out.push(f(at(a, aShape, idx), at(b, bShape, idx)));
    }
    return out;
  };
}

export function unaryRef(f: (x: number) => number): (a: Float64Array) => number[] {
  return (a) => Array.from(a, f);
}

/** Reduction over one dim with f folding the values along it. */
export function reduceRef(
  shape: readonly number[], dim: number, f: (values: number[]) => number,
): (a: Float64Array) => number[] {
  return (a) => {
    const outShape = shape.filter((_, k) => k !== dim);
    const out: number[] = [];
    for (let i = 0; i < size(outShape); i++) {
      const idx = unravel(i, outShape);
      const values: number[] = [];
      for (let k = 0; k < shape[dim]; k++) {
        const full = [...idx.slice(0, dim), k, ...idx.slice(dim)];
        values.push(a[ravel(full, shape)]);
      }
      out.push(f(values));
    }
    return out;
  };
}

export function matmulRef(M: number, K: number, N: number): (a: Float64Array, b: Float64Array) => number[] {
  return (a, b) => {
    const out: number[] = [];
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += a[i * K + k] * b[k * N + j];
        out.push(s);
      }
    }
    return out;
  };
}

export const sigmoidRef = (x: number): number => 1 / (1 + Math.exp(-x));
export const sum = (v: number[]): number => v.reduce((a, b) => a + b, 0);
