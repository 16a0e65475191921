/**
 * erf / erfc to about 1e-16 relative, for the exact GELU. (Abramowitz–Stegun 7.1.26 is only good to
 * ~1e-7, far from the 1e-10 our PyTorch fixture comparisons need.)
 *
 *  |x| < 2.5: erf(x) = 2/√π · e^{−x²} · Σ_{n≥0} (2x²)^n x / (1·3·…·(2n+1))   (all terms positive,
 *             so no cancellation; at most ~70 terms).
 *  |x| ≥ 2.5 (and erfc for |x| ≥ 1): erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
 *             (Laplace's continued fraction, evaluated with the modified Lentz method).
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;
const SERIES_LIMIT = 2.5;

/** erf(x)·e^{x²}·√π/2 for |x| < 2.5, via the positive series. */
function erfSeriesScaled(x: number): number {
  const x2 = 2 * x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= x2 / (2 * n + 1);
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/** erfc(x) for x ≥ 1 via the continued fraction. */
function erfcContinuedFraction(x: number): number {
  // erfc(x)·√π·e^{x²} = 1/(x + a1/(x + a2/(x + ...))), a_k = k/2.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    if (d === 0) d = tiny;
    c = x + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (Math.exp(-x * x) * ONE_OVER_SQRT_PI) / f;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < SERIES_LIMIT) return TWO_OVER_SQRT_PI * Math.exp(-x * x) * erfSeriesScaled(x);
  const r = 1 - erfcContinuedFraction(ax);
  return x < 0 ? -r : r;
}

/** Below this, 1 − erf(x) loses little (erfc ≥ 0.157); above it the continued fraction converges in < 200 steps. */
const ERFC_CF_LIMIT = 1;

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= ERFC_CF_LIMIT) return erfcContinuedFraction(x);
  if (x <= -ERFC_CF_LIMIT) return 2 - erfcContinuedFraction(-x);
  return 1 - erf(x);
}
