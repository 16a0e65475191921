/**
 * A network whose loss turns NaN.
 *
 * GradLab trains a ReLU network 8 → 32 → 32 → 1 for 50 steps of plain gradient descent on a small
 * regression task. Every weight is weightScale · N(0, 1); biases start at 0. With the configuration
 * below the loss overflows to Infinity and then NaN within a few steps on most seeds.
 *
 * Choose a configuration that trains: finite loss at every step, a final loss well below the
 * target's variance, and no gradient-norm spike. Say in a comment why your numbers work.
 */
export interface TrainingConfig {
  lr: number;
  weightScale: number;
}

export function makeTrainingConfig(): TrainingConfig {
  // TODO: N(0, 1) weights make every layer multiply the signal by about √fanIn (up to 5.7 here), and
  //       the large gradients that follow make lr = 0.1 steps far too big. Fix the cause, not the symptom.
  return { lr: 0.1, weightScale: 1 };
}
