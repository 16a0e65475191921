/**
 * Batch normalization, training mode, for a batch x of shape [N, C] (N examples, C features):
 *
 *   μ = mean over the batch (per feature)      σ² = mean((x − μ)²)  (biased: divide by N)
 *   x̂ = (x − μ) / √(σ² + eps)                  y = γ · x̂ + β
 *
 * batchNormForward returns y and a `cache` of whatever batchNormBackward will need; batchNormBackward
 * gets dy = ∂L/∂y and returns dx = ∂L/∂x, dgamma = ∂L/∂γ, dbeta = ∂L/∂β — written by hand: GradLab
 * calls your forward with autograd switched off.
 */
import { Tensor } from 'gradlab';

export interface BatchNormCache {
  x: Tensor;
  // TODO: add what the backward needs (x̂? 1/√(σ² + eps)? γ?).
}

export function batchNormForward(x: Tensor, gamma: Tensor, beta: Tensor, eps: number): { y: Tensor; cache: BatchNormCache } {
  const mu = x.mean(0, true); // [1, C]
  const centered = x.sub(mu);
  // TODO: divide by √(σ² + eps), with σ² the BIASED batch variance, then scale by gamma.
  void eps;
  void gamma;
  const y = centered.add(beta);
  return { y, cache: { x } };
}

export function batchNormBackward(dy: Tensor, cache: BatchNormCache): { dx: Tensor; dgamma: Tensor; dbeta: Tensor } {
  const dbeta = dy.sum(0); // β is added to every row, so its gradient is the column sum of dy.
  // TODO: dgamma = Σ over the batch of dy · x̂.
  const dgamma = dbeta.mul(0);
  // TODO: dx. Remember that μ and σ² depend on every x in the batch.
  const dx = dy.mul(1);
  void cache;
  return { dx, dgamma, dbeta };
}
