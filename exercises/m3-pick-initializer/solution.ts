/**
 * Reference solution: Kaiming/He for the ReLU family, Xavier/Glorot with PyTorch's gain otherwise.
 */
import { init, type Tensor } from 'gradlab';

export type Activation = 'tanh' | 'relu' | 'leaky_relu' | 'sigmoid';

const LEAKY_SLOPE = 0.01; // the networks use PyTorch's default negative slope

export function pickInit(activation: Activation): (w: Tensor) => void {
  switch (activation) {
    case 'relu':
      // ReLU zeroes half its inputs: Var(w) = 2/fan_in keeps the forward variance.
      return (w) => init.kaimingNormal_(w, { mode: 'fan_in', nonlinearity: 'relu' });
    case 'leaky_relu':
      // Same, with the gain √(2/(1 + slope²)) for the slope the layers really use.
      return (w) => init.kaimingNormal_(w, { a: LEAKY_SLOPE, mode: 'fan_in', nonlinearity: 'leaky_relu' });
    case 'tanh':
      // Zero-centred and ≈ identity near 0: Xavier, with gain 5/3 to make up for tanh's squashing.
      return (w) => init.xavierUniform_(w, init.calculateGain('tanh'));
    case 'sigmoid':
      // No scale saves a deep sigmoid net; the convention is Xavier with gain 1.
      return (w) => init.xavierUniform_(w, init.calculateGain('sigmoid'));
  }
}
