/**
 * One training step with gradient clipping. The network (3 linear layers, inputs of std 3, SGD with
 * lr 0.1) explodes within a few steps when nothing stops it: its loss turns NaN.
 *
 * Order of a training step:
 *   optimizer.zeroGrad() → forward → loss → loss.backward() → ??? → optimizer.step()
 *
 * Use the engine's clipGradNorm_(params, maxNorm) (allowed here) at the right place, and choose the
 * threshold MAX_NORM.
 */
import { mseLoss, type Tensor, type nn, type optim } from 'gradlab';

// TODO: choose a threshold for the global gradient norm. Infinity means "never clip".
export const MAX_NORM = Infinity;

export function trainStep(model: nn.Module, batch: { x: Tensor; y: Tensor }, optimizer: optim.Optimizer, maxNorm: number): number {
  optimizer.zeroGrad();
  const loss = mseLoss(model.call(batch.x), batch.y);
  loss.backward();
  // TODO: clip the gradients of model.parameters() to a global norm of at most maxNorm.
  void maxNorm;
  optimizer.step();
  return loss.item();
}
