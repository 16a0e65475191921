/**
 * Zero initialization and symmetry breaking.
 *
 * GradLab builds nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 1)) with every parameter
 * set to 0, calls initWeights(model), then trains it for 40 steps of gradient descent and counts
 * how many of the 16 hidden units ended up different from each other.
 *
 * Initialise the model's parameters in place (model.children() gives the layers; a Linear layer
 * has .weight [out, in] and .bias [out]). The engine's init namespace is available.
 */
import { init, nn } from 'gradlab';

export function initWeights(model: nn.Sequential): void {
  for (const layer of model.children()) {
    if (!(layer instanceof nn.Linear)) continue;
    // TODO: zeros look tidy and unbiased. Train it and look at the hidden units…
    init.zeros_(layer.weight);
    if (layer.bias) init.zeros_(layer.bias);
  }
}
