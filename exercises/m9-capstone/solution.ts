export interface Report {
  /** ‖∂L/∂W_l‖ for every layer at the first step, input side first. */
  layerGradNorms: number[];
  /** std of every hidden layer's activations at the first step. */
  activationStd: number[];
  /** fraction of every hidden layer's units that are exactly 0 for the whole batch. */
  deadFraction: number[];
  /** the training loss at each SGD step (may contain NaN or Infinity). */
  lossSeries: number[];
}
type Kind = 'vanishing' | 'exploding' | 'dead' | 'healthy';

export function diagnose(report: Report): Kind {
  const { layerGradNorms: g, deadFraction, lossSeries: loss } = report;
  // 1. Exploding: the loss (or a gradient) overflows, or training makes the loss grow.
  if (!loss.every(Number.isFinite) || !g.every(Number.isFinite)) return 'exploding';
  if (loss[loss.length - 1] > 10 * loss[0]) return 'exploding';
  // 2. Dead: whole layers output exactly 0. Their gradients are 0 too — check this BEFORE
  //    calling small gradients "vanishing".
  if (Math.max(...deadFraction) >= 0.5) return 'dead';
  // 3. Vanishing: the first layer gets a tiny fraction of the last layer's gradient.
  if (g[0] / g[g.length - 1] < 1e-3) return 'vanishing';
  return 'healthy';
}

export function fix(kind: 'vanishing' | 'exploding' | 'dead'): Record<string, unknown> {
  switch (kind) {
    case 'vanishing': return { activation: 'tanh', init: 'xavier' }; // slope 1 at 0 (not ¼), weights sized for tanh
    case 'exploding': return { init: 'he' }; //                     weights scaled so activations keep their size
    case 'dead': return { bias: 0 }; //                              units start in their active region
  }
}
