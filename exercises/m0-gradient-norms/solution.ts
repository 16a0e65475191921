/**
 * Reference solution: per-layer Frobenius norms of the weight gradients, and the global norm
 * √(Σ‖g‖²) over any list of gradient tensors.
 */
import { nn, Tensor } from 'gradlab';

/** Σ of squared entries: the square of the Frobenius norm. */
function sumOfSquares(t: Tensor): number {
  let s = 0;
  for (const v of t.data) s += v * v;
  return s;
}

export function perLayerGradNorms(model: nn.Module): Array<{ name: string; norm: number }> {
  return model
    .namedParameters()
    // A "layer" is a weight matrix: biases (1-D) are skipped.
    .filter(([, p]) => p.ndim >= 2)
    // No gradient at all means nothing reached this layer: report 0.
    .map(([name, p]) => ({ name, norm: p.grad === null ? 0 : Math.sqrt(sumOfSquares(p.grad)) }));
}

export function globalNorm(grads: Tensor[]): number {
  // Square BEFORE adding: the global norm is the norm of all entries laid end to end.
  let total = 0;
  for (const g of grads) total += sumOfSquares(g);
  return Math.sqrt(total);
}
