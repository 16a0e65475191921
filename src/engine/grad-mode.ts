/**
 * Global grad mode, as in PyTorch's torch.no_grad(): while disabled, ops record no graph, which is
 * what optimiser updates and evaluation loops want.
 */

let gradEnabled = true;

/** True when ops currently record the autograd graph. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Turns graph recording on or off globally. Prefer noGrad(fn), which restores the old state. */
export function setGradEnabled(enabled: boolean): void {
  gradEnabled = Boolean(enabled);
}

/**
 * Runs fn with graph recording off and returns its result. The previous mode is restored even if fn
 * throws, so one failing exercise cannot leave the engine in no-grad mode.
 */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** Runs fn with graph recording on (the inverse of noGrad, like torch.enable_grad). */
export function enableGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = true;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}
