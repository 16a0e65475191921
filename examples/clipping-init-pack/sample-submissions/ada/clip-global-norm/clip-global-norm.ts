import type { Tensor } from 'gradlab';

// ada: correct, written with the engine's norm() (layout <student>/<exercise-id>/<learnerFile>).
export function clipByGlobalNorm(grads: Tensor[], maxNorm: number): Tensor[] {
  const total = Math.hypot(...grads.map((g) => g.norm().item()));
  if (total <= maxNorm) return grads.map((g) => g.clone());
  return grads.map((g) => g.mul(maxNorm / total));
}
