/**
 * The Tensor: a contiguous row-major Float64Array plus a shape, and (when it takes part in autograd)
 * a GradNode linking it to the op that produced it. Methods mirror PyTorch names in camelCase and
 * delegate to the op functions in ./ops, so `a.add(b)` and `add(a, b)` are the same thing.
 */
import { ArgumentError, GraphError, ShapeError, formatShape } from './errors';
import { runBackward, type GradNode, type BackwardFn } from './autograd';
import { isGradEnabled } from './grad-mode';
import { shapeSize, sameShape } from './shape';
import * as ew from './ops/elementwise';
import * as act from './ops/activations';
import * as red from './ops/reduce';
import * as sh from './ops/shape-ops';
import { matmul } from './ops/matmul';

/** A number is accepted wherever a tensor operand is (it broadcasts like a 0-d tensor). */
export type TensorOrNumber = Tensor | number;

/** Nested JS arrays of numbers, as produced by toArray() and accepted by tensor(). */
export type NestedArray = number | NestedArray[];

export interface BackwardOptions {
  /** Keep the graph so backward() can run through it again (costs memory). Default false. */
  retainGraph?: boolean;
}

export class Tensor {
  /** Contiguous row-major values. Writing to it is allowed (optimisers do) but bypasses autograd. */
  data: Float64Array;
  readonly shape: readonly number[];
  /** True when gradients flow to (leaf) or through (op result) this tensor. */
  requiresGrad: boolean;
  /** ∂L/∂this after backward(): set on leaves that require grad and on tensors that called retainGrad(). */
  grad: Tensor | null = null;

  /** @internal The op that produced this tensor (null for leaves). */
  _node: GradNode | null;
  /** @internal backward() bookkeeping: pending gradient sum, whether we own it, visit mark. */
  _acc: Float64Array | null = null;
  _accOwned = false;
  _visit = 0;
  /** @internal Set by retainGrad(). */
  _retainsGrad = false;

  /**
   * Low-level constructor: takes ownership of `data` (no copy). Learners should use tensor(),
   * zeros(), randn() ... instead, which validate their input.
   */
  constructor(data: Float64Array, shape: readonly number[], requiresGrad = false, node: GradNode | null = null) {
    if (data.length !== shapeSize(shape)) {
      throw new ArgumentError(
        `Tensor: ${data.length} values cannot have shape ${formatShape(shape)} (which holds ${shapeSize(shape)}).`,
      );
    }
    this.data = data;
    this.shape = Object.freeze(shape.slice());
    this.requiresGrad = requiresGrad || node !== null;
    this._node = node;
  }

  /**
   * Builds an op result: records a GradNode when grad mode is on and any parent requires grad.
   * This is the one place graph edges are created; custom fused ops can use it too.
   */
  static fromOp(data: Float64Array, shape: readonly number[], op: string, parents: Tensor[], backward: BackwardFn): Tensor {
    return Tensor._op(data, shape, op, parents, backward, false);
  }

  /** @internal fromOp for the engine's own ops (builtin: backward never keeps its gradOut). */
  static _op(data: Float64Array, shape: readonly number[], op: string, parents: Tensor[], backward: BackwardFn, builtin = true): Tensor {
    let record = false;
    if (isGradEnabled()) {
      for (let i = 0; i < parents.length; i++) {
        if (parents[i].requiresGrad) {
          record = true;
          break;
        }
      }
    }
    if (!record) return new Tensor(data, shape);
    return new Tensor(data, shape, true, { op, parents, backward, freed: false, builtin });
  }

  /** @internal Wraps a gradient array as a tensor of this shape. */
  _wrapGrad(g: Float64Array): Tensor {
    return new Tensor(g, this.shape);
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** Number of elements (PyTorch: numel()). */
  numel(): number {
    return this.data.length;
  }

  /** The shape as a new array, or the size of one dim (PyTorch: size()). */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return this.shape.slice();
    const n = this.shape.length;
    if (!Number.isInteger(dim) || dim < -n || dim >= n) {
      throw new ArgumentError(`size: dim ${dim} is out of range for shape ${formatShape(this.shape)}.`);
    }
    return this.shape[dim < 0 ? dim + n : dim];
  }

  /** True for tensors not produced by a recorded op (user-created, or created under noGrad). */
  get isLeaf(): boolean {
    return this._node === null;
  }

  /** Name of the op that produced this tensor, or null for leaves (PyTorch: grad_fn). */
  get gradFn(): string | null {
    return this._node === null ? null : this._node.op;
  }

  /** The single value of a one-element tensor as a JS number. */
  item(): number {
    if (this.data.length !== 1) {
      throw new ShapeError(
        `item: only one-element tensors can be converted to a number, this one has shape ${formatShape(this.shape)}. ` +
          `Reduce it first (.sum(), .mean()) or index one element.`,
      );
    }
    return this.data[0];
  }

  /** Nested JS arrays (a plain number for a 0-d tensor). */
  toArray(): NestedArray {
    const shape = this.shape;
    const data = this.data;
    if (shape.length === 0) return data[0];
    let offset = 0;
    const build = (d: number): NestedArray[] => {
      const n = shape[d];
      const out: NestedArray[] = new Array(n);
      if (d === shape.length - 1) {
        for (let i = 0; i < n; i++) out[i] = data[offset++];
      } else {
        for (let i = 0; i < n; i++) out[i] = build(d + 1);
      }
      return out;
    };
    return build(0);
  }

  /** Alias of toArray() (PyTorch: tolist()). */
  tolist(): NestedArray {
    return this.toArray();
  }

  /** Flat copy of the values as a JS array. */
  toFlatArray(): number[] {
    return Array.from(this.data);
  }

  /** A copy that stays in the graph (gradient flows back to this tensor). */
  clone(): Tensor {
    return Tensor._op(new Float64Array(this.data), this.shape, 'clone', [this], (g) => [g]);
  }

  /** Same values (shared storage), cut from the graph: a leaf that does not require grad. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  /** Sets requiresGrad on a leaf in place and returns this (PyTorch: requires_grad_()). */
  requiresGrad_(flag = true): this {
    if (this._node !== null && !flag) {
      throw new GraphError(
        'requiresGrad_: cannot turn gradients off for a non-leaf tensor; use .detach() to get a copy cut from the graph.',
      );
    }
    this.requiresGrad = flag;
    return this;
  }

  /** Keeps .grad on this non-leaf tensor after backward() (e.g. ∂L/∂h_t for RNN hidden states). */
  retainGrad(): this {
    if (!this.requiresGrad) {
      throw new GraphError(
        `retainGrad: this tensor (shape ${formatShape(this.shape)}) does not require grad, so it will never get one. ` +
          `Create its inputs with {requiresGrad: true}.`,
      );
    }
    this._retainsGrad = true;
    return this;
  }

  /**
   * Backpropagates from this tensor. Without `gradient` the tensor must have one element
   * (a loss). Gradients ACCUMULATE into .grad of leaves (as in PyTorch): call zeroGrad() between steps.
   */
  backward(gradient?: Tensor | null, opts: BackwardOptions = {}): void {
    if (!this.requiresGrad) {
      throw new GraphError(
        `backward: this tensor (shape ${formatShape(this.shape)}) does not require grad, so there is nothing to ` +
          `differentiate. Create the parameters with {requiresGrad: true} (or call .requiresGrad_()), and do not ` +
          `compute the loss inside noGrad().`,
      );
    }
    let seed: Float64Array;
    if (gradient === undefined || gradient === null) {
      if (this.data.length !== 1) {
        throw new GraphError(
          `backward: the output has shape ${formatShape(this.shape)}, not a single value. Call .sum() or .mean() ` +
            `first, or pass a gradient of shape ${formatShape(this.shape)}: out.backward(onesLike(out)).`,
        );
      }
      seed = new Float64Array([1]);
    } else {
      if (!(gradient instanceof Tensor)) {
        throw new ArgumentError('backward: the gradient must be a Tensor (or omitted for a scalar output).');
      }
      if (!sameShape(gradient.shape, this.shape)) {
        throw new GraphError(
          `backward: gradient shape ${formatShape(gradient.shape)} does not match output shape ` +
            `${formatShape(this.shape)}; pass a gradient of shape ${formatShape(this.shape)}.`,
        );
      }
      seed = gradient.data;
    }
    runBackward(this, seed, opts.retainGraph === true);
  }

  /** Resets .grad to null (PyTorch's set_to_none=True default); the next backward() allocates a fresh one. */
  zeroGrad(): void {
    this.grad = null;
  }

  toString(): string {
    const body = JSON.stringify(this.toArray());
    return `tensor(${body}${this.requiresGrad ? ', requiresGrad=true' : ''})`;
  }

  // ---- elementwise arithmetic (NumPy broadcasting) ----
  add(other: TensorOrNumber): Tensor { return ew.add(this, other); }
  sub(other: TensorOrNumber): Tensor { return ew.sub(this, other); }
  mul(other: TensorOrNumber): Tensor { return ew.mul(this, other); }
  div(other: TensorOrNumber): Tensor { return ew.div(this, other); }
  pow(exponent: TensorOrNumber): Tensor { return ew.pow(this, exponent); }
  neg(): Tensor { return ew.neg(this); }
  exp(): Tensor { return ew.exp(this); }
  log(): Tensor { return ew.log(this); }
  sqrt(): Tensor { return ew.sqrt(this); }
  abs(): Tensor { return ew.abs(this); }
  square(): Tensor { return ew.square(this); }
  reciprocal(): Tensor { return ew.reciprocal(this); }
  clamp(min?: number | null, max?: number | null): Tensor { return ew.clamp(this, min, max); }
  clip(min?: number | null, max?: number | null): Tensor { return ew.clamp(this, min, max); }
  sign(): Tensor { return ew.sign(this); }
  gt(other: TensorOrNumber): Tensor { return ew.gt(this, other); }
  lt(other: TensorOrNumber): Tensor { return ew.lt(this, other); }
  ge(other: TensorOrNumber): Tensor { return ew.ge(this, other); }
  le(other: TensorOrNumber): Tensor { return ew.le(this, other); }
  eq(other: TensorOrNumber): Tensor { return ew.eq(this, other); }

  // ---- activations ----
  sigmoid(): Tensor { return act.sigmoid(this); }
  tanh(): Tensor { return act.tanh(this); }
  relu(): Tensor { return act.relu(this); }
  leakyRelu(negativeSlope = 0.01): Tensor { return act.leakyRelu(this, negativeSlope); }
  elu(alpha = 1): Tensor { return act.elu(this, alpha); }
  gelu(): Tensor { return act.gelu(this); }
  silu(): Tensor { return act.silu(this); }
  softplus(beta = 1, threshold = 20): Tensor { return act.softplus(this, beta, threshold); }
  softmax(dim: number): Tensor { return act.softmax(this, dim); }
  logSoftmax(dim: number): Tensor { return act.logSoftmax(this, dim); }

  // ---- reductions ----
  sum(dim?: number | number[] | null, keepdim = false): Tensor { return red.sum(this, dim, keepdim); }
  mean(dim?: number | number[] | null, keepdim = false): Tensor { return red.mean(this, dim, keepdim); }
  max(dim?: number | null, keepdim = false): Tensor { return red.max(this, dim, keepdim); }
  min(dim?: number | null, keepdim = false): Tensor { return red.min(this, dim, keepdim); }
  argmax(dim?: number | null, keepdim = false): Tensor { return red.argmax(this, dim, keepdim); }
  argmin(dim?: number | null, keepdim = false): Tensor { return red.argmin(this, dim, keepdim); }
  /** Variance; unbiased (divide by n−1) by default like PyTorch. */
  var(dim?: number | number[] | null, unbiased = true, keepdim = false): Tensor { return red.variance(this, dim, unbiased, keepdim); }
  std(dim?: number | number[] | null, unbiased = true, keepdim = false): Tensor { return red.std(this, dim, unbiased, keepdim); }
  norm(p = 2): Tensor { return red.norm(this, p); }
  logsumexp(dim: number, keepdim = false): Tensor { return red.logsumexp(this, dim, keepdim); }

  // ---- linear algebra ----
  matmul(other: Tensor): Tensor { return matmul(this, other); }
  mm(other: Tensor): Tensor { return matmul(this, other); }

  // ---- shape ----
  reshape(...shape: number[] | [number[]]): Tensor { return sh.reshape(this, ...shape); }
  view(...shape: number[] | [number[]]): Tensor { return sh.reshape(this, ...shape); }
  flatten(startDim = 0, endDim = -1): Tensor { return sh.flatten(this, startDim, endDim); }
  transpose(dim0: number, dim1: number): Tensor { return sh.transpose(this, dim0, dim1); }
  permute(...dims: number[] | [number[]]): Tensor { return sh.permute(this, ...dims); }
  /** Dims reversed (the matrix transpose for 2-D), as PyTorch's .T. */
  get T(): Tensor { return sh.reverseDims(this); }
  slice(dim: number, start?: number | null, end?: number | null, step = 1): Tensor { return sh.slice(this, dim, start, end, step); }
  narrow(dim: number, start: number, length: number): Tensor { return sh.narrow(this, dim, start, length); }
  select(dim: number, index: number): Tensor { return sh.select(this, dim, index); }
  /** Row i along dim 0 (like t[i] in PyTorch). */
  index(i: number): Tensor { return sh.select(this, 0, i); }
  unsqueeze(dim: number): Tensor { return sh.unsqueeze(this, dim); }
  squeeze(dim?: number): Tensor { return sh.squeeze(this, dim); }
  expand(...shape: number[] | [number[]]): Tensor { return sh.expand(this, ...shape); }
}
