/**
 * Weight decay two ways. Every function updates the parameters IN PLACE (write into p.data).
 * Weight decay applies to weight matrices only (p.shape.length >= 2); biases (1-D) get the plain update.
 *
 * L2 penalty: add (λ/2)‖w‖² to the loss. Its gradient is λw, so the step becomes
 *     w ← w − lr·(g + λw)
 * Decoupled weight decay: shrink the weights directly, separately from the gradient step:
 *     w ← w − lr·λ·w − lr·g        (= (1 − lr·λ)·w − lr·g)
 */
import type { Tensor } from 'gradlab';

export function sgdStepWithL2(params: Tensor[], lr: number, lambda: number): void {
  for (const p of params) {
    if (p.grad === null) continue;
    const w = p.data, g = p.grad.data;
    // TODO: add the L2 penalty's gradient λ·w (weights only, not biases).
    void lambda;
    for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
  }
}

export function sgdStepWithDecay(params: Tensor[], lr: number, lambda: number): void {
  for (const p of params) {
    if (p.grad === null) continue;
    const w = p.data, g = p.grad.data;
    // TODO: shrink the weights by lr·λ·w (weights only, not biases), separately from the gradient.
    void lambda;
    for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
  }
}

export interface AdamState { step: number; m: Float64Array[]; v: Float64Array[] }
export interface AdamHyper { lr: number; beta1: number; beta2: number; eps: number; weightDecay: number; decoupled: boolean }

/**
 * One Adam step (state.m / state.v start at zero, state.step at 0; you advance state.step).
 * decoupled = false: L2 penalty, as torch.optim.Adam(weight_decay=λ).
 * decoupled = true:  decoupled decay, as torch.optim.AdamW(weight_decay=λ).
 */
export function adamStep(params: Tensor[], state: AdamState, h: AdamHyper): void {
  state.step += 1;
  const t = state.step;
  params.forEach((p, j) => {
    if (p.grad === null) return;
    const w = p.data, g = p.grad.data, m = state.m[j], v = state.v[j];
    for (let i = 0; i < w.length; i++) {
      // TODO (decoupled = false): add the L2 term to the gradient used below.
      const gi = g[i];
      m[i] = h.beta1 * m[i] + (1 - h.beta1) * gi;
      v[i] = h.beta2 * v[i] + (1 - h.beta2) * gi * gi;
      const mHat = m[i] / (1 - h.beta1 ** t);
      const vHat = v[i] / (1 - h.beta2 ** t);
      // TODO (decoupled = true): also shrink w by lr·λ·w, using w from BEFORE this step's update.
      w[i] -= (h.lr * mHat) / (Math.sqrt(vHat) + h.eps);
    }
  });
}
