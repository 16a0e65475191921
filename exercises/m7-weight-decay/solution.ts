/**
 * Reference solution: L2 penalty vs decoupled weight decay, for SGD and for Adam.
 * Weight decay applies to weight matrices (2-D tensors) only; biases (1-D) are updated without it.
 */
import type { Tensor } from 'gradlab';

const decays = (p: Tensor) => p.shape.length >= 2;

/** L2 penalty (λ/2)‖w‖² added to the loss: its gradient λw is added to g. */
export function sgdStepWithL2(params: Tensor[], lr: number, lambda: number): void {
  for (const p of params) {
    if (p.grad === null) continue;
    const w = p.data, g = p.grad.data;
    const lam = decays(p) ? lambda : 0;
    for (let i = 0; i < w.length; i++) w[i] -= lr * (g[i] + lam * w[i]);
  }
}

/** Decoupled weight decay: shrink w by the factor (1 − lr·λ), then the plain gradient step. */
export function sgdStepWithDecay(params: Tensor[], lr: number, lambda: number): void {
  for (const p of params) {
    if (p.grad === null) continue;
    const w = p.data, g = p.grad.data;
    const shrink = decays(p) ? 1 - lr * lambda : 1;
    for (let i = 0; i < w.length; i++) w[i] = shrink * w[i] - lr * g[i];
  }
}

export interface AdamState { step: number; m: Float64Array[]; v: Float64Array[] }
export interface AdamHyper { lr: number; beta1: number; beta2: number; eps: number; weightDecay: number; decoupled: boolean }

/** One Adam step; decoupled = false: L2 (torch.optim.Adam), true: AdamW. */
export function adamStep(params: Tensor[], state: AdamState, h: AdamHyper): void {
  state.step += 1;
  const t = state.step;
  params.forEach((p, j) => {
    if (p.grad === null) return;
    const w = p.data, g = p.grad.data, m = state.m[j], v = state.v[j];
    const lam = decays(p) ? h.weightDecay : 0;
    for (let i = 0; i < w.length; i++) {
      const wOld = w[i];
      // L2: the penalty's gradient joins g, so it is averaged into m and divided by √v̂ like g.
      const gi = h.decoupled ? g[i] : g[i] + lam * wOld;
      m[i] = h.beta1 * m[i] + (1 - h.beta1) * gi;
      v[i] = h.beta2 * v[i] + (1 - h.beta2) * gi * gi;
      const mHat = m[i] / (1 - h.beta1 ** t);
      const vHat = v[i] / (1 - h.beta2 ** t);
      // Decoupled: the shrink uses the weight before this step, and bypasses Adam's scaling.
      const decay = h.decoupled ? h.lr * lam * wOld : 0;
      w[i] = wOld - decay - (h.lr * mHat) / (Math.sqrt(vHat) + h.eps);
    }
  });
}
