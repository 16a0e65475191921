/**
 * Pick an initializer.
 *
 * For each activation, return a function that fills a weight tensor w ([out, in] = [64, 64]) in
 * place. GradLab builds a 20-layer network of that activation, initialises every layer with your
 * function, and measures how the activations and gradients change with depth.
 *
 * You may use the engine's `init` namespace: init.xavierUniform_, init.xavierNormal_,
 * init.kaimingUniform_, init.kaimingNormal_, init.calculateGain, …
 */
import { init, type Tensor } from 'gradlab';

export type Activation = 'tanh' | 'relu' | 'leaky_relu' | 'sigmoid';

export function pickInit(activation: Activation): (w: Tensor) => void {
  // TODO: choose Xavier/Glorot or Kaiming/He, with the right gain and fan mode, per activation.
  //       Right now every layer gets PyTorch's nn.Linear default, U(±1/√fan_in).
  void activation;
  return (w) => init.kaimingUniform_(w, { a: Math.sqrt(5) });
}
