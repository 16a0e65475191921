/**
 * Reference solution. `gradlab validate` runs it through the harness on every seed and requires
 * every check to pass; its metrics are also the "reference" line in the learner's chart.
 */
export function sigmoidGrad(x: number): number {
  const s = 1 / (1 + Math.exp(-x));
  // Both factors are positive and sum to 1, so the product is at most 1/4 (at s = 1/2, x = 0).
  return s * (1 - s);
}
