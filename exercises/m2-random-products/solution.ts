/**
 * Reference solution: the standard deviation that keeps ‖h‖ (and ‖∂L/∂h‖) roughly constant through
 * a deep stack of fanIn-wide layers.
 */
export type Activation = 'linear' | 'relu' | 'tanh';

export function weightStd(fanIn: number, activation: Activation): number {
  // Var(Σ_j w_j x_j) = fanIn · Var(w) · E[x²]: one over fanIn cancels the sum, so std = gain/√fanIn.
  // ReLU zeroes half of its inputs, halving E[x²]: the gain √2 puts that half back.
  // tanh has slope 1 at 0 and less elsewhere; 5/3 is the gain PyTorch recommends to make up for it.
  const gain = activation === 'relu' ? Math.SQRT2 : activation === 'tanh' ? 5 / 3 : 1;
  return gain / Math.sqrt(fanIn);
}
