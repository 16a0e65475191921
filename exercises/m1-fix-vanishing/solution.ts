/**
 * Reference fix: tanh with Xavier initialisation at tanh's gain 5/3, zero biases.
 *
 * Why it works: tanh′(0) = 1 (sigmoid′(0) = 1/4) and tanh is centred on 0, so a layer whose weights
 * keep the signal's scale (Var W ≈ gain²·2/(fan_in + fan_out)) passes the gradient back at about the
 * same size. Alternatives that also work are in test/fixtures/course/m1-fix-vanishing/alt-*.ts.
 */
import { nn, init, mseLoss, Tensor } from 'gradlab';

export interface ModelSpec {
  inFeatures: number;
  hidden: number;
  outFeatures: number;
  depth: number;
}

export function buildModel(spec: ModelSpec): nn.Module {
  const layers: nn.Module[] = [];
  for (let l = 0; l < spec.depth; l++) {
    const linear = new nn.Linear(l === 0 ? spec.inFeatures : spec.hidden, l === spec.depth - 1 ? spec.outFeatures : spec.hidden);
    init.xavierUniform_(linear.weight, init.calculateGain('tanh'));
    init.zeros_(linear.bias!);
    layers.push(linear);
    if (l < spec.depth - 1) layers.push(new nn.Tanh());
  }
  return new nn.Sequential(...layers);
}

export function computeLoss(prediction: Tensor, target: Tensor): Tensor {
  return mseLoss(prediction, target);
}
