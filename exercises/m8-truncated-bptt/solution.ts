import { clipGradNorm_, type Tensor } from 'gradlab';

export interface SequenceModel {
  initialState(): Tensor;
  step(x: Tensor, h: Tensor): Tensor;
  loss(h: Tensor, target: Tensor): Tensor;
  parameters(): Tensor[];
}
export interface Sequence { inputs: Tensor[]; targets: Tensor[] }
export interface Optimizer { zeroGrad(): void; step(): void }

/** Truncated BPTT: one update per chunk of k steps, hidden state carried over but detached. */
export function trainTruncated(model: SequenceModel, sequence: Sequence, k: number, maxNorm: number, optimizer: Optimizer): number[] {
  const T = sequence.inputs.length;
  const losses: number[] = [];
  let h = model.initialState();
  for (let start = 0; start < T; start += k) {
    const end = Math.min(T, start + k);
    // Keep the state's VALUE, forget its history: the chunk's backward stops here.
    h = h.detach();
    optimizer.zeroGrad();
    let loss: Tensor | null = null;
    for (let t = start; t < end; t++) {
      h = model.step(sequence.inputs[t], h);
      const stepLoss = model.loss(h, sequence.targets[t]);
      loss = loss === null ? stepLoss : loss.add(stepLoss);
    }
    const chunkLoss = loss!.div(end - start);
    chunkLoss.backward();
    clipGradNorm_(model.parameters(), maxNorm); // after backward, before the step
    optimizer.step();
    losses.push(chunkLoss.item());
  }
  return losses;
}
