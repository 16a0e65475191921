/**
 * Recycles gradient arrays inside backward(). Why: at exercise sizes a backward pass allocates
 * thousands of 16–64 KB Float64Arrays (≈ 2–8 µs each including zeroing and GC), the largest
 * bookkeeping cost left once the matrix products went to wasm.
 *
 * Safety rules (all three must hold before an array is reused):
 *  - it was born here (gradArray), so arrays a learner's custom op returned are never recycled;
 *  - the engine owned it as a pending gradient and the op that consumed it is a built-in op
 *    (built-in backward closures never keep their gradOut; custom Tensor.fromOp ones might);
 *  - it was not passed through to a parent nor stored as a .grad (checked in ./autograd.ts).
 * Reused arrays are zero-filled, so gradArray(n) behaves exactly like new Float64Array(n).
 */

/** Per length, at most this many spare arrays are kept (bounds what the pool holds on to). */
const MAX_SPARE_PER_SIZE = 16;

const spares = new Map<number, Float64Array[]>();
const born = new WeakSet<Float64Array>();

/** A zero-filled Float64Array of length n for a backward closure to return. */
export function gradArray(n: number): Float64Array {
  return takeSpareOrNew(n, true);
}

/**
 * Like gradArray but the contents are unspecified: only for closures that write every element
 * (a gemm output, y[i] = f(g[i]) loops). Saves the fill on reuse.
 */
export function gradArrayForOverwrite(n: number): Float64Array {
  return takeSpareOrNew(n, false);
}

/**
 * A released array of length n if there is one (zero-filled when zeroSpare), else a new one marked
 * as born here. New arrays are zero already, so only reused ones ever pay for the fill.
 */
function takeSpareOrNew(n: number, zeroSpare: boolean): Float64Array {
  const list = spares.get(n);
  if (list !== undefined && list.length > 0) {
    const a = list.pop()!;
    return zeroSpare ? a.fill(0) : a;
  }
  const a = new Float64Array(n);
  born.add(a);
  return a;
}

/** Hands a dead gradient array back (ignored unless gradArray made it). */
export function releaseGrad(a: Float64Array): void {
  if (!born.has(a)) return;
  let list = spares.get(a.length);
  if (list === undefined) {
    list = [];
    spares.set(a.length, list);
  }
  if (list.length < MAX_SPARE_PER_SIZE && !list.includes(a)) list.push(a);
}
