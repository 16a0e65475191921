/**
 * ReLU and LeakyReLU, forward and backward, by hand.
 *
 *   ReLU(x)       = x if x > 0, else 0
 *   LeakyReLU(x)  = x if x > 0, else slope · x
 *
 * Backward: given x (the layer's INPUT) and gradOut = ∂L/∂y, return ∂L/∂x = gradOut · f′(x),
 * element by element. Follow PyTorch at exactly x = 0: the derivative there is 0 for ReLU and
 * `slope` for LeakyReLU (x = 0 counts as "not positive").
 *
 * Work on the arrays: x.data is a Float64Array; build results with tensor(values, { shape: x.shape }).
 */
import { Tensor, tensor } from 'gradlab';

export function reluForward(x: Tensor): Tensor {
  const out = new Float64Array(x.data.length);
  for (let i = 0; i < out.length; i++) {
    // TODO: x if x > 0, else 0.
    out[i] = x.data[i];
  }
  return tensor(out, { shape: x.shape });
}

export function reluBackward(x: Tensor, gradOut: Tensor): Tensor {
  const out = new Float64Array(x.data.length);
  for (let i = 0; i < out.length; i++) {
    // TODO: the gradient only flows where the unit was active.
    out[i] = gradOut.data[i];
  }
  return tensor(out, { shape: x.shape });
}

export function leakyReluForward(x: Tensor, slope: number): Tensor {
  // TODO: x if x > 0, else slope · x.
  void slope;
  return reluForward(x);
}

export function leakyReluBackward(x: Tensor, gradOut: Tensor, slope: number): Tensor {
  // TODO: gradOut where x > 0, slope · gradOut elsewhere (x = 0 included).
  void slope;
  return reluBackward(x, gradOut);
}
