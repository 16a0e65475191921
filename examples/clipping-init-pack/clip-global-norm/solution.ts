import type { Tensor } from 'gradlab';

/** Clip by global norm: one norm over all tensors, one common factor min(1, maxNorm / total). */
export function clipByGlobalNorm(grads: Tensor[], maxNorm: number): Tensor[] {
  const total = Math.sqrt(grads.reduce((sum, g) => sum + g.square().sum().item(), 0));
  const factor = total > maxNorm ? maxNorm / total : 1;
  return grads.map((g) => g.mul(factor));
}
