import type { Tensor } from 'gradlab';

// cy: broken at run time — reads one tensor past the end of the array (a TypeError on line 6).
export function clipByGlobalNorm(grads: Tensor[], maxNorm: number): Tensor[] {
  let total = 0;
  for (let i = 0; i <= grads.length; i++) total += grads[i].square().sum().item();
  const factor = Math.min(1, maxNorm / Math.sqrt(total));
  return grads.map((g) => g.mul(factor));
}
