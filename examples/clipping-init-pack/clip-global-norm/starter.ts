import type { Tensor } from 'gradlab';

/**
 * Clip `grads` by their global norm: if √(Σ‖g‖²) over all tensors exceeds maxNorm, scale every
 * tensor by maxNorm / total. Return new tensors; leave small gradients unchanged.
 */
export function clipByGlobalNorm(grads: Tensor[], maxNorm: number): Tensor[] {
  // TODO: compute the global norm over all tensors and scale them all by the same factor.
  void maxNorm;
  return grads;
}
