/**
 * Reference solution: random weights (Xavier for the tanh layer), zero biases.
 */
import { init, nn } from 'gradlab';

export function initWeights(model: nn.Sequential): void {
  for (const layer of model.children()) {
    if (!(layer instanceof nn.Linear)) continue;
    // Random weights make every hidden unit compute a different function of the input, so each
    // gets a different gradient. Biases may start at 0: the weights already break the symmetry.
    init.xavierUniform_(layer.weight, init.calculateGain('tanh'));
    if (layer.bias) init.zeros_(layer.bias);
  }
}
