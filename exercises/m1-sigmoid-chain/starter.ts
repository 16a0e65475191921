/**
 * Derivatives of sigmoid chains, by the chain rule.
 *
 * sigmoidPrime(z):          σ′(z) for σ(z) = 1 / (1 + e^(−z)).
 * twoWeightGrads(w1, w2, x): ∂y/∂x and ∂y/∂w1 for y = σ(w2 · σ(w1 · x)).
 * chainDerivative(w, depth): d = ∂y_depth/∂y_0 for y_k = σ(w · y_{k−1}) with y_0 = 0.
 *
 * Write σ yourself (the engine's sigmoid is off limits here): use the `logistic` helper below.
 */
function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function sigmoidPrime(z: number): number {
  // TODO: σ′(z), written with logistic(z).
  return 0 * logistic(z);
}

export function twoWeightGrads(w1: number, w2: number, x: number): { dydx: number; dydw1: number } {
  // Forward pass, keeping what the backward pass needs.
  const z1 = w1 * x;
  const h = logistic(z1);
  const z2 = w2 * h;
  // TODO: walk back from y to x and to w1, one factor per step (y = σ(z2), z2 = w2·h, h = σ(z1), z1 = w1·x).
  return { dydx: 0 * z2, dydw1: 0 };
}

export function chainDerivative(w: number, depth: number): number {
  let y = 0; // y_0
  let d = 1;
  for (let k = 1; k <= depth; k++) {
    // TODO: replace 0 with layer k's local factor ∂y_k/∂y_{k−1} (evaluated at THIS layer's input y).
    d *= 0;
    y = logistic(w * y);
  }
  return d;
}
