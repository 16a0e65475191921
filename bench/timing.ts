/** Step timing shared by every bench mode. Matches the peer script: warm-up steps, then the median. */
export const WARMUP = 5;
export const REPS = 30;

export function medianStepMs(step: () => void, warmup = WARMUP, reps = REPS): number {
  for (let i = 0; i < warmup; i++) step();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    step();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export function median(xs: readonly number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export const round3 = (x: number): number => Math.round(x * 1000) / 1000;
