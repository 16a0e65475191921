/**
 * Reference solution: the update:weight ratio per parameter, and a windowed divergence detector.
 */
import type { Tensor } from 'gradlab';

/** ‖W_after − W_before‖ / ‖W_before‖ for each parameter (Frobenius norms). */
export function updateRatios(paramsBefore: Tensor[], paramsAfter: Tensor[]): number[] {
  return paramsAfter.map((after, i) => {
    const a = after.data, b = paramsBefore[i].data;
    let du = 0, w = 0;
    for (let k = 0; k < a.length; k++) {
      du += (a[k] - b[k]) ** 2;
      w += b[k] ** 2;
    }
    return Math.sqrt(du) / Math.sqrt(w);
  });
}

const WINDOW = 5;
const FACTOR = 2;

/** true when a loss is NaN/±∞, or WINDOW consecutive losses all exceed FACTOR × the best loss before them. */
export function detectDivergence(losses: number[]): boolean {
  // Check non-finite values explicitly: every comparison with NaN is false, so a NaN would slip
  // through the window test below.
  if (losses.some((x) => !Number.isFinite(x))) return true;
  let best = Infinity; // the lowest loss before the current window
  let run = 0; //          how many consecutive losses so far exceed FACTOR × best
  for (let t = 0; t < losses.length; t++) {
    if (t > 0 && losses[t] > FACTOR * best) {
      run += 1;
      if (run >= WINDOW) return true;
    } else {
      run = 0;
    }
    // A loss inside a run of high values is not a "best" anyway (it is > 2× best), so updating here is safe.
    best = Math.min(best, losses[t]);
  }
  return false;
}
