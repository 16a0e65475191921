import { linear, type Tensor } from 'gradlab';

export interface RecurrentWeights {
  weightIh: Tensor; // [H, I]  (PyTorch layout: [out, in])
  weightHh: Tensor; // [H, H]
  bias: Tensor; //     [H]
  nonlinearity: 'tanh' | 'linear';
}

/**
 * Unroll the RNN  h_{t+1} = act(W_ih x_t + W_hh h_t + b)  over xs (T steps) from h0, backpropagate
 * L = lossFn(h_T), and return ‖∂L/∂h_t‖ for t = 0..T (T + 1 numbers, h_0 first).
 */
export function perTimestepGradNorms(
  rnn: RecurrentWeights,
  xs: Tensor[],
  h0: Tensor,
  lossFn: (hLast: Tensor) => Tensor,
): number[] {
  const states: Tensor[] = [h0];
  let h = h0;
  for (const x of xs) {
    const pre = linear(x, rnn.weightIh).add(linear(h, rnn.weightHh, rnn.bias));
    h = rnn.nonlinearity === 'tanh' ? pre.tanh() : pre;
    // TODO: make backward() keep this hidden state's gradient.
    states.push(h);
  }
  // TODO: backpropagate from lossFn(h), then read each state's gradient norm.
  void lossFn;
  return states.map(() => 0);
}

/** 'vanishing' if norms[0] / norms[T] < 1e-2, 'exploding' if > 1e2, else 'stable'. */
export function classifyRegime(norms: number[]): 'vanishing' | 'exploding' | 'stable' {
  // TODO: compare the gradient far from the loss with the one at the loss.
  void norms;
  return 'stable';
}
