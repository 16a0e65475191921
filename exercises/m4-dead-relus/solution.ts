/**
 * Reference: keep ReLU, but initialise like He et al. (2015): weights N(0, 2/fan_in), which keeps
 * the activations' scale constant through ReLU layers, and biases at 0 so that about half of the
 * units fire for a typical input. A moderate learning rate keeps a big first step from pushing
 * units into the dead zone again.
 */
import { nn, init } from 'gradlab';

export const learningRate = 0.03;

export function buildModel(): nn.Module {
  const layers: nn.Module[] = [];
  let inFeatures = 8;
  for (let l = 0; l < 4; l++) {
    const linear = new nn.Linear(inFeatures, 32);
    init.kaimingNormal_(linear.weight, { nonlinearity: 'relu' });
    init.zeros_(linear.bias!);
    layers.push(linear, new nn.ReLU());
    inFeatures = 32;
  }
  layers.push(new nn.Linear(32, 1));
  return new nn.Sequential(...layers);
}
