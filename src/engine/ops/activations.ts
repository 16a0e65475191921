/**
 * Activation functions and (log-)softmax. Backward passes reuse the saved output where the
 * derivative is a function of it (sigmoid: y(1−y), tanh: 1−y²), so they cost one multiply-add.
 */
import { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { normalizeDim, splitAroundDim } from '../shape';
import { asTensor } from './elementwise';
import { erf, erfc } from '../special/erf';
import { sigmoidScalar } from '../special/sigmoid';
import { gradArrayForOverwrite } from '../grad-pool';

/** Logistic sigmoid 1/(1+e^{−x}), computed without overflow for large |x|. */
export function sigmoid(a: Tensor): Tensor {
  const t = asTensor(a, 'sigmoid', 'input');
  const x = t.data;
  const n = x.length;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = sigmoidScalar(x[i]);
  return Tensor._op(y, t.shape, 'sigmoid', [t], (g) => {
    const r = gradArrayForOverwrite(n);
    for (let i = 0; i < n; i++) r[i] = g[i] * y[i] * (1 - y[i]);
    return [r];
  });
}

export function tanh(a: Tensor): Tensor {
  const t = asTensor(a, 'tanh', 'input');
  const x = t.data;
  const n = x.length;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]);
  return Tensor._op(y, t.shape, 'tanh', [t], (g) => {
    const r = gradArrayForOverwrite(n);
    for (let i = 0; i < n; i++) r[i] = g[i] * (1 - y[i] * y[i]);
    return [r];
  });
}

/** max(0, x); gradient 0 at x = 0 (PyTorch's choice). */
export function relu(a: Tensor): Tensor {
  return leakyRelu(a, 0, 'relu');
}

/** x for x > 0, negativeSlope·x otherwise (PyTorch default slope 0.01). */
export function leakyRelu(a: Tensor, negativeSlope = 0.01, op = 'leakyRelu'): Tensor {
  const t = asTensor(a, op, 'input');
  const x = t.data;
  const n = x.length;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : negativeSlope * x[i];
  return Tensor._op(y, t.shape, op, [t], (g) => {
    const r = gradArrayForOverwrite(n);
    for (let i = 0; i < n; i++) r[i] = x[i] > 0 ? g[i] : negativeSlope * g[i];
    return [r];
  });
}

/** x for x > 0, alpha·(e^x − 1) otherwise. */
export function elu(a: Tensor, alpha = 1): Tensor {
  const t = asTensor(a, 'elu', 'input');
  const x = t.data;
  const n = x.length;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : alpha * Math.expm1(x[i]);
  return Tensor._op(y, t.shape, 'elu', [t], (g) => {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) r[i] = x[i] > 0 ? g[i] : g[i] * (y[i] + alpha);
    return [r];
  });
}

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;

/** GELU, exact erf form (PyTorch default): x·Φ(x). Uses erfc for x < 0 to avoid cancellation. */
export function gelu(a: Tensor): Tensor {
  const t = asTensor(a, 'gelu', 'input');
  const x = t.data;
  const n = x.length;
  const cdf = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    cdf[i] = v >= 0 ? 0.5 * (1 + erf(v * SQRT1_2)) : 0.5 * erfc(-v * SQRT1_2);
    y[i] = v * cdf[i];
  }
  return Tensor._op(y, t.shape, 'gelu', [t], (g) => {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = x[i];
      r[i] = g[i] * (cdf[i] + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v));
    }
    return [r];
  });
}

/** SiLU / swish: x·σ(x). */
export function silu(a: Tensor): Tensor {
  const t = asTensor(a, 'silu', 'input');
  const x = t.data;
  const n = x.length;
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s[i] = 1 / (1 + Math.exp(-x[i]));
    y[i] = x[i] * s[i];
  }
  return Tensor._op(y, t.shape, 'silu', [t], (g) => {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) r[i] = g[i] * s[i] * (1 + x[i] * (1 - s[i]));
    return [r];
  });
}

/** log(1 + e^{βx})/β, and x itself where βx > threshold (PyTorch semantics). */
export function softplus(a: Tensor, beta = 1, threshold = 20): Tensor {
  const t = asTensor(a, 'softplus', 'input');
  if (!(beta > 0)) throw new ArgumentError(`softplus: beta must be positive, got ${beta}.`);
  const x = t.data;
  const n = x.length;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const bx = beta * x[i];
    y[i] = bx > threshold ? x[i] : Math.log1p(Math.exp(bx)) / beta;
  }
  return Tensor._op(y, t.shape, 'softplus', [t], (g) => {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const bx = beta * x[i];
      r[i] = bx > threshold ? g[i] : g[i] / (1 + Math.exp(-bx));
    }
    return [r];
  });
}

function requireDim(dim: unknown, op: string): number {
  if (dim === undefined || dim === null) {
    throw new ArgumentError(`${op}: pass the dim to normalise over, e.g. ${op}(x, -1) for the last dim (PyTorch requires it too).`);
  }
  return dim as number;
}

/** softmax along dim (max-subtracted, so large logits do not overflow). */
export function softmax(a: Tensor, dim: number): Tensor {
  const t = asTensor(a, 'softmax', 'input');
  const d = normalizeDim(requireDim(dim, 'softmax'), t.ndim, 'softmax');
  const [outer, size, inner] = splitAroundDim(t.shape, d);
  const x = t.data;
  const y = new Float64Array(x.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let m = -Infinity;
      for (let k = 0; k < size; k++) m = Math.max(m, x[base + k * inner]);
      let s = 0;
      for (let k = 0; k < size; k++) {
        const e = Math.exp(x[base + k * inner] - m);
        y[base + k * inner] = e;
        s += e;
      }
      for (let k = 0; k < size; k++) y[base + k * inner] /= s;
    }
  }
  return Tensor._op(y, t.shape, 'softmax', [t], (g) => {
    const r = new Float64Array(x.length);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * size * inner + i;
        let dot = 0;
        for (let k = 0; k < size; k++) dot += g[base + k * inner] * y[base + k * inner];
        for (let k = 0; k < size; k++) {
          const j = base + k * inner;
          r[j] = y[j] * (g[j] - dot);
        }
      }
    }
    return [r];
  });
}

/** log(softmax(x)) along dim, computed as x − max − log Σ e^{x−max} (stable). */
export function logSoftmax(a: Tensor, dim: number): Tensor {
  const t = asTensor(a, 'logSoftmax', 'input');
  const d = normalizeDim(requireDim(dim, 'logSoftmax'), t.ndim, 'logSoftmax');
  const [outer, size, inner] = splitAroundDim(t.shape, d);
  const x = t.data;
  const y = new Float64Array(x.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let m = -Infinity;
      for (let k = 0; k < size; k++) m = Math.max(m, x[base + k * inner]);
      let s = 0;
      for (let k = 0; k < size; k++) s += Math.exp(x[base + k * inner] - m);
      const lse = m + Math.log(s);
      for (let k = 0; k < size; k++) y[base + k * inner] = x[base + k * inner] - lse;
    }
  }
  return Tensor._op(y, t.shape, 'logSoftmax', [t], (g) => {
    const r = new Float64Array(x.length);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * size * inner + i;
        let gs = 0;
        for (let k = 0; k < size; k++) gs += g[base + k * inner];
        for (let k = 0; k < size; k++) {
          const j = base + k * inner;
          r[j] = g[j] - Math.exp(y[j]) * gs;
        }
      }
    }
    return [r];
  });
}
