/**
 * Reference solution: element-wise loops over the Float64Arrays. The mask is taken from the INPUT
 * x with a strict x > 0, which is PyTorch's convention: at x = 0 ReLU passes no gradient and
 * LeakyReLU passes slope · gradOut.
 */
import { Tensor, tensor } from 'gradlab';

function map(x: Tensor, f: (v: number, i: number) => number): Tensor {
  const out = new Float64Array(x.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(x.data[i], i);
  return tensor(out, { shape: x.shape });
}

export function reluForward(x: Tensor): Tensor {
  return map(x, (v) => (v > 0 ? v : 0));
}

export function reluBackward(x: Tensor, gradOut: Tensor): Tensor {
  const g = gradOut.data;
  return map(x, (v, i) => (v > 0 ? g[i] : 0));
}

export function leakyReluForward(x: Tensor, slope: number): Tensor {
  return map(x, (v) => (v > 0 ? v : slope * v));
}

export function leakyReluBackward(x: Tensor, gradOut: Tensor, slope: number): Tensor {
  const g = gradOut.data;
  // Every entry keeps a nonzero gradient: slope · g on the negative side instead of nothing.
  return map(x, (v, i) => (v > 0 ? g[i] : slope * g[i]));
}
