/**
 * Seeded random numbers that are bit-identical on every OS, CPU and Node version.
 *
 * Why not Math.random: it cannot be seeded, so grades would change from run to run. Why not
 * Math.log/Math.cos for normals: the ECMAScript spec lets engines approximate them differently.
 * So the core is xoshiro128** (Blackman & Vigna) using only 32-bit integer ops (Math.imul, shifts),
 * uniforms are built from 53 random bits by exact division, and normals use the Marsaglia polar
 * method, which needs only sqrt (correctly rounded by IEEE 754) and our own log written with
 * + - * / only (deterministicLog below).
 */
import { ArgumentError } from './errors';

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** SplitMix32 step: spreads a seed over the xoshiro state so nearby seeds give unrelated streams. */
function splitMix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const scratch = new DataView(new ArrayBuffer(8));

/**
 * Natural log using only IEEE basic arithmetic: x = 2^k·m with m in [√½, √2), then
 * log m = 2·atanh(s), s = (m−1)/(m+1), summed as an odd series (|s| ≤ 0.1716, 14 terms < 1 ulp).
 * Accurate to about 1 ulp; deterministic everywhere, unlike Math.log.
 */
export function deterministicLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: lift subnormals into the normal range first
    k = -54;
  }
  scratch.setFloat64(0, x);
  const hi = scratch.getUint32(0);
  k += ((hi >>> 20) & 0x7ff) - 1023;
  scratch.setUint32(0, (hi & 0x000fffff) | 0x3ff00000); // mantissa with exponent 0: m in [1, 2)
  let m = scratch.getFloat64(0);
  if (m > 1.4142135623730951) {
    m /= 2;
    k += 1;
  }
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  // Horner form of 1 + s²/3 + s⁴/5 + ... + s²⁸/29.
  let series = 1 / 29;
  for (let n = 27; n >= 1; n -= 2) series = series * s2 + 1 / n;
  const logM = 2 * s * series;
  const LN2_HI = 6.93147180369123816490e-1; // ln 2 split so k·LN2_HI is exact
  const LN2_LO = 1.90821492927058770002e-10;
  return k * LN2_HI + (logM + k * LN2_LO);
}

/** A seedable random generator (xoshiro128**). Same seed, same numbers, everywhere. */
export class Generator {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | null = null;

  constructor(seed = 0) {
    this.manualSeed(seed);
  }

  /** A generator with the raw 128-bit state (4 uint32 words, not all zero). For tests against the reference code. */
  static fromState(state: readonly [number, number, number, number]): Generator {
    const g = new Generator(0);
    g.setState(state);
    return g;
  }

  /** Re-seeds from any finite number (integer part used, up to 2^53) and drops cached normals. */
  manualSeed(seed: number): this {
    if (typeof seed !== 'number' || !Number.isFinite(seed)) {
      throw new ArgumentError(`manualSeed: the seed must be a finite number, got ${String(seed)}.`);
    }
    const int = Math.trunc(Math.abs(seed));
    const low = int % TWO_POW_32 >>> 0;
    const high = Math.floor(int / TWO_POW_32) >>> 0;
    const mix = { s: (low ^ Math.imul(high, 0x27d4eb2d) ^ (seed < 0 ? 0x5bd1e995 : 0)) | 0 };
    this.setState([splitMix32(mix), splitMix32(mix), splitMix32(mix), splitMix32(mix)]);
    return this;
  }

  /** The current state words (to save and later restore a stream). */
  getState(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  setState(state: readonly [number, number, number, number]): void {
    if ((state[0] | state[1] | state[2] | state[3]) === 0) {
      throw new ArgumentError('Generator: the xoshiro128** state must not be all zeros.');
    }
    this.s0 = state[0] | 0;
    this.s1 = state[1] | 0;
    this.s2 = state[2] | 0;
    this.s3 = state[3] | 0;
    this.spareNormal = null;
  }

  /** Next raw 32-bit output as an unsigned integer (xoshiro128** reference algorithm). */
  nextUint32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits (exact, so platform independent). */
  random(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / TWO_POW_53;
  }

  /** Uniform double in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.random();
  }

  /** Normal sample (Marsaglia polar method; caches the second value of each pair). */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.random() - 1;
      v = 2 * this.random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * deterministicLog(s)) / s);
    this.spareNormal = v * factor;
    return mean + std * u * factor;
  }

  /** Integer uniform in [low, high) (like torch.randint / Python's randrange). One arg: [0, low). */
  randint(low: number, high?: number): number {
    if (high === undefined) {
      high = low;
      low = 0;
    }
    if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
      throw new ArgumentError(`randint: need integers low < high, got low=${low}, high=${high}.`);
    }
    return low + Math.floor(this.random() * (high - low));
  }

  /** Fisher–Yates permutation of 0..n-1 (like torch.randperm). */
  permutation(n: number): number[] {
    const out = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }
}

/** The generator used by randn/rand/dropout/init when none is passed. Seeded with 0 at load. */
export const defaultGenerator = new Generator(0);

/** Seeds the default generator (like torch.manual_seed). Returns it. */
export function manualSeed(seed: number): Generator {
  return defaultGenerator.manualSeed(seed);
}

/**
 * A drop-in replacement for Math.random: a function returning uniforms in [0, 1) from its own
 * generator. Without a seed it draws from the default generator, so manualSeed controls it.
 */
export function seededRandom(seed?: number): () => number {
  const g = seed === undefined ? defaultGenerator : new Generator(seed);
  return () => g.random();
}
