import { linear, type Tensor } from 'gradlab';

export interface RecurrentWeights {
  weightIh: Tensor; // [H, I]
  weightHh: Tensor; // [H, H]
  bias: Tensor; //     [H]
  nonlinearity: 'tanh' | 'linear';
}

/** ‖∂L/∂h_t‖ for t = 0..T, where h_0 is the initial state and L = lossFn(h_T). */
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
    // h is an intermediate result: without retainGrad() backward() would not keep its gradient.
    h.retainGrad();
    states.push(h);
  }
  lossFn(h).backward();
  return states.map((s) => s.grad!.norm().item());
}

/** Compare the gradient at the far end (t = 0) with the one right at the loss (t = T). */
export function classifyRegime(norms: number[]): 'vanishing' | 'exploding' | 'stable' {
  const ratio = norms[0] / norms[norms.length - 1];
  if (ratio < 1e-2) return 'vanishing';
  if (ratio > 1e2) return 'exploding';
  return 'stable';
}
