/** Next / Previous Exercise: teaching order is the pack's `exercises` list. */

export function neighbourExercise(order: readonly string[], current: string | undefined, step: 1 | -1): string | undefined {
  if (order.length === 0) return undefined;
  if (current === undefined) return step === 1 ? order[0] : order[order.length - 1];
  const index = order.indexOf(current);
  if (index < 0) return order[0];
  const next = index + step;
  return next >= 0 && next < order.length ? order[next] : undefined;
}

/**
 * "Continue where I left off": the last opened exercise if it still exists, else the first one not
 * passed yet, else the first.
 */
export function resumeExercise(order: readonly string[], lastOpened: string | undefined, passed: (id: string) => boolean): string | undefined {
  if (lastOpened && order.includes(lastOpened)) return lastOpened;
  return order.find((id) => !passed(id)) ?? order[0];
}
