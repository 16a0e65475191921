/**
 * Reference solution: σ′ = σ(1 − σ), the chain rule on y = σ(w2·σ(w1·x)), and the product of local
 * factors w·σ′(w·y_{k−1}) along the deep chain.
 */
function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function sigmoidPrime(z: number): number {
  const s = logistic(z);
  return s * (1 - s);
}

export function twoWeightGrads(w1: number, w2: number, x: number): { dydx: number; dydw1: number } {
  const z1 = w1 * x;
  const h = logistic(z1);
  const z2 = w2 * h;
  // Backward from the output: ∂y/∂z2 = σ′(z2); ∂y/∂h = σ′(z2)·w2; ∂y/∂z1 = ∂y/∂h · σ′(z1).
  const dz1 = sigmoidPrime(z2) * w2 * sigmoidPrime(z1);
  // z1 = w1·x: the last factor is w1 for ∂/∂x and x for ∂/∂w1.
  return { dydx: dz1 * w1, dydw1: dz1 * x };
}

export function chainDerivative(w: number, depth: number): number {
  let y = 0;
  let d = 1;
  for (let k = 1; k <= depth; k++) {
    d *= w * sigmoidPrime(w * y); // local factor of layer k, evaluated at its own input y_{k−1}
    y = logistic(w * y);
  }
  return d;
}
