/**
 * Elementwise arithmetic with NumPy broadcasting, and elementwise math functions.
 * Each op computes forward into a fresh Float64Array and hands Tensor.fromOp a local backward.
 * Backward closures only read gradOut and return fresh (or aliased, never mutated) arrays.
 */
import { Tensor, type TensorOrNumber } from '../tensor';
import { ArgumentError } from '../errors';
import { broadcastShapes, sameShape } from '../shape';
import { expandData, reduceToShape, sumRows } from './broadcast';
import { gradArray, gradArrayForOverwrite } from '../grad-pool';

/** Throws a clear message when a learner passes something that is neither a Tensor nor a number. */
export function asTensor(x: TensorOrNumber, op: string, what = 'operand'): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x === 'number') return new Tensor(new Float64Array([x]), []);
  throw new ArgumentError(
    `${op}: the ${what} must be a Tensor or a number, got ${describe(x)}. Wrap arrays with tensor([...]).`,
  );
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a plain array';
  if (typeof x === 'object') return `an object (${(x as object).constructor?.name ?? 'Object'})`;
  return typeof x;
}

interface Broadcast {
  shape: readonly number[];
  ad: Float64Array;
  bd: Float64Array;
}

function broadcastPair(a: Tensor, b: Tensor, op: string): Broadcast {
  if (sameShape(a.shape, b.shape)) return { shape: a.shape, ad: a.data, bd: b.data };
  const shape = broadcastShapes(a.shape, b.shape, op);
  return { shape, ad: expandData(a.data, a.shape, shape), bd: expandData(b.data, b.shape, shape) };
}

// ---------------------------------------------------------------- binary arithmetic

export function add(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  if (typeof b === 'number' && a instanceof Tensor) return addScalar(a, b);
  if (typeof a === 'number' && b instanceof Tensor) return addScalar(b, a);
  const ta = asTensor(a, 'add', 'first operand');
  const tb = asTensor(b, 'add', 'second operand');
  if (isRowBroadcast(ta, tb)) return addRow(ta, tb);
  const { shape, ad, bd } = broadcastPair(ta, tb, 'add');
  const n = ad.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ad[i] + bd[i];
  return Tensor._op(out, shape, 'add', [ta, tb], (g) => [
    ta.requiresGrad ? reduceToShape(g, shape, ta.shape) : null,
    tb.requiresGrad ? reduceToShape(g, shape, tb.shape) : null,
  ]);
}

/** True when b's shape is exactly the trailing dims of a's (a bias row [C] against [N, C]). */
function isRowBroadcast(a: Tensor, b: Tensor): boolean {
  const nb = b.ndim;
  const na = a.ndim;
  if (nb === 0 || nb >= na) return false;
  for (let i = 1; i <= nb; i++) if (a.shape[na - i] !== b.shape[nb - i]) return false;
  return true;
}

/** a + row without materialising the broadcast row: the bias-add of every dense layer. */
function addRow(a: Tensor, row: Tensor): Tensor {
  const ad = a.data;
  const rd = row.data;
  const n = ad.length;
  const c = rd.length;
  const out = new Float64Array(n);
  for (let off = 0; off < n; off += c) {
    for (let j = 0; j < c; j++) out[off + j] = ad[off + j] + rd[j];
  }
  return Tensor._op(out, a.shape, 'add', [a, row], (g) => {
    const gr = row.requiresGrad ? sumRows(g, c === 0 ? 0 : n / c, c) : null;
    return [a.requiresGrad ? g : null, gr];
  });
}

function addScalar(a: Tensor, s: number): Tensor {
  const ad = a.data;
  const n = ad.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ad[i] + s;
  return Tensor._op(out, a.shape, 'add', [a], (g) => [g]);
}

export function sub(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  if (typeof b === 'number' && a instanceof Tensor) return addScalar(a, -b);
  const ta = asTensor(a, 'sub', 'first operand');
  const tb = asTensor(b, 'sub', 'second operand');
  const { shape, ad, bd } = broadcastPair(ta, tb, 'sub');
  const n = ad.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ad[i] - bd[i];
  return Tensor._op(out, shape, 'sub', [ta, tb], (g) => [
    ta.requiresGrad ? reduceToShape(g, shape, ta.shape) : null,
    tb.requiresGrad ? reduceToShape(negate(g), shape, tb.shape) : null,
  ]);
}

function negate(g: Float64Array): Float64Array {
  const out = gradArrayForOverwrite(g.length);
  for (let i = 0; i < g.length; i++) out[i] = -g[i];
  return out;
}

function scale(g: Float64Array, s: number): Float64Array {
  const out = gradArrayForOverwrite(g.length);
  for (let i = 0; i < g.length; i++) out[i] = g[i] * s;
  return out;
}

function mulScalar(a: Tensor, s: number, op = 'mul'): Tensor {
  const ad = a.data;
  const n = ad.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ad[i] * s;
  return Tensor._op(out, a.shape, op, [a], (g) => [scale(g, s)]);
}

export function mul(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  if (typeof b === 'number' && a instanceof Tensor) return mulScalar(a, b);
  if (typeof a === 'number' && b instanceof Tensor) return mulScalar(b, a);
  const ta = asTensor(a, 'mul', 'first operand');
  const tb = asTensor(b, 'mul', 'second operand');
  const { shape, ad, bd } = broadcastPair(ta, tb, 'mul');
  const n = ad.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ad[i] * bd[i];
  return Tensor._op(out, shape, 'mul', [ta, tb], (g) => {
    let ga: Float64Array | null = null;
    let gb: Float64Array | null = null;
    if (ta.requiresGrad) {
      const t = gradArrayForOverwrite(n);
      for (let i = 0; i < n; i++) t[i] = g[i] * bd[i];
      ga = reduceToShape(t, shape, ta.shape);
    }
    if (tb.requiresGrad) {
      const t = gradArrayForOverwrite(n);
      for (let i = 0; i < n; i++) t[i] = g[i] * ad[i];
      gb = reduceToShape(t, shape, tb.shape);
    }
    return [ga, gb];
  });
}

export function div(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  if (typeof b === 'number' && a instanceof Tensor) return mulScalar(a, 1 / b, 'div');
  const ta = asTensor(a, 'div', 'numerator');
  const tb = asTensor(b, 'div', 'denominator');
  const { shape, ad, bd } = broadcastPair(ta, tb, 'div');
  const n = ad.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ad[i] / bd[i];
  return Tensor._op(out, shape, 'div', [ta, tb], (g) => {
    let ga: Float64Array | null = null;
    let gb: Float64Array | null = null;
    if (ta.requiresGrad) {
      const t = new Float64Array(n);
      for (let i = 0; i < n; i++) t[i] = g[i] / bd[i];
      ga = reduceToShape(t, shape, ta.shape);
    }
    if (tb.requiresGrad) {
      const t = new Float64Array(n);
      for (let i = 0; i < n; i++) t[i] = (-g[i] * out[i]) / bd[i];
      gb = reduceToShape(t, shape, tb.shape);
    }
    return [ga, gb];
  });
}

/** a ** exponent. A number exponent is the common case; a tensor exponent also gets a gradient. */
export function pow(a: TensorOrNumber, exponent: TensorOrNumber): Tensor {
  if (typeof exponent === 'number' && a instanceof Tensor) return powScalar(a, exponent);
  const ta = asTensor(a, 'pow', 'base');
  const tb = asTensor(exponent, 'pow', 'exponent');
  const { shape, ad, bd } = broadcastPair(ta, tb, 'pow');
  const n = ad.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.pow(ad[i], bd[i]);
  return Tensor._op(out, shape, 'pow', [ta, tb], (g) => {
    let ga: Float64Array | null = null;
    let gb: Float64Array | null = null;
    if (ta.requiresGrad) {
      const t = new Float64Array(n);
      for (let i = 0; i < n; i++) t[i] = bd[i] === 0 ? 0 : g[i] * bd[i] * Math.pow(ad[i], bd[i] - 1);
      ga = reduceToShape(t, shape, ta.shape);
    }
    if (tb.requiresGrad) {
      const t = new Float64Array(n);
      // PyTorch: d/db a^b = a^b·ln a, defined as 0 where a = 0 and b ≥ 0.
      for (let i = 0; i < n; i++) t[i] = ad[i] === 0 && bd[i] >= 0 ? 0 : g[i] * out[i] * Math.log(ad[i]);
      gb = reduceToShape(t, shape, tb.shape);
    }
    return [ga, gb];
  });
}

function powScalar(a: Tensor, p: number): Tensor {
  const ad = a.data;
  const n = ad.length;
  const out = new Float64Array(n);
  if (p === 2) for (let i = 0; i < n; i++) out[i] = ad[i] * ad[i];
  else for (let i = 0; i < n; i++) out[i] = Math.pow(ad[i], p);
  return Tensor._op(out, a.shape, 'pow', [a], (g) => {
    const t = gradArray(n);
    if (p === 0) return [t];
    if (p === 2) for (let i = 0; i < n; i++) t[i] = 2 * ad[i] * g[i];
    else for (let i = 0; i < n; i++) t[i] = p * Math.pow(ad[i], p - 1) * g[i];
    return [t];
  });
}

// ---------------------------------------------------------------- unary math

/** Shared shape of a unary op whose derivative is computed from the input x and the output y. */
function unary(
  a: Tensor,
  op: string,
  forward: (x: number) => number,
  derivative: (x: number, y: number) => number,
): Tensor {
  const t = asTensor(a, op, 'input');
  const ad = t.data;
  const n = ad.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = forward(ad[i]);
  return Tensor._op(out, t.shape, op, [t], (g) => {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) r[i] = g[i] * derivative(ad[i], out[i]);
    return [r];
  });
}

export function neg(a: Tensor): Tensor {
  return mulScalar(asTensor(a, 'neg', 'input'), -1, 'neg');
}

export function exp(a: Tensor): Tensor {
  const t = asTensor(a, 'exp', 'input');
  const ad = t.data;
  const n = ad.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.exp(ad[i]);
  return Tensor._op(out, t.shape, 'exp', [t], (g) => {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) r[i] = g[i] * out[i];
    return [r];
  });
}

export function log(a: Tensor): Tensor {
  return unary(a, 'log', Math.log, (x) => 1 / x);
}

export function sqrt(a: Tensor): Tensor {
  return unary(a, 'sqrt', Math.sqrt, (_x, y) => 0.5 / y);
}

/** |x|; gradient sign(x), 0 at 0 (PyTorch's choice at the kink). */
export function abs(a: Tensor): Tensor {
  return unary(a, 'abs', Math.abs, (x) => (x > 0 ? 1 : x < 0 ? -1 : 0));
}

export function square(a: Tensor): Tensor {
  return powScalar(asTensor(a, 'square', 'input'), 2);
}

export function reciprocal(a: Tensor): Tensor {
  return unary(a, 'reciprocal', (x) => 1 / x, (_x, y) => -y * y);
}

/**
 * Clamps into [min, max] (either bound optional). Gradient is 1 where min ≤ x ≤ max, else 0 —
 * PyTorch's convention, so clipping that saturates kills the gradient, which is the lesson.
 */
export function clamp(a: Tensor, min?: number | null, max?: number | null): Tensor {
  const lo = min === undefined || min === null ? -Infinity : min;
  const hi = max === undefined || max === null ? Infinity : max;
  if (Number.isNaN(lo) || Number.isNaN(hi)) throw new ArgumentError('clamp: min and max must not be NaN.');
  if (lo === -Infinity && hi === Infinity) {
    throw new ArgumentError('clamp: give at least one of min or max, e.g. x.clamp(-1, 1) or x.clamp(0).');
  }
  return unary(
    a,
    'clamp',
    (x) => (x < lo ? lo : x > hi ? hi : x),
    (x) => (x >= lo && x <= hi ? 1 : 0),
  );
}

/** Sign (−1, 0, 1); no gradient (it is piecewise constant), so the result never requires grad. */
export function sign(a: Tensor): Tensor {
  const t = asTensor(a, 'sign', 'input');
  const out = new Float64Array(t.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.sign(t.data[i]);
  return new Tensor(out, t.shape);
}

// ---------------------------------------------------------------- comparisons (0/1, no gradient)

function compare(a: TensorOrNumber, b: TensorOrNumber, op: string, f: (x: number, y: number) => boolean): Tensor {
  const ta = asTensor(a, op, 'first operand');
  const tb = asTensor(b, op, 'second operand');
  const { shape, ad, bd } = broadcastPair(ta, tb, op);
  const out = new Float64Array(ad.length);
  for (let i = 0; i < out.length; i++) out[i] = f(ad[i], bd[i]) ? 1 : 0;
  return new Tensor(out, shape);
}

export const gt = (a: TensorOrNumber, b: TensorOrNumber): Tensor => compare(a, b, 'gt', (x, y) => x > y);
export const lt = (a: TensorOrNumber, b: TensorOrNumber): Tensor => compare(a, b, 'lt', (x, y) => x < y);
export const ge = (a: TensorOrNumber, b: TensorOrNumber): Tensor => compare(a, b, 'ge', (x, y) => x >= y);
export const le = (a: TensorOrNumber, b: TensorOrNumber): Tensor => compare(a, b, 'le', (x, y) => x <= y);
export const eq = (a: TensorOrNumber, b: TensorOrNumber): Tensor => compare(a, b, 'eq', (x, y) => x === y);

/** where(cond, a, b): a where cond ≠ 0, else b (all three broadcast). Gradient flows to the chosen side. */
export function where(cond: Tensor, a: TensorOrNumber, b: TensorOrNumber): Tensor {
  const tc = asTensor(cond, 'where', 'condition');
  const ta = asTensor(a, 'where', 'second argument');
  const tb = asTensor(b, 'where', 'third argument');
  const shape = broadcastShapes(broadcastShapes(tc.shape, ta.shape, 'where'), tb.shape, 'where');
  const cd = expandData(tc.data, tc.shape, shape);
  const ad = expandData(ta.data, ta.shape, shape);
  const bd = expandData(tb.data, tb.shape, shape);
  const n = cd.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = cd[i] !== 0 ? ad[i] : bd[i];
  return Tensor._op(out, shape, 'where', [ta, tb], (g) => {
    const gaFull = new Float64Array(n);
    const gbFull = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (cd[i] !== 0) gaFull[i] = g[i];
      else gbFull[i] = g[i];
    }
    return [
      ta.requiresGrad ? reduceToShape(gaFull, shape, ta.shape) : null,
      tb.requiresGrad ? reduceToShape(gbFull, shape, tb.shape) : null,
    ];
  });
}
