/**
 * Reference solution: one training step with gradient clipping in the right place.
 */
import { clipGradNorm_, mseLoss, type Tensor, type nn, type optim } from 'gradlab';

/** Clip the global gradient norm at 1: the unclipped norm here starts at 10–60, so clipping is active
 * on (nearly) every step, and lr·1 = 0.1 is a safe step length for weights of size ~0.3. */
export const MAX_NORM = 1.0;

export function trainStep(model: nn.Module, batch: { x: Tensor; y: Tensor }, optimizer: optim.Optimizer, maxNorm: number): number {
  optimizer.zeroGrad(); //                            1. forget the previous step's gradients
  const loss = mseLoss(model.call(batch.x), batch.y); // 2–3. forward and loss
  loss.backward(); //                                 4. fills every p.grad
  clipGradNorm_(model.parameters(), maxNorm); //      5. shrink them (in place) BEFORE they are used
  optimizer.step(); //                                6. the update uses the clipped gradients
  return loss.item();
}
