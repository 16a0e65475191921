/**
 * Clip the gradients of ALL parameters together by their global norm, exactly like PyTorch's
 * torch.nn.utils.clip_grad_norm_(params, maxNorm, normType):
 *
 *   total = ‖(all gradient entries of all parameters, as one long vector)‖_p
 *   coef  = maxNorm / (total + 1e-6), but never more than 1
 *   every gradient entry ← entry · coef            (in place)
 *   return total                                   (the norm BEFORE clipping)
 *
 * normType is 2 (Euclidean), 1 (sum of |g|) or Infinity (max |g|).
 * Parameters whose p.grad is null have no gradient: skip them.
 */
import type { Tensor } from 'gradlab';

export function clipGradNorm(params: Tensor[], maxNorm: number, normType = 2): number {
  // The gradient arrays of the parameters that have one. Write into these to clip in place.
  const grads: Float64Array[] = params.filter((p) => p.grad !== null).map((p) => p.grad!.data);

  // TODO 1: the total norm of order normType over ALL entries of ALL arrays in `grads`.
  const total = 0;

  // TODO 2: the clipping coefficient, and multiply every entry of every gradient by it.
  void grads;
  void maxNorm;
  void normType;

  return total;
}
