export interface Report {
  /** ‖∂L/∂W_l‖ for every layer at the first step, input side first. */
  layerGradNorms: number[];
  /** std of every hidden layer's activations at the first step. */
  activationStd: number[];
  /** fraction of every hidden layer's units that are exactly 0 for the whole batch. */
  deadFraction: number[];
  /** the training loss at each SGD step (may contain NaN or Infinity). */
  lossSeries: number[];
}
type Kind = 'vanishing' | 'exploding' | 'dead' | 'healthy';

/** Look at the measurements and name what is wrong with the network. */
export function diagnose(report: Report): Kind {
  // TODO: look for overflow / a growing loss, whole layers of zeros, and a gradient that shrinks
  //       from the last layer to the first — in an order that tells them apart.
  void report;
  return 'healthy';
}

/**
 * Return the config changes that repair a network of this kind. The settings you may change:
 * activation ('sigmoid' | 'tanh' | 'relu'), init ('normal' | 'xavier' | 'he'), initStd, bias, lr,
 * lossScale.
 */
export function fix(kind: 'vanishing' | 'exploding' | 'dead'): Record<string, unknown> {
  // TODO: one change per kind.
  void kind;
  return {};
}
