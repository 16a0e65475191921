/**
 * Gradient-norm instruments.
 *
 * perLayerGradNorms(model): one entry per weight matrix (a parameter with 2 dimensions), in the
 *   order model.namedParameters() lists them, with the parameter's name and the Frobenius norm of
 *   its gradient: ‖G‖ = √(Σ_ij G_ij²).
 *
 * globalNorm(grads): the norm of every gradient entry taken together: √(Σ_k ‖g_k‖²).
 */
import { nn, Tensor } from 'gradlab';

export function perLayerGradNorms(model: nn.Module): Array<{ name: string; norm: number }> {
  const result: Array<{ name: string; norm: number }> = [];
  for (const [name, p] of model.namedParameters()) {
    if (p.ndim < 2) continue; // biases are not layers
    const g = p.grad; // ∂L/∂W after backward(), or null
    // TODO: compute the Frobenius norm of g (loop over g.data).
    result.push({ name, norm: 0 * (g === null ? 0 : 1) });
  }
  return result;
}

export function globalNorm(grads: Tensor[]): number {
  let total = 0;
  for (const g of grads) {
    // TODO: accumulate something from g.data so that the result is √(Σ_k ‖g_k‖²).
    total += 0 * g.numel();
  }
  return total;
}
