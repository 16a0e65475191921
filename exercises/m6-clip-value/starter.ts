/**
 * Clip every gradient ENTRY to the interval [−clipValue, clipValue], in place, like PyTorch's
 * torch.nn.utils.clip_grad_value_:
 *
 *   g ← min(max(g, −v), v)    for every entry g of every p.grad
 *
 * - Change the gradients (p.grad), never the weights (p.data).
 * - A parameter whose p.grad is null has no gradient: skip it.
 * - A NaN entry stays NaN; +∞ becomes v and −∞ becomes −v.
 */
import type { Tensor } from 'gradlab';

export function clipGradValue(params: Tensor[], clipValue: number): void {
  for (const p of params) {
    if (p.grad === null) continue;
    const g = p.grad.data; // the gradient's values: write into this array to change it in place
    // TODO: clamp every g[i] to [−clipValue, clipValue].
    void g;
    void clipValue;
  }
}
