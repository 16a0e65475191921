/**
 * Reference solution: a unit is saturated when its tanh output is within (1 − threshold) of ±1, and
 * tanh′(z) = 1 − tanh²(z) = 1 − a² can be read straight off the output a.
 */
import { Tensor } from 'gradlab';

export function tanhSaturation(activations: Tensor, threshold = 0.99): number {
  const a = activations.data;
  let saturated = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]) > threshold) saturated++;
  return saturated / a.length;
}

export function meanTanhDerivative(activations: Tensor): number {
  const a = activations.data;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += 1 - a[i] * a[i];
  return sum / a.length;
}
