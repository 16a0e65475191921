/**
 * Reference solution: torch.nn.init's Xavier/Glorot and Kaiming/He initialisers, written out.
 * Weights use PyTorch's [out, in] layout: fan_in = shape[1], fan_out = shape[0] (dense layers).
 */
import { rand, randn, type Tensor } from 'gradlab';

export type Nonlinearity = 'linear' | 'identity' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';

export interface KaimingOptions {
  a?: number;
  mode?: 'fan_in' | 'fan_out';
  nonlinearity?: Nonlinearity;
}

export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear':
    case 'identity':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.sqrt(2);
    case 'leaky_relu': {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
    default:
      throw new Error(`calculateGain: unsupported nonlinearity ${String(nonlinearity)}`);
  }
}

function fans(w: Tensor): { fanIn: number; fanOut: number } {
  let receptive = 1;
  for (let i = 2; i < w.shape.length; i++) receptive *= w.shape[i];
  return { fanIn: w.shape[1] * receptive, fanOut: w.shape[0] * receptive };
}

/** Overwrites w with U(−bound, bound). */
function fillUniform(w: Tensor, bound: number): Tensor {
  const u = rand([w.numel()]).data; // U[0, 1)
  for (let i = 0; i < u.length; i++) w.data[i] = (2 * u[i] - 1) * bound;
  return w;
}

/** Overwrites w with N(0, std²). */
function fillNormal(w: Tensor, std: number): Tensor {
  const z = randn([w.numel()]).data;
  for (let i = 0; i < z.length; i++) w.data[i] = z[i] * std;
  return w;
}

export function xavierUniform_(w: Tensor, gain = 1): Tensor {
  const { fanIn, fanOut } = fans(w);
  // U(−b, b) has variance b²/3; b = gain·√(6/(fan_in+fan_out)) gives variance gain²·2/(fan_in+fan_out).
  return fillUniform(w, gain * Math.sqrt(6 / (fanIn + fanOut)));
}

export function xavierNormal_(w: Tensor, gain = 1): Tensor {
  const { fanIn, fanOut } = fans(w);
  return fillNormal(w, gain * Math.sqrt(2 / (fanIn + fanOut)));
}

function kaimingStd(w: Tensor, opts: KaimingOptions): number {
  const { fanIn, fanOut } = fans(w);
  const fan = (opts.mode ?? 'fan_in') === 'fan_in' ? fanIn : fanOut;
  return calculateGain(opts.nonlinearity ?? 'leaky_relu', opts.a ?? 0) / Math.sqrt(fan);
}

export function kaimingUniform_(w: Tensor, opts: KaimingOptions = {}): Tensor {
  // Same variance as kaimingNormal_: the bound is √3 times the std.
  return fillUniform(w, Math.sqrt(3) * kaimingStd(w, opts));
}

export function kaimingNormal_(w: Tensor, opts: KaimingOptions = {}): Tensor {
  return fillNormal(w, kaimingStd(w, opts));
}
