/** Creating trainable tensors for layers. */
import { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { uniform_ } from '../init';

/** A zero-filled leaf tensor with requiresGrad = true (what nn.Parameter wraps in PyTorch). */
export function parameter(shape: readonly number[]): Tensor {
  let n = 1;
  for (const d of shape) n *= d;
  return new Tensor(new Float64Array(n), shape, true);
}

/** A parameter filled from U(−bound, bound): PyTorch's default for Linear and recurrent layers. */
export function uniformParameter(shape: readonly number[], bound: number): Tensor {
  return uniform_(parameter(shape), -bound, bound);
}

/** Throws a readable error unless n is a positive integer size. */
export function checkSize(value: unknown, what: string, layer: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ArgumentError(`${layer}: ${what} must be a positive integer, got ${String(value)}.`);
  }
  return value;
}
