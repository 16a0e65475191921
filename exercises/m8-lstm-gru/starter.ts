import { nn, type Tensor } from 'gradlab';

/**
 * Make the LSTM's effective forget-gate bias equal `value` (and change nothing else).
 * The gate pre-activations are  x·W_ihᵀ + biasIh + h·W_hhᵀ + biasHh,  4·H rows in PyTorch's
 * gate order i, f, g, o. Biases are plain tensors: write into cell.biasIh!.data / cell.biasHh!.data.
 */
export function initForgetBias(cell: nn.LSTMCell, value: number): void {
  const H = cell.hiddenSize;
  // TODO: find the forget gate's rows and set its effective bias to `value`.
  void H;
  void value;
}

/** Run the cell over xs (T inputs [B, I]) and return the hidden states h_1 … h_T. */
export function unrollLSTM(cell: nn.LSTMCell, xs: Tensor[]): Tensor[] {
  const hs: Tensor[] = [];
  for (const x of xs) {
    // TODO: an LSTM step takes AND returns a state pair [h, c]: carry it to the next step.
    const [h] = cell.call(x, null);
    hs.push(h);
  }
  return hs;
}
