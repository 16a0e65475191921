/**
 * Measuring gradient flow: per-tensor and per-layer gradient norms, activation statistics, and a
 * hook-based recorder of every layer's output. These are what exercises grade on, so they read
 * plain numbers out of tensors and never touch the autograd graph.
 */
import { Tensor } from './tensor';
import { ArgumentError } from './errors';
import type { Module } from './nn/module';

/** Frobenius (L2) norm of a tensor's values. */
export function frobeniusNorm(t: Tensor): number {
  const d = t.data;
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i] * d[i];
  return Math.sqrt(s);
}

/**
 * ‖t.grad‖ (Frobenius). A tensor that never received a gradient (grad null) counts as 0, which is
 * what "the gradient vanished before reaching this layer" looks like to a learner; check
 * t.grad !== null yourself if you need to tell the two apart.
 */
export function gradNorm(t: Tensor): number {
  if (!(t instanceof Tensor)) throw new ArgumentError('gradNorm: expected a Tensor.');
  return t.grad === null ? 0 : frobeniusNorm(t.grad);
}

type NamedTensors = Module<any[], any> | Iterable<Tensor> | Array<[string, Tensor]> | Record<string, Tensor>;

function isModuleLike(x: unknown): x is Module<any[], any> {
  return x !== null && typeof x === 'object' && typeof (x as Module<any[], any>).namedParameters === 'function';
}

/** Names parameters: a Module's dotted names, [name, tensor] pairs, an object's keys, or "param i". */
function named(source: NamedTensors): Array<[string, Tensor]> {
  if (isModuleLike(source)) return source.namedParameters();
  if (source instanceof Tensor) return [['param 0', source]];
  if (source !== null && typeof source === 'object' && Symbol.iterator in source) {
    return Array.from(source as Iterable<Tensor | [string, Tensor]>).map((item, i): [string, Tensor] => {
      if (item instanceof Tensor) return [`param ${i}`, item];
      if (Array.isArray(item) && item.length === 2 && item[1] instanceof Tensor) return [String(item[0]), item[1]];
      throw new ArgumentError(`layerGradNorms: item ${i} is neither a Tensor nor a [name, Tensor] pair.`);
    });
  }
  if (source !== null && typeof source === 'object') {
    return Object.entries(source).filter((e): e is [string, Tensor] => e[1] instanceof Tensor);
  }
  throw new ArgumentError(`expected a Module, an array of Tensors or [name, Tensor] pairs, got ${String(source)}.`);
}

/** √(Σ‖g_i‖²) over every parameter's gradient: the norm clipGradNorm_ compares with maxNorm. */
export function globalGradNorm(params: NamedTensors): number {
  let s = 0;
  for (const [, t] of named(params)) if (t.grad !== null) for (const g of t.grad.data) s += g * g;
  return Math.sqrt(s);
}

export interface LayerGradNorm {
  name: string;
  norm: number;
  /** Parameter shape, e.g. [64, 64]. */
  shape: number[];
}

export interface LayerGradNormOptions {
  /** Only weight matrices (parameters with ≥ 2 dims), which is what "per-layer" usually means. Default false. */
  weightsOnly?: boolean;
  /** Custom selection by name/tensor; applied after weightsOnly. */
  filter?: (name: string, t: Tensor) => boolean;
}

/**
 * ‖∂L/∂θ‖ for every parameter in order, e.g. [{name: '0.weight', norm: 0.012, shape: [64, 64]}, …].
 * Plot them against depth to see gradients vanish toward the input.
 */
export function layerGradNorms(source: NamedTensors, options: LayerGradNormOptions = {}): LayerGradNorm[] {
  return named(source)
    .filter(([name, t]) => (!options.weightsOnly || t.ndim >= 2) && (options.filter === undefined || options.filter(name, t)))
    .map(([name, t]) => ({ name, norm: gradNorm(t), shape: t.shape.slice() }));
}

export interface ActivationStats {
  mean: number;
  /** Sample standard deviation (n − 1), as tensor.std(). */
  std: number;
  min: number;
  max: number;
  /** Fraction of entries exactly 0 (ReLU outputs that pass no gradient). */
  fractionZero: number;
  count: number;
}

/** Summary statistics of an activation tensor's values. */
export function activationStats(t: Tensor): ActivationStats {
  const d = t.data;
  const n = d.length;
  if (n === 0) throw new ArgumentError('activationStats: the tensor is empty.');
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    const v = d[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v === 0) zeros++;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (d[i] - mean) ** 2;
  return { mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, min, max, fractionZero: zeros / n, count: n };
}

/**
 * Fraction of saturated units in the OUTPUT of a squashing activation, where its derivative is
 * nearly 0: tanh |y| > threshold (default 0.99, where 1 − y² < 0.02); sigmoid y < 1 − threshold
 * or y > threshold (default 0.99, where σ' < 0.0099).
 */
export function saturationFraction(activations: Tensor, kind: 'tanh' | 'sigmoid', threshold = 0.99): number {
  if (kind !== 'tanh' && kind !== 'sigmoid') {
    throw new ArgumentError(`saturationFraction: kind must be 'tanh' or 'sigmoid', got "${String(kind)}".`);
  }
  const d = activations.data;
  if (d.length === 0) return 0;
  let count = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (kind === 'tanh' ? Math.abs(v) > threshold : v > threshold || v < 1 - threshold) count++;
  }
  return count / d.length;
}

/**
 * Fraction of "dead" ReLU units: columns of a [batch, units] ReLU output (units = last dim) that
 * are ≤ 0 for EVERY example, so no gradient reaches their weights for this batch.
 */
export function deadReluFraction(activations: Tensor): number {
  if (activations.ndim < 1) throw new ArgumentError('deadReluFraction: expected [batch, units], got a scalar.');
  const units = activations.shape[activations.ndim - 1];
  if (units === 0) return 0;
  const rows = activations.numel() / units;
  const d = activations.data;
  let dead = 0;
  for (let u = 0; u < units; u++) {
    let alive = false;
    for (let r = 0; r < rows && !alive; r++) if (d[r * units + u] > 0) alive = true;
    if (!alive) dead++;
  }
  return dead / units;
}

/** Records module outputs by name while attached; remove() detaches every hook. */
export interface ActivationRecorder {
  /** Latest output of each recorded module, by dotted module name ("1", "layers.3"). */
  readonly activations: Map<string, Tensor>;
  remove(): void;
}

/**
 * Attaches forward hooks to every sub-module accepted by `filter` (default: modules without
 * children, i.e. the actual layers) and keeps each one's most recent Tensor output.
 * Example: const rec = captureActivations(net, (name, m) => m instanceof nn.Tanh); net.call(x);
 * rec.activations.get('1').
 */
export function captureActivations(
  module: Module<any[], any>,
  filter: (name: string, m: Module<any[], any>) => boolean = (_n, m) => m.children().length === 0,
): ActivationRecorder {
  const activations = new Map<string, Tensor>();
  const handles = module
    .namedModules()
    .filter(([name, m]) => name !== '' || m.children().length === 0)
    .filter(([name, m]) => filter(name, m))
    .map(([name, m]) =>
      m.registerForwardHook((_m, _inputs, output) => {
        if (output instanceof Tensor) activations.set(name, output);
      }),
    );
  return {
    activations,
    remove: () => handles.forEach((h) => h.remove()),
  };
}

/** Frobenius norms of a list of tensors' gradients, e.g. RNN hiddens after retainGrad(): ‖∂L/∂h_t‖ per t. */
export function gradNorms(tensors: readonly Tensor[]): number[] {
  return tensors.map((t, i) => {
    if (!(t instanceof Tensor)) throw new ArgumentError(`gradNorms: item ${i} is not a Tensor.`);
    return gradNorm(t);
  });
}

/** Ratio ‖first‖/‖last‖ of a list of norms, the usual "how much did it vanish" number (∞ if last is 0). */
export function normRatio(norms: readonly number[]): number {
  if (norms.length === 0) throw new ArgumentError("normRatio: need at least one norm, got an empty list.");
  return norms[0] / norms[norms.length - 1];
}
