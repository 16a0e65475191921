/** Inverted dropout: zero each element with probability p and scale survivors by 1/(1−p). */
import { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { defaultGenerator, type Generator } from '../random';
import { Module } from './module';

export class Dropout extends Module {
  readonly p: number;
  private readonly _generator: Generator | null;

  /** The mask is drawn from the engine's seeded RNG (or `generator`), so a seed reproduces it. */
  constructor(p = 0.5, generator?: Generator) {
    super();
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new ArgumentError(`Dropout: probability p must be between 0 and 1, got ${String(p)}.`);
    }
    this.p = p;
    this._generator = generator ?? null;
  }

  /** Identity in eval mode (and when p = 0); the expected value is unchanged in training mode. */
  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    const g = this._generator ?? defaultGenerator;
    const keep = 1 - this.p;
    const scale = keep === 0 ? 0 : 1 / keep;
    const mask = new Float64Array(x.numel());
    for (let i = 0; i < mask.length; i++) mask[i] = g.random() < keep ? scale : 0;
    return x.mul(new Tensor(mask, x.shape));
  }

  protected override extraRepr(): string {
    return `p=${this.p}`;
  }
}
