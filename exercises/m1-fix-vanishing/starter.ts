/**
 * Fix a vanishing network.
 *
 * buildModel(spec) returns the network GradLab trains: spec.depth linear layers (20), from
 * spec.inFeatures (16) through spec.hidden units (32) to spec.outFeatures (1).
 * computeLoss(prediction, target) is the loss the training loop differentiates.
 *
 * As given, this network barely learns: its first layers receive ~1e-16 of the gradient the last
 * layer gets. Change the architecture (activation, initialization, normalization, residual
 * connections) until the gradient reaches the first layer — but keep all 20 linear layers.
 */
import { nn, mseLoss, Tensor } from 'gradlab';

export interface ModelSpec {
  inFeatures: number;
  hidden: number;
  outFeatures: number;
  depth: number;
}

export function buildModel(spec: ModelSpec): nn.Module {
  const layers: nn.Module[] = [];
  for (let l = 0; l < spec.depth; l++) {
    const fanIn = l === 0 ? spec.inFeatures : spec.hidden;
    const fanOut = l === spec.depth - 1 ? spec.outFeatures : spec.hidden;
    const linear = new nn.Linear(fanIn, fanOut); // default init: U(±1/√fanIn)
    layers.push(linear);
    if (l < spec.depth - 1) {
      // TODO: sigmoid multiplies every backward signal by σ′ ≤ 1/4. Try another activation (with an
      // initialization that suits it), normalization, or residual connections.
      layers.push(new nn.Sigmoid());
    }
  }
  return new nn.Sequential(...layers);
}

export function computeLoss(prediction: Tensor, target: Tensor): Tensor {
  return mseLoss(prediction, target);
}
