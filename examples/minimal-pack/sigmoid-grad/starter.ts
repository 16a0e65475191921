/**
 * Return the derivative of the logistic sigmoid at x:
 *
 *   σ'(x) = σ(x) · (1 − σ(x)),   where σ(x) = 1 / (1 + e^(−x)).
 */
export function sigmoidGrad(x: number): number {
  // TODO: replace this with σ(x) · (1 − σ(x)).
  return 0 * x;
}
