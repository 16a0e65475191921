/** Modules that hold other modules: Sequential and Residual. */
import type { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { Module } from './module';

type TensorModule = Module<[Tensor], Tensor>;

/**
 * Runs its modules in order. Children are named by position, so parameters read "0.weight",
 * "2.bias", ... exactly like torch.nn.Sequential (and "layers.0.weight" when stored as `layers`).
 */
export class Sequential extends Module {
  readonly layers: TensorModule[];

  constructor(...layers: TensorModule[]) {
    super();
    layers.forEach((m, i) => {
      if (!(m instanceof Module)) {
        throw new ArgumentError(`Sequential: argument ${i} is not a Module (got ${typeof m}). Pass layers like new Linear(4, 8).`);
      }
    });
    this.layers = layers;
  }

  protected override ownEntries(): Array<[string, Module<any[], any>]> {
    return this.layers.map((m, i) => [String(i), m]);
  }

  forward(x: Tensor): Tensor {
    let h = x;
    for (const layer of this.layers) h = layer.call(h);
    return h;
  }

  get length(): number {
    return this.layers.length;
  }

  /** The i-th layer (negative counts from the end). */
  at(i: number): TensorModule {
    const m = this.layers.at(i);
    if (m === undefined) throw new ArgumentError(`Sequential.at: index ${i} is out of range for ${this.layers.length} layers.`);
    return m;
  }

  append(layer: TensorModule): this {
    this.layers.push(layer);
    return this;
  }
}

/**
 * x + block(x): the skip connection of ResNets. The identity path carries the gradient back
 * unchanged, so it cannot vanish through the block. Parameters are named "block.…".
 */
export class Residual extends Module {
  constructor(readonly block: TensorModule) {
    super();
    if (!(block instanceof Module)) throw new ArgumentError('Residual: the block must be a Module.');
  }

  forward(x: Tensor): Tensor {
    return x.add(this.block.call(x));
  }
}
