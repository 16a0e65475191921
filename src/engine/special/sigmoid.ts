/**
 * The scalar logistic sigmoid 1/(1+e^{−x}) shared by the sigmoid op, the fused LSTM cell and
 * binaryCrossEntropyWithLogits, so all three produce the same doubles for the same input.
 * For x < 0 it uses e^x/(1+e^x) instead: e^{−x} would overflow to Infinity for x < −709, and the
 * rewritten form keeps full relative precision for tiny results. NaN takes the second branch and
 * stays NaN.
 */
export function sigmoidScalar(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
