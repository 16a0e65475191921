/** Linear (fully connected) layer: y = x Wᵀ + b with PyTorch's layout and default init. */
import type { Tensor } from '../tensor';
import { ShapeError, formatShape } from '../errors';
import { linear } from '../ops/matmul';
import { Module } from './module';
import { checkSize, uniformParameter } from './parameter';

export interface LinearOptions {
  /** Add a learnable bias (default true). */
  bias?: boolean;
}

export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** [outFeatures, inFeatures], as in PyTorch (so fan_in = shape[1]). */
  weight: Tensor;
  bias: Tensor | null;

  /**
   * Default init is PyTorch's: weight and bias ~ U(±1/√inFeatures) (kaiming_uniform_ with a = √5).
   * Re-initialise with the init functions, e.g. init.xavierUniform_(layer.weight).
   */
  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    this.inFeatures = checkSize(inFeatures, 'inFeatures', 'Linear');
    this.outFeatures = checkSize(outFeatures, 'outFeatures', 'Linear');
    const bound = 1 / Math.sqrt(inFeatures);
    this.weight = uniformParameter([outFeatures, inFeatures], bound);
    this.bias = options.bias === false ? null : uniformParameter([outFeatures], bound);
  }

  /** x: [..., inFeatures] → [..., outFeatures]. */
  forward(x: Tensor): Tensor {
    const last = x.shape[x.shape.length - 1];
    if (x.shape.length === 0 || last !== this.inFeatures) {
      throw new ShapeError(
        `Linear(${this.inFeatures}, ${this.outFeatures}): input shape ${formatShape(x.shape)} must end in ` +
          `${this.inFeatures} (the layer's inFeatures). Check the previous layer's output size or reshape the input.`,
      );
    }
    return linear(x, this.weight, this.bias);
  }

  protected override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
