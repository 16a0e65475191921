/**
 * Weight initialisation with exact torch.nn.init semantics (PyTorch weight layout [out, in]).
 *
 * Every function fills tensor.data IN PLACE (trailing underscore, as in PyTorch), records no
 * autograd history, and returns the same tensor. Random draws come from the engine's seeded
 * default generator (or the `generator` passed in), so a seed reproduces the same weights on every
 * machine. The draws themselves differ from PyTorch's (different RNG); the distributions do not.
 */
import type { Tensor } from './tensor';
import { ArgumentError, formatShape } from './errors';
import { defaultGenerator, type Generator } from './random';

export type Nonlinearity =
  | 'linear'
  | 'identity'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu'
  | 'leakyRelu'
  | 'selu';

/** 'fanIn' keeps forward activations' variance, 'fanOut' keeps backward gradients' variance. */
export type FanMode = 'fanIn' | 'fanOut' | 'fan_in' | 'fan_out';

/**
 * Recommended gain for a nonlinearity (torch.nn.init.calculate_gain): linear/identity/conv/sigmoid 1,
 * tanh 5/3, relu √2, leaky_relu √(2/(1+slope²)) with slope = param ?? 0.01, selu 3/4.
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number | null): number {
  switch (nonlinearity) {
    case 'linear':
    case 'identity':
    case 'conv1d':
    case 'conv2d':
    case 'conv3d':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5.0 / 3;
    case 'relu':
      return Math.sqrt(2.0);
    case 'leaky_relu':
    case 'leakyRelu': {
      const slope = param === undefined || param === null ? 0.01 : param;
      if (typeof slope !== 'number' || !Number.isFinite(slope)) {
        throw new ArgumentError(`calculateGain: negative slope ${String(param)} is not a finite number.`);
      }
      return Math.sqrt(2.0 / (1 + slope ** 2));
    }
    case 'selu':
      return 3.0 / 4;
    default:
      throw new ArgumentError(
        `calculateGain: unsupported nonlinearity "${String(nonlinearity)}". Use one of linear, identity, sigmoid, ` +
          `tanh, relu, leaky_relu, selu.`,
      );
  }
}

/**
 * fan_in = shape[1]·receptive, fan_out = shape[0]·receptive, receptive = product of shape[2:]
 * (1 for dense layers). Needs at least 2 dims, like PyTorch.
 */
export function computeFans(shapeOrTensor: readonly number[] | Tensor): { fanIn: number; fanOut: number } {
  const shape = Array.isArray(shapeOrTensor) ? shapeOrTensor : (shapeOrTensor as Tensor).shape;
  if (shape.length < 2) {
    throw new ArgumentError(
      `computeFans: fan in and fan out cannot be computed for a tensor with fewer than 2 dimensions ` +
        `(shape ${formatShape(shape)}). Biases are usually set with zeros_ or uniform_ instead.`,
    );
  }
  let receptive = 1;
  for (let i = 2; i < shape.length; i++) receptive *= shape[i];
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}

function modeFan(t: Tensor, mode: FanMode, fn: string): number {
  const { fanIn, fanOut } = computeFans(t);
  if (mode === 'fanIn' || mode === 'fan_in') return fanIn;
  if (mode === 'fanOut' || mode === 'fan_out') return fanOut;
  throw new ArgumentError(`${fn}: mode must be 'fanIn' or 'fanOut' (or 'fan_in' / 'fan_out'), got "${String(mode)}".`);
}

function fillUniform(t: Tensor, low: number, high: number, g: Generator): Tensor {
  const d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = g.uniform(low, high);
  return t;
}

function fillNormal(t: Tensor, mean: number, std: number, g: Generator): Tensor {
  const d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = g.normal(mean, std);
  return t;
}

/** Fills with 0. */
export function zeros_(t: Tensor): Tensor {
  t.data.fill(0);
  return t;
}

/** Fills with 1. */
export function ones_(t: Tensor): Tensor {
  t.data.fill(1);
  return t;
}

/** Fills with `value`. */
export function constant_(t: Tensor, value: number): Tensor {
  t.data.fill(value);
  return t;
}

/** Identity matrix (2-D only): preserves inputs exactly, as in the IRNN recurrent init. */
export function eye_(t: Tensor): Tensor {
  if (t.shape.length !== 2) throw new ArgumentError(`eye_: needs a 2-D tensor, got shape ${formatShape(t.shape)}.`);
  const [rows, cols] = t.shape;
  t.data.fill(0);
  for (let i = 0; i < Math.min(rows, cols); i++) t.data[i * cols + i] = 1;
  return t;
}

/** U(a, b). */
export function uniform_(t: Tensor, a = 0, b = 1, generator: Generator = defaultGenerator): Tensor {
  return fillUniform(t, a, b, generator);
}

/** N(mean, std²). */
export function normal_(t: Tensor, mean = 0, std = 1, generator: Generator = defaultGenerator): Tensor {
  return fillNormal(t, mean, std, generator);
}

/** Glorot & Bengio 2010: U(−b, b), b = gain·√(6/(fan_in+fan_out)). */
export function xavierUniform_(t: Tensor, gain = 1, generator: Generator = defaultGenerator): Tensor {
  const { fanIn, fanOut } = computeFans(t);
  const bound = gain * Math.sqrt(6.0 / (fanIn + fanOut));
  return fillUniform(t, -bound, bound, generator);
}

/** Glorot & Bengio 2010: N(0, std²), std = gain·√(2/(fan_in+fan_out)). */
export function xavierNormal_(t: Tensor, gain = 1, generator: Generator = defaultGenerator): Tensor {
  const { fanIn, fanOut } = computeFans(t);
  return fillNormal(t, 0, gain * Math.sqrt(2.0 / (fanIn + fanOut)), generator);
}

export interface KaimingOptions {
  /** Negative slope of the leaky ReLU that follows (only used when nonlinearity is leaky_relu). Default 0. */
  a?: number;
  /** Default 'fanIn'. */
  mode?: FanMode;
  /** Default 'leaky_relu' (with a = 0 that is ReLU's gain √2). */
  nonlinearity?: Nonlinearity;
  generator?: Generator;
}

function kaimingArgs(aOrOptions: number | KaimingOptions | undefined, mode: FanMode | undefined, nonlinearity: Nonlinearity | undefined) {
  const o: KaimingOptions = typeof aOrOptions === 'object' && aOrOptions !== null ? aOrOptions : { a: aOrOptions, mode, nonlinearity };
  return {
    a: o.a ?? 0,
    mode: o.mode ?? 'fanIn',
    nonlinearity: o.nonlinearity ?? 'leaky_relu',
    generator: o.generator ?? defaultGenerator,
  };
}

/**
 * He et al. 2015: U(−b, b), b = gain·√(3/fan), gain = calculateGain(nonlinearity, a).
 * Call as kaimingUniform_(w) (ReLU, fan_in), kaimingUniform_(w, a, mode, nonlinearity) like
 * PyTorch, or kaimingUniform_(w, {a, mode, nonlinearity}).
 */
export function kaimingUniform_(t: Tensor, aOrOptions?: number | KaimingOptions, mode?: FanMode, nonlinearity?: Nonlinearity): Tensor {
  const o = kaimingArgs(aOrOptions, mode, nonlinearity);
  const fan = modeFan(t, o.mode, 'kaimingUniform_');
  const bound = calculateGain(o.nonlinearity, o.a) * Math.sqrt(3.0 / fan);
  return fillUniform(t, -bound, bound, o.generator);
}

/** He et al. 2015: N(0, std²), std = gain/√fan. Same call forms as kaimingUniform_. */
export function kaimingNormal_(t: Tensor, aOrOptions?: number | KaimingOptions, mode?: FanMode, nonlinearity?: Nonlinearity): Tensor {
  const o = kaimingArgs(aOrOptions, mode, nonlinearity);
  const fan = modeFan(t, o.mode, 'kaimingNormal_');
  return fillNormal(t, 0, calculateGain(o.nonlinearity, o.a) / Math.sqrt(fan), o.generator);
}

/**
 * LeCun 1998: N(0, gain²/fan_in). (Not in torch.nn.init; Keras' lecun_normal draws the same
 * variance from a truncated normal.)
 */
export function lecunNormal_(t: Tensor, gain = 1, generator: Generator = defaultGenerator): Tensor {
  const { fanIn } = computeFans(t);
  return fillNormal(t, 0, gain / Math.sqrt(fanIn), generator);
}

/** LeCun uniform: U(±gain·√(3/fan_in)), the same variance as lecunNormal_. */
export function lecunUniform_(t: Tensor, gain = 1, generator: Generator = defaultGenerator): Tensor {
  const { fanIn } = computeFans(t);
  const bound = gain * Math.sqrt(3.0 / fanIn);
  return fillUniform(t, -bound, bound, generator);
}

/**
 * Saxe et al. 2014 (torch.nn.init.orthogonal_): a random orthogonal matrix times gain. Dims after
 * the first are flattened; rows ≤ cols gives orthonormal rows (W Wᵀ = gain²·I), otherwise
 * orthonormal columns (Wᵀ W = gain²·I). Like PyTorch: QR of a Gaussian matrix with the signs fixed
 * so diag(R) > 0, which makes Q uniformly (Haar) distributed.
 */
export function orthogonal_(t: Tensor, gain = 1, generator: Generator = defaultGenerator): Tensor {
  if (t.shape.length < 2) {
    throw new ArgumentError(`orthogonal_: only tensors with 2 or more dimensions are supported, got shape ${formatShape(t.shape)}.`);
  }
  const rows = t.shape[0];
  const cols = t.data.length / rows;
  if (rows === 0 || cols === 0) return t;
  // Work on a tall matrix A (n × m, n ≥ m), column-major for cache-friendly column operations.
  const tall = rows >= cols;
  const n = tall ? rows : cols;
  const m = tall ? cols : rows;
  const q = new Float64Array(n * m); // column j at q[j*n .. j*n+n)
  for (let i = 0; i < n * m; i++) q[i] = generator.normal(0, 1);
  // Modified Gram–Schmidt, applied twice per column ("twice is enough", Giraud et al. 2005) so
  // the result is orthogonal to machine precision. Gram–Schmidt yields diag(R) > 0 directly.
  for (let j = 0; j < m; j++) {
    const cj = j * n;
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        const ck = k * n;
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[ck + i] * q[cj + i];
        for (let i = 0; i < n; i++) q[cj + i] -= dot * q[ck + i];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q[cj + i] * q[cj + i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) q[cj + i] /= norm;
  }
  const d = t.data;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // tall: W[r][c] = Q[r][c] (column c); wide: W = Qᵀ, so W[r][c] = Q[c][r] (column r).
      d[r * cols + c] = gain * (tall ? q[c * n + r] : q[r * n + c]);
    }
  }
  return t;
}
