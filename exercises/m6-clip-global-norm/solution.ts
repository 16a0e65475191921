/**
 * Reference solution: torch.nn.utils.clip_grad_norm_ semantics.
 */
import type { Tensor } from 'gradlab';

/** p-norm of a list of numbers; normType Infinity gives max |x| (NaN propagates). */
function pNorm(values: ArrayLike<number>, normType: number): number {
  if (normType === Infinity) {
    let m = 0;
    for (let i = 0; i < values.length; i++) {
      const a = Math.abs(values[i]);
      if (Number.isNaN(a)) return NaN; // Math.max would propagate it too; explicit for the reader
      m = Math.max(m, a);
    }
    return m;
  }
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.abs(values[i]) ** normType;
  return s ** (1 / normType);
}

export function clipGradNorm(params: Tensor[], maxNorm: number, normType = 2): number {
  const grads = params.filter((p) => p.grad !== null).map((p) => p.grad!.data);
  if (grads.length === 0) return 0;
  // ONE norm over all gradients together: the norm of the per-tensor norms.
  const total = pNorm(grads.map((g) => pNorm(g, normType)), normType);
  // The 1e-6 keeps the division finite for a zero gradient; Math.min clamps the factor to 1 so a small
  // gradient is never scaled UP (and propagates NaN like torch.clamp).
  const coef = Math.min(maxNorm / (total + 1e-6), 1);
  for (const g of grads) for (let i = 0; i < g.length; i++) g[i] *= coef;
  return total; // the norm BEFORE clipping: what you log to watch for explosions
}
