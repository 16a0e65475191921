import { clipGradNorm_, type Tensor } from 'gradlab';

export interface SequenceModel {
  /** A zero hidden state [B, H]. */
  initialState(): Tensor;
  /** One RNN step: h_{t+1} = tanh(W_ih x_t + W_hh h_t + b). */
  step(x: Tensor, h: Tensor): Tensor;
  /** The loss of the prediction read from h against the target (a scalar tensor). */
  loss(h: Tensor, target: Tensor): Tensor;
  parameters(): Tensor[];
}
export interface Sequence { inputs: Tensor[]; targets: Tensor[] }
export interface Optimizer { zeroGrad(): void; step(): void }

/**
 * Train on the sequence in chunks of k steps: per chunk, run k steps from the carried-over hidden
 * state, backpropagate the chunk's mean loss, clip the global gradient norm to maxNorm, update.
 * Return the chunk losses (numbers), one per chunk.
 */
export function trainTruncated(model: SequenceModel, sequence: Sequence, k: number, maxNorm: number, optimizer: Optimizer): number[] {
  const T = sequence.inputs.length;
  const losses: number[] = [];
  let h = model.initialState();
  // TODO: loop over chunks [start, start + k) — the last one may be shorter — instead of the whole
  //       sequence at once.
  // TODO: cut the graph at each chunk boundary so backward() stops there (keep h's value!).
  optimizer.zeroGrad();
  let loss: Tensor | null = null;
  for (let t = 0; t < T; t++) {
    h = model.step(sequence.inputs[t], h);
    const stepLoss = model.loss(h, sequence.targets[t]);
    loss = loss === null ? stepLoss : loss.add(stepLoss);
  }
  const meanLoss = loss!.div(T);
  meanLoss.backward();
  // TODO: clip the global gradient norm to maxNorm — after backward(), before the step.
  void clipGradNorm_;
  void k;
  void maxNorm;
  optimizer.step();
  losses.push(meanLoss.item());
  return losses;
}
