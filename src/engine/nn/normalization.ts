/** BatchNorm1d and LayerNorm, built from differentiable ops (autograd supplies the backward). */
import { Tensor } from '../tensor';
import { ArgumentError, ShapeError, formatShape } from '../errors';
import { Module } from './module';
import { checkSize, parameter } from './parameter';

export interface BatchNormOptions {
  /** Added to the variance before the square root (PyTorch default 1e-5). */
  eps?: number;
  /** Weight of the newest batch in the running statistics (default 0.1); null = cumulative average. */
  momentum?: number | null;
  /** Learnable per-feature scale (weight, init 1) and shift (bias, init 0). Default true. */
  affine?: boolean;
  /** Keep running statistics for evaluation mode (default true). */
  trackRunningStats?: boolean;
}

/**
 * Batch normalisation over the batch (and length) dims of [N, C] or [N, C, L] input.
 * Training: x̂ = (x − μ_B)/√(σ²_B + ε) with the BIASED batch variance; y = γ·x̂ + β; the running
 * variance is updated with the UNBIASED batch variance (σ²·m/(m−1)), exactly as PyTorch does.
 * Evaluation: uses runningMean / runningVar instead of the batch statistics.
 */
export class BatchNorm1d extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  weight: Tensor | null;
  bias: Tensor | null;
  runningMean: Tensor | null = null;
  runningVar: Tensor | null = null;
  numBatchesTracked = 0;

  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super();
    this.numFeatures = checkSize(numFeatures, 'numFeatures', 'BatchNorm1d');
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    const affine = options.affine ?? true;
    this.weight = affine ? parameter([numFeatures]) : null;
    if (this.weight !== null) this.weight.data.fill(1);
    this.bias = affine ? parameter([numFeatures]) : null;
    if (options.trackRunningStats ?? true) {
      this.registerBuffer('runningMean', new Tensor(new Float64Array(numFeatures), [numFeatures]));
      this.registerBuffer('runningVar', new Tensor(new Float64Array(numFeatures).fill(1), [numFeatures]));
    }
  }

  forward(x: Tensor): Tensor {
    const C = this.numFeatures;
    if ((x.ndim !== 2 && x.ndim !== 3) || x.shape[1] !== C) {
      throw new ShapeError(
        `BatchNorm1d(${C}): expected input [N, ${C}] or [N, ${C}, L], got ${formatShape(x.shape)}. ` +
          `The second dimension must be the number of features.`,
      );
    }
    const dims = x.ndim === 2 ? [0] : [0, 2];
    // Per-feature vectors broadcast against [N, C] as [C], against [N, C, L] as [C, 1].
    const asFeature = (t: Tensor): Tensor => (x.ndim === 2 ? t : t.reshape(C, 1));
    const count = x.numel() / C;
    let mean: Tensor;
    let variance: Tensor;
    if (this.training || this.runningMean === null || this.runningVar === null) {
      if (this.training && count <= 1) {
        throw new ShapeError(
          `BatchNorm1d: expected more than 1 value per feature in training mode, got input ${formatShape(x.shape)}. ` +
            `Use a batch of at least 2 examples, or call .eval() first.`,
        );
      }
      mean = x.mean(dims, true);
      variance = x.var(dims, false, true);
      if (this.training && this.runningMean !== null && this.runningVar !== null) {
        this.updateRunningStats(mean.data, variance.data, count);
      }
    } else {
      mean = asFeature(this.runningMean);
      variance = asFeature(this.runningVar);
    }
    let y = x.sub(mean).div(variance.add(this.eps).sqrt());
    if (this.weight !== null) y = y.mul(asFeature(this.weight));
    if (this.bias !== null) y = y.add(asFeature(this.bias));
    return y;
  }

  /** running ← (1 − m)·running + m·batch, with the unbiased variance. Plain array writes: no graph. */
  private updateRunningStats(mean: Float64Array, biasedVar: Float64Array, count: number): void {
    this.numBatchesTracked += 1;
    const m = this.momentum === null ? 1 / this.numBatchesTracked : this.momentum;
    const rm = this.runningMean!.data;
    const rv = this.runningVar!.data;
    const unbias = count / (count - 1);
    for (let c = 0; c < rm.length; c++) {
      rm[c] = (1 - m) * rm[c] + m * mean[c];
      rv[c] = (1 - m) * rv[c] + m * biasedVar[c] * unbias;
    }
  }

  protected override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum}`;
  }
}

export interface LayerNormOptions {
  eps?: number;
  /** Learnable weight (init 1) and bias (init 0) of normalizedShape. Default true. */
  elementwiseAffine?: boolean;
}

/**
 * Layer normalisation over the last dims (normalizedShape) of each example, with the biased
 * variance, as torch.nn.LayerNorm. Independent of the batch, so train and eval behave the same.
 */
export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly eps: number;
  weight: Tensor | null;
  bias: Tensor | null;

  constructor(normalizedShape: number | number[], options: LayerNormOptions = {}) {
    super();
    const shape = typeof normalizedShape === 'number' ? [normalizedShape] : normalizedShape.slice();
    if (shape.length === 0) throw new ArgumentError('LayerNorm: normalizedShape must have at least one dimension.');
    shape.forEach((d) => checkSize(d, 'each normalizedShape entry', 'LayerNorm'));
    this.normalizedShape = shape;
    this.eps = options.eps ?? 1e-5;
    const affine = options.elementwiseAffine ?? true;
    this.weight = affine ? parameter(shape) : null;
    if (this.weight !== null) this.weight.data.fill(1);
    this.bias = affine ? parameter(shape) : null;
  }

  forward(x: Tensor): Tensor {
    const k = this.normalizedShape.length;
    const tail = x.shape.slice(x.ndim - k);
    if (x.ndim < k || tail.some((d, i) => d !== this.normalizedShape[i])) {
      throw new ShapeError(
        `LayerNorm(${formatShape(this.normalizedShape)}): input ${formatShape(x.shape)} must end in ` +
          `${formatShape(this.normalizedShape)}.`,
      );
    }
    const dims = Array.from({ length: k }, (_, i) => x.ndim - k + i);
    const mean = x.mean(dims, true);
    const variance = x.var(dims, false, true);
    let y = x.sub(mean).div(variance.add(this.eps).sqrt());
    if (this.weight !== null) y = y.mul(this.weight);
    if (this.bias !== null) y = y.add(this.bias);
    return y;
  }

  protected override extraRepr(): string {
    return `${formatShape(this.normalizedShape)}, eps=${this.eps}`;
  }
}
