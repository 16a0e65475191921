/**
 * Xavier/Glorot and Kaiming/He initialisation, written out (PyTorch semantics).
 *
 * Weights use PyTorch's [out, in] layout: fan_in = w.shape[1], fan_out = w.shape[0].
 * Each initialiser overwrites w.data in place and returns w. The engine's `init` namespace is off
 * limits here: you are writing it.
 */
import { rand, randn, type Tensor } from 'gradlab';

export type Nonlinearity = 'linear' | 'identity' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';

export interface KaimingOptions {
  a?: number; //                        negative slope of the leaky ReLU (default 0)
  mode?: 'fan_in' | 'fan_out'; //       default 'fan_in'
  nonlinearity?: Nonlinearity; //       default 'leaky_relu'
}

export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  // TODO: PyTorch's recommended gain for each nonlinearity (leaky_relu uses param as its slope).
  void nonlinearity;
  void param;
  return 1;
}

/** fan_in and fan_out of an [out, in] weight. */
function fans(w: Tensor): { fanIn: number; fanOut: number } {
  return { fanIn: w.shape[1], fanOut: w.shape[0] };
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
  void fanIn;
  void fanOut;
  const bound = gain; // TODO: the Xavier bound
  return fillUniform(w, bound);
}

export function xavierNormal_(w: Tensor, gain = 1): Tensor {
  const std = gain; // TODO: the Xavier std
  return fillNormal(w, std);
}

export function kaimingUniform_(w: Tensor, opts: KaimingOptions = {}): Tensor {
  void opts;
  const bound = 1; // TODO: gain·√(3/fan), with the gain and fan chosen by opts
  return fillUniform(w, bound);
}

export function kaimingNormal_(w: Tensor, opts: KaimingOptions = {}): Tensor {
  void opts;
  const std = 1; // TODO: gain/√fan
  return fillNormal(w, std);
}
