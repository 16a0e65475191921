/**
 * Products of random matrices.
 *
 * GradLab builds a 50-layer network of width fanIn whose weights are drawn from N(0, std²) with the
 * std your function returns, pushes a signal through it and a gradient back, and measures how much
 * both grow or shrink.
 *
 * Return the weight standard deviation that keeps the signal's norm roughly constant with depth,
 * for a layer with `fanIn` inputs followed by `activation`.
 */
export type Activation = 'linear' | 'relu' | 'tanh';

export function weightStd(fanIn: number, activation: Activation): number {
  // TODO: each output sums fanIn products w·x, so its variance is fanIn · Var(w) · E[x²].
  //       Choose Var(w) so that this stays equal to E[x²] — and remember what ReLU does to E[x²].
  void fanIn;
  void activation;
  return 1.0; // N(0, 1) weights: every layer multiplies the norm by about √fanIn
}
