/**
 * Tensor factories (PyTorch names). Shapes may be given as varargs or one array, as in PyTorch:
 *   zeros(2, 3)  zeros([2, 3])  zeros([2, 3], { requiresGrad: true })  randn(2, 3, { generator })
 */
import { Tensor, type NestedArray } from './tensor';
import { ArgumentError, ShapeError, formatShape } from './errors';
import { checkShape, shapeSize } from './shape';
import { defaultGenerator, Generator } from './random';

export interface TensorOptions {
  /** Make this a leaf that collects .grad on backward(). */
  requiresGrad?: boolean;
}

export interface RandomOptions extends TensorOptions {
  /** Draw from this generator instead of the default one (seeded by manualSeed). */
  generator?: Generator;
}

/** Shape as varargs or one array, optionally followed by an options object. */
export type ShapeAndOptions<O> = [shape: readonly number[], options?: O] | number[] | [...dims: number[], options: O];

function parseShapeArgs<O extends object>(args: readonly unknown[], op: string): { shape: number[]; opts: O } {
  let list = args.slice();
  let opts = {} as O;
  const last = list[list.length - 1];
  if (last !== undefined && typeof last === 'object' && last !== null && !Array.isArray(last)) {
    opts = last as O;
    list = list.slice(0, -1);
  }
  let shape: unknown[];
  if (list.length === 1 && Array.isArray(list[0])) shape = (list[0] as unknown[]).slice();
  else shape = list;
  return { shape: checkShape(shape, op), opts };
}

function leaf(data: Float64Array, shape: readonly number[], opts: TensorOptions | undefined): Tensor {
  return new Tensor(data, shape, opts?.requiresGrad === true);
}

/**
 * A tensor from a number, nested arrays, or a flat Float64Array/number[] with opts.shape.
 * Always copies the input.
 */
export function tensor(
  data: NestedArray | Float64Array | readonly number[],
  opts: TensorOptions & { shape?: readonly number[] } = {},
): Tensor {
  if (data instanceof Tensor) {
    throw new ArgumentError('tensor: got a Tensor; use .clone() (keeps the graph) or .detach() instead.');
  }
  if (typeof data === 'number') {
    const shape = opts.shape ? checkShape(opts.shape, 'tensor') : [];
    if (shapeSize(shape) !== 1) throw new ShapeError(`tensor: one number cannot fill shape ${formatShape(shape)}; use full().`);
    return leaf(new Float64Array([data]), shape, opts);
  }
  if (data instanceof Float64Array || (opts.shape && Array.isArray(data) && data.every((v) => typeof v === 'number'))) {
    const flat = Float64Array.from(data as ArrayLike<number>);
    const shape = opts.shape ? checkShape(opts.shape, 'tensor') : [flat.length];
    if (shapeSize(shape) !== flat.length) {
      throw new ShapeError(`tensor: ${flat.length} values cannot fill shape ${formatShape(shape)} (${shapeSize(shape)} elements).`);
    }
    return leaf(flat, shape, opts);
  }
  if (!Array.isArray(data)) {
    throw new ArgumentError(`tensor: expected a number, nested arrays of numbers, or a Float64Array; got ${typeof data}.`);
  }
  // Infer the shape from the first element at each depth, then check every element agrees.
  const shape: number[] = [];
  let probe: unknown = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const out = new Float64Array(shapeSize(shape));
  let offset = 0;
  const walk = (x: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof x !== 'number') {
        throw new ArgumentError(`tensor: element ${path} is ${Array.isArray(x) ? 'an array' : typeof x}, expected a number (ragged nesting?).`);
      }
      out[offset++] = x;
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[depth]) {
      throw new ShapeError(
        `tensor: ragged nested array: element ${path} has ${Array.isArray(x) ? x.length : 'no'} entries but ` +
          `shape ${formatShape(shape)} (from the first elements) expects ${shape[depth]}.`,
      );
    }
    for (let i = 0; i < x.length; i++) walk(x[i], depth + 1, `${path}[${i}]`);
  };
  walk(data, 0, 'data');
  if (opts.shape) {
    const target = checkShape(opts.shape, 'tensor');
    if (shapeSize(target) !== out.length) {
      throw new ShapeError(`tensor: ${out.length} values cannot fill shape ${formatShape(target)}.`);
    }
    return leaf(out, target, opts);
  }
  return leaf(out, shape, opts);
}

export function zeros(...args: ShapeAndOptions<TensorOptions>): Tensor {
  const { shape, opts } = parseShapeArgs<TensorOptions>(args, 'zeros');
  return leaf(new Float64Array(shapeSize(shape)), shape, opts);
}

export function ones(...args: ShapeAndOptions<TensorOptions>): Tensor {
  const { shape, opts } = parseShapeArgs<TensorOptions>(args, 'ones');
  return leaf(new Float64Array(shapeSize(shape)).fill(1), shape, opts);
}

/** A tensor of the given shape filled with `value`. */
export function full(shape: readonly number[], value: number, opts: TensorOptions = {}): Tensor {
  const s = checkShape(shape, 'full');
  return leaf(new Float64Array(shapeSize(s)).fill(value), s, opts);
}

/** Standard normal samples (mean 0, std 1) from the default or the given generator. */
export function randn(...args: ShapeAndOptions<RandomOptions>): Tensor {
  const { shape, opts } = parseShapeArgs<RandomOptions>(args, 'randn');
  const g = opts.generator ?? defaultGenerator;
  const out = new Float64Array(shapeSize(shape));
  for (let i = 0; i < out.length; i++) out[i] = g.normal();
  return leaf(out, shape, opts);
}

/** Uniform samples in [0, 1). */
export function rand(...args: ShapeAndOptions<RandomOptions>): Tensor {
  const { shape, opts } = parseShapeArgs<RandomOptions>(args, 'rand');
  const g = opts.generator ?? defaultGenerator;
  const out = new Float64Array(shapeSize(shape));
  for (let i = 0; i < out.length; i++) out[i] = g.random();
  return leaf(out, shape, opts);
}

/** Integers uniform in [low, high) (as float64 values). */
export function randint(low: number, high: number, shape: readonly number[], opts: RandomOptions = {}): Tensor {
  const s = checkShape(shape, 'randint');
  const g = opts.generator ?? defaultGenerator;
  const out = new Float64Array(shapeSize(s));
  for (let i = 0; i < out.length; i++) out[i] = g.randint(low, high);
  return leaf(out, s, opts);
}

/** start, start+step, ... < end. arange(n) is 0..n-1. */
export function arange(start: number, end?: number, step = 1, opts: TensorOptions = {}): Tensor {
  if (end === undefined) {
    end = start;
    start = 0;
  }
  if (!Number.isFinite(start) || !Number.isFinite(end) || !Number.isFinite(step) || step === 0) {
    throw new ArgumentError(`arange: start, end and step must be finite and step non-zero (got ${start}, ${end}, ${step}).`);
  }
  const n = Math.max(0, Math.ceil((end - start) / step));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  return leaf(out, [n], opts);
}

/** `steps` evenly spaced values from start to end inclusive. */
export function linspace(start: number, end: number, steps: number, opts: TensorOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new ArgumentError(`linspace: steps must be a non-negative integer, got ${steps}.`);
  const out = new Float64Array(steps);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  for (let i = 0; i < steps; i++) out[i] = start + i * step;
  if (steps > 1) out[steps - 1] = end;
  return leaf(out, [steps], opts);
}

/** Identity matrix n×m (m defaults to n). */
export function eye(n: number, m: number = n, opts: TensorOptions = {}): Tensor {
  checkShape([n, m], 'eye');
  const out = new Float64Array(n * m);
  for (let i = 0; i < Math.min(n, m); i++) out[i * m + i] = 1;
  return leaf(out, [n, m], opts);
}

export function zerosLike(t: Tensor, opts: TensorOptions = {}): Tensor {
  return zeros([...t.shape], opts);
}

export function onesLike(t: Tensor, opts: TensorOptions = {}): Tensor {
  return ones([...t.shape], opts);
}

export function fullLike(t: Tensor, value: number, opts: TensorOptions = {}): Tensor {
  return full(t.shape, value, opts);
}

export function randnLike(t: Tensor, opts: RandomOptions = {}): Tensor {
  return randn([...t.shape], opts);
}

export function randLike(t: Tensor, opts: RandomOptions = {}): Tensor {
  return rand([...t.shape], opts);
}
