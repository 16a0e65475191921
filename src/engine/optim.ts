/**
 * Optimisers with torch.optim's update rules (single-tensor CPU path of PyTorch 1.13), applied in
 * place to parameter data with no autograd history. Parameters without a .grad are skipped.
 */
import type { Tensor } from './tensor';
import { ArgumentError } from './errors';

/** Anything that yields parameters: an array, a Module's parameters(), a generator. */
export type ParamSource = Iterable<Tensor> | { parameters(): Tensor[] };

function collectParams(params: ParamSource, name: string): Tensor[] {
  const list =
    params !== null && typeof params === 'object' && 'parameters' in params && typeof params.parameters === 'function'
      ? params.parameters()
      : Array.from(params as Iterable<Tensor>);
  if (list.length === 0) throw new ArgumentError(`${name}: got an empty parameter list; pass model.parameters().`);
  list.forEach((p, i) => {
    if (p === null || typeof p !== 'object' || !(p.data instanceof Float64Array)) {
      throw new ArgumentError(`${name}: parameter ${i} is not a Tensor.`);
    }
  });
  return list;
}

function checkNonNegative(value: number, what: string, name: string): number {
  if (typeof value !== 'number' || !(value >= 0)) {
    throw new ArgumentError(`${name}: ${what} must be a number ≥ 0, got ${String(value)}.`);
  }
  return value;
}

export abstract class Optimizer {
  readonly params: Tensor[];
  /** Number of step() calls so far. */
  stepCount = 0;

  protected constructor(params: ParamSource, name: string) {
    this.params = collectParams(params, name);
  }

  /** Clears every parameter's .grad (gradients accumulate across backward() calls otherwise). */
  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }

  /** Applies one update using the current .grad of every parameter. */
  step(): void {
    this.stepCount += 1;
    this.params.forEach((p, i) => {
      if (p.grad !== null) this.update(p.data, p.grad.data, i);
    });
  }

  /** Updates one parameter's values in place from its gradient. */
  protected abstract update(param: Float64Array, grad: Float64Array, index: number): void;
}

export interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  /** L2 penalty added to the gradient: g + weightDecay·p. */
  weightDecay?: number;
  nesterov?: boolean;
  /** Ascend instead of descend. */
  maximize?: boolean;
}

/**
 * SGD, PyTorch semantics: d = g + λp; with momentum μ: b ← d on the first step, then
 * b ← μb + (1 − dampening)d; d ← d + μb (nesterov) or b; p ← p − lr·d.
 */
export class SGD extends Optimizer {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  readonly maximize: boolean;
  private readonly buffers: Array<Float64Array | null>;

  constructor(params: ParamSource, options: SGDOptions) {
    super(params, 'SGD');
    if (options === undefined || typeof options.lr !== 'number') {
      throw new ArgumentError('SGD: pass a learning rate, e.g. new SGD(model.parameters(), { lr: 0.1 }).');
    }
    this.lr = checkNonNegative(options.lr, 'lr', 'SGD');
    this.momentum = checkNonNegative(options.momentum ?? 0, 'momentum', 'SGD');
    this.dampening = options.dampening ?? 0;
    this.weightDecay = checkNonNegative(options.weightDecay ?? 0, 'weightDecay', 'SGD');
    this.nesterov = options.nesterov ?? false;
    this.maximize = options.maximize ?? false;
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new ArgumentError('SGD: nesterov momentum requires momentum > 0 and dampening = 0.');
    }
    this.buffers = this.params.map(() => null);
  }

  protected update(p: Float64Array, g: Float64Array, index: number): void {
    const { lr, momentum, dampening, weightDecay, nesterov } = this;
    const sign = this.maximize ? -1 : 1;
    let buf = this.buffers[index];
    const first = buf === null;
    if (momentum !== 0 && buf === null) {
      buf = new Float64Array(p.length);
      this.buffers[index] = buf;
    }
    for (let i = 0; i < p.length; i++) {
      let d = sign * g[i];
      if (weightDecay !== 0) d = d + weightDecay * p[i];
      if (momentum !== 0) {
        const b = first ? d : buf![i] * momentum + (1 - dampening) * d;
        buf![i] = b;
        d = nesterov ? d + momentum * b : b;
      }
      p[i] = p[i] + -lr * d;
    }
  }
}

export interface AdamOptions {
  /** Default 1e-3. */
  lr?: number;
  /** Decay rates of the first and second moment averages. Default [0.9, 0.999]. */
  betas?: [number, number];
  /** Added to √v̂ in the denominator. Default 1e-8. */
  eps?: number;
  /** Adam: L2 penalty added to the gradient. AdamW: decoupled decay p ← p(1 − lr·λ). Default 0 (AdamW 1e-2). */
  weightDecay?: number;
  /** Use the running maximum of v (Reddi et al. 2018). Default false. */
  amsgrad?: boolean;
  maximize?: boolean;
}

/**
 * Adam (Kingma & Ba 2015) exactly as torch.optim.Adam: g ← g + λp (L2 style), m ← β₁m + (1−β₁)g,
 * v ← β₂v + (1−β₂)g², p ← p − (lr/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε).
 */
export class Adam extends Optimizer {
  readonly lr: number;
  readonly betas: [number, number];
  readonly eps: number;
  readonly weightDecay: number;
  readonly amsgrad: boolean;
  readonly maximize: boolean;
  /** AdamW applies weight decay to the weights directly instead of through the gradient. */
  protected readonly decoupledWeightDecay: boolean = false;
  private readonly state: Array<{ step: number; m: Float64Array; v: Float64Array; vMax: Float64Array | null } | null>;

  constructor(params: ParamSource, options: AdamOptions = {}, name = 'Adam') {
    super(params, name);
    this.lr = checkNonNegative(options.lr ?? 1e-3, 'lr', name);
    const betas = options.betas ?? [0.9, 0.999];
    if (!Array.isArray(betas) || betas.length !== 2 || !betas.every((b) => b >= 0 && b < 1)) {
      throw new ArgumentError(`${name}: betas must be two numbers in [0, 1), got ${JSON.stringify(betas)}.`);
    }
    this.betas = [betas[0], betas[1]];
    this.eps = checkNonNegative(options.eps ?? 1e-8, 'eps', name);
    this.weightDecay = checkNonNegative(options.weightDecay ?? (name === 'AdamW' ? 1e-2 : 0), 'weightDecay', name);
    this.amsgrad = options.amsgrad ?? false;
    this.maximize = options.maximize ?? false;
    this.state = this.params.map(() => null);
  }

  protected update(p: Float64Array, g: Float64Array, index: number): void {
    let s = this.state[index];
    if (s === null) {
      s = { step: 0, m: new Float64Array(p.length), v: new Float64Array(p.length), vMax: this.amsgrad ? new Float64Array(p.length) : null };
      this.state[index] = s;
    }
    s.step += 1;
    const [beta1, beta2] = this.betas;
    const { lr, eps, weightDecay } = this;
    // Per-parameter step counts, as PyTorch keeps them (a parameter without grad does not advance).
    const biasCorrection1 = 1 - beta1 ** s.step;
    const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** s.step);
    const stepSize = lr / biasCorrection1;
    if (this.decoupledWeightDecay && weightDecay !== 0) {
      const shrink = 1 - lr * weightDecay;
      for (let i = 0; i < p.length; i++) p[i] *= shrink;
    }
    const { m, v, vMax } = s;
    for (let i = 0; i < p.length; i++) {
      let gi = this.maximize ? -g[i] : g[i];
      if (!this.decoupledWeightDecay && weightDecay !== 0) gi = gi + weightDecay * p[i];
      m[i] = m[i] * beta1 + (1 - beta1) * gi;
      v[i] = v[i] * beta2 + (1 - beta2) * gi * gi;
      let second = v[i];
      if (vMax !== null) {
        vMax[i] = Math.max(vMax[i], v[i]);
        second = vMax[i];
      }
      const denom = Math.sqrt(second) / biasCorrection2Sqrt + eps;
      p[i] = p[i] + -stepSize * (m[i] / denom);
    }
  }
}

/**
 * AdamW (Loshchilov & Hutter 2019) as torch.optim.AdamW: p ← p(1 − lr·λ) first, then the Adam
 * update without the L2 term. Default weightDecay 1e-2.
 */
export class AdamW extends Adam {
  protected override readonly decoupledWeightDecay: boolean = true;

  constructor(params: ParamSource, options: AdamOptions = {}) {
    super(params, options, 'AdamW');
  }
}
