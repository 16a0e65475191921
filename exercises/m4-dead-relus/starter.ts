/**
 * A 4-hidden-layer ReLU network that does not learn: every hidden unit is dead.
 *
 * Someone initialised the hidden biases to −5 ("to keep the activations sparse"). Find out why no
 * ReLU ever fires, then fix the network so that its units are alive and training lowers the loss.
 * You may change the initialisation, the activation and the learning rate; keep 4 hidden layers of
 * 32 units (8 inputs, 1 output) and keep the activations as modules (nn.ReLU, nn.LeakyReLU, …) so
 * GradLab can see each layer's output.
 */
import { nn, init } from 'gradlab';

/** The step size GradLab's plain-SGD training loop (40 full-batch steps) uses for your model. */
export const learningRate = 0.05;

export function buildModel(): nn.Module {
  const layers: nn.Module[] = [];
  let inFeatures = 8;
  for (let l = 0; l < 4; l++) {
    const linear = new nn.Linear(inFeatures, 32);
    // TODO: this bias makes w·x + b < 0 for every input. Pick a sensible initialisation.
    init.constant_(linear.bias!, -5);
    layers.push(linear, new nn.ReLU());
    inFeatures = 32;
  }
  layers.push(new nn.Linear(32, 1));
  return new nn.Sequential(...layers);
}
