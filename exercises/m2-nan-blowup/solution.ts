/**
 * Reference solution: weights at the He scale for ReLU layers and a moderate learning rate.
 */
export interface TrainingConfig {
  lr: number;
  weightScale: number;
}

export function makeTrainingConfig(): TrainingConfig {
  // The hidden layers have fanIn 32 (the first has 8). He scale for ReLU: √(2/fanIn) = √(2/32) = 0.25,
  // so every layer keeps the size of its input and the untrained net's output is O(1), not O(100).
  const weightScale = Math.sqrt(2 / 32);
  // With O(1) activations, the loss's curvature is O(1) too and lr = 0.1 is a safe, fast step.
  return { lr: 0.1, weightScale };
}
