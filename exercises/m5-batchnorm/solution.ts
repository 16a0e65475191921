/**
 * Reference: the compact backward formula. With m the batch size and s = 1/√(σ² + ε),
 *   dβ = Σ dy,  dγ = Σ dy·x̂,  dx = γ·s/m · (m·dy − Σ dy − x̂ · Σ(dy·x̂))
 * (sums over the batch, per feature). The two subtracted terms are the paths through μ and σ².
 */
import { Tensor } from 'gradlab';

export interface BatchNormCache {
  xhat: Tensor;
  invStd: Tensor; // [1, C]
  gamma: Tensor;
}

export function batchNormForward(x: Tensor, gamma: Tensor, beta: Tensor, eps: number): { y: Tensor; cache: BatchNormCache } {
  const mu = x.mean(0, true);
  const centered = x.sub(mu);
  const variance = centered.square().mean(0, true); // biased: divides by N, as PyTorch normalises
  const invStd = variance.add(eps).sqrt().reciprocal();
  const xhat = centered.mul(invStd);
  return { y: xhat.mul(gamma).add(beta), cache: { xhat, invStd, gamma } };
}

export function batchNormBackward(dy: Tensor, cache: BatchNormCache): { dx: Tensor; dgamma: Tensor; dbeta: Tensor } {
  const { xhat, invStd, gamma } = cache;
  const m = dy.shape[0];
  const dbeta = dy.sum(0);
  const dgamma = dy.mul(xhat).sum(0);
  const dx = dy
    .mul(m)
    .sub(dbeta)
    .sub(xhat.mul(dgamma))
    .mul(gamma.reshape(1, -1).mul(invStd).div(m));
  return { dx, dgamma, dbeta };
}
