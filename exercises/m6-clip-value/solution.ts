/**
 * Reference solution: clamp every gradient entry to [−v, v] in place (torch.nn.utils.clip_grad_value_).
 */
import type { Tensor } from 'gradlab';

export function clipGradValue(params: Tensor[], clipValue: number): void {
  for (const p of params) {
    if (p.grad === null) continue; // a parameter that got no gradient (frozen, unused) is skipped
    const g = p.grad.data; // writing into .data changes the gradient in place
    for (let i = 0; i < g.length; i++) {
      // Comparisons with NaN are false, so a NaN falls through both branches and stays NaN.
      if (g[i] > clipValue) g[i] = clipValue;
      else if (g[i] < -clipValue) g[i] = -clipValue;
    }
  }
}
