/**
 * Reference solution: centered differences, the CS231n relative error, and a checker that compares
 * autograd with the numerical gradient element by element.
 */
import { Tensor, zerosLike } from 'gradlab';

export function numericalGrad(f: (x: Tensor) => number, x: Tensor, h = 1e-5): Tensor {
  const grad = zerosLike(x);
  const d = x.data;
  for (let i = 0; i < d.length; i++) {
    const orig = d[i];
    d[i] = orig + h;
    const plus = f(x);
    d[i] = orig - h;
    const minus = f(x);
    d[i] = orig; // restore: the caller's tensor must come back unchanged
    // Centered: the h² terms of the two Taylor expansions cancel, leaving an error ∝ h².
    grad.data[i] = (plus - minus) / (2 * h);
  }
  return grad;
}

export function relError(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}

/** Relative errors below this pass; smooth float64 functions reach ~1e-9 with h = 1e-5. */
const TOLERANCE = 1e-6;

export function gradCheck(f: (x: Tensor) => Tensor, x: Tensor): { ok: boolean; maxRelError: number } {
  x.zeroGrad();
  f(x).backward();
  const analytic = x.grad!.data;
  const numeric = numericalGrad((t) => f(t).item(), x).data;
  let maxRelError = 0;
  for (let i = 0; i < analytic.length; i++) maxRelError = Math.max(maxRelError, relError(analytic[i], numeric[i]));
  return { ok: maxRelError <= TOLERANCE, maxRelError };
}
