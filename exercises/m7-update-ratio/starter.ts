/**
 * 1. updateRatios: for each parameter, ‖W_after − W_before‖ / ‖W_before‖ (Frobenius norms).
 *    paramsBefore[i] is a copy of parameter i before the optimizer step, paramsAfter[i] the parameter after it.
 * 2. detectDivergence: true when the run has diverged:
 *    - some loss is NaN or ±∞, or
 *    - 5 consecutive losses are ALL more than 2 × the lowest loss seen before them.
 *    A single spike, or a short burst shorter than 5 steps, is noise, not divergence.
 */
import type { Tensor } from 'gradlab';

export function updateRatios(paramsBefore: Tensor[], paramsAfter: Tensor[]): number[] {
  return paramsAfter.map((after, i) => {
    const a = after.data, b = paramsBefore[i].data;
    // TODO: return ‖a − b‖ / ‖b‖.
    void a;
    void b;
    return 0;
  });
}

export function detectDivergence(losses: number[]): boolean {
  // TODO: non-finite losses, and a sustained rise (5 steps above 2× the best loss so far).
  void losses;
  return false;
}
