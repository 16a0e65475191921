/**
 * A finite-difference gradient checker.
 *
 * numericalGrad(f, x, h): ∂f/∂x_i for every entry of x, estimated from values of f alone.
 * relError(a, b):         |a − b| / max(|a|, |b|)  (0 when both are 0).
 * gradCheck(f, x):        compares autograd's gradient of f at x with numericalGrad and says
 *                         whether they agree: { ok, maxRelError }.
 */
import { Tensor, zerosLike } from 'gradlab';

export function numericalGrad(f: (x: Tensor) => number, x: Tensor, h = 1e-5): Tensor {
  const grad = zerosLike(x);
  for (let i = 0; i < x.data.length; i++) {
    // TODO: nudge x.data[i] up and down by h, evaluate f(x) each time, put the slope in grad.data[i],
    // and put x.data[i] back the way it was.
    grad.data[i] = 0 * h * f(x);
  }
  return grad;
}

export function relError(a: number, b: number): number {
  // TODO: this is the ABSOLUTE error. Make it relative to the size of the numbers.
  return Math.abs(a - b);
}

export function gradCheck(f: (x: Tensor) => Tensor, x: Tensor): { ok: boolean; maxRelError: number } {
  x.zeroGrad();
  f(x).backward();
  const analytic = x.grad!.data; // what the backward pass claims
  const numeric = numericalGrad((t) => f(t).item(), x).data; // what finite differences measure
  let maxRelError = 0;
  for (let i = 0; i < analytic.length; i++) {
    // TODO: compare analytic[i] with numeric[i] using relError (instead of 0).
    maxRelError = Math.max(maxRelError, 0 * (analytic[i] - numeric[i]));
  }
  // TODO: decide what "ok" means.
  return { ok: true, maxRelError };
}
