import type { Tensor } from 'gradlab';

// ben: the classic mistake, clipping each tensor on its own instead of by the global norm.
export function clipByGlobalNorm(grads: Tensor[], maxNorm: number): Tensor[] {
  return grads.map((g) => {
    const n = g.norm().item();
    return n > maxNorm ? g.mul(maxNorm / n) : g;
  });
}
