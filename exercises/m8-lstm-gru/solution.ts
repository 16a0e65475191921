import { nn, type Tensor } from 'gradlab';

/**
 * Make the forget gate's bias equal `value`. PyTorch's gate order is i, f, g, o, so the forget gate
 * owns rows [H, 2H) of biasIh and biasHh. The two biases are ADDED in every step, so one of them
 * carries the value and the other is zeroed: the effective bias is exactly `value`.
 */
export function initForgetBias(cell: nn.LSTMCell, value: number): void {
  const H = cell.hiddenSize;
  for (let j = H; j < 2 * H; j++) {
    cell.biasIh!.data[j] = value;
    cell.biasHh!.data[j] = 0;
  }
}

/** Run the cell over xs, carrying BOTH the hidden state h and the cell state c; return h_1 … h_T. */
export function unrollLSTM(cell: nn.LSTMCell, xs: Tensor[]): Tensor[] {
  const hs: Tensor[] = [];
  let state: [Tensor, Tensor] | null = null;
  for (const x of xs) {
    state = cell.call(x, state);
    hs.push(state[0]);
  }
  return hs;
}
