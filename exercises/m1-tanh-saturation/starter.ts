/**
 * A tanh saturation meter. `activations` holds a layer's tanh OUTPUTS a = tanh(z), any shape.
 *
 * tanhSaturation(activations, threshold): the fraction of entries with |a| > threshold.
 * meanTanhDerivative(activations):        the average of tanh′(z) over all entries, from the outputs.
 */
import { Tensor } from 'gradlab';

export function tanhSaturation(activations: Tensor, threshold = 0.99): number {
  const a = activations.data;
  let saturated = 0;
  for (let i = 0; i < a.length; i++) {
    // TODO: count the entries pinned near +1 or −1 (instead of adding 0).
    saturated += 0 * a[i];
  }
  return saturated * threshold;
}

export function meanTanhDerivative(activations: Tensor): number {
  const a = activations.data;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    // TODO: add tanh′ for this entry instead of 0. Hint: tanh′(z) can be written with a = tanh(z) alone.
    sum += 0 * a[i];
  }
  return sum / a.length;
}
