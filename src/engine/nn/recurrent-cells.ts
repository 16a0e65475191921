/**
 * One time step of the recurrent layers, with PyTorch's parameter layout and gate order:
 *   weightIh [G·H, I], weightHh [G·H, H], biasIh [G·H], biasHh [G·H]
 * where G = 1 (RNN), 4 (LSTM: i, f, g, o) or 3 (GRU: r, z, n). Default init: every parameter
 * ~ U(±1/√H), as torch.nn.RNN/LSTM/GRU. Names map to PyTorch's weight_ih, weight_hh, bias_ih, bias_hh.
 */
import { Tensor } from '../tensor';
import { ArgumentError, ShapeError, formatShape } from '../errors';
import { linear } from '../ops/matmul';
import { linearPair, lstmPointwise } from '../ops/recurrent-fused';
import { Module } from './module';
import { checkSize, uniformParameter } from './parameter';

export type RNNNonlinearity = 'tanh' | 'relu';

export interface RecurrentCellOptions {
  /** Learnable biases biasIh and biasHh (default true). */
  bias?: boolean;
}

/** Shared parameters and input checks of the three cells. */
abstract class RecurrentCellBase<In extends unknown[], Out> extends Module<In, Out> {
  readonly inputSize: number;
  readonly hiddenSize: number;
  weightIh: Tensor;
  weightHh: Tensor;
  biasIh: Tensor | null;
  biasHh: Tensor | null;

  protected constructor(name: string, gates: number, inputSize: number, hiddenSize: number, options: RecurrentCellOptions) {
    super();
    this.inputSize = checkSize(inputSize, 'inputSize', name);
    this.hiddenSize = checkSize(hiddenSize, 'hiddenSize', name);
    const bound = 1 / Math.sqrt(hiddenSize);
    this.weightIh = uniformParameter([gates * hiddenSize, inputSize], bound);
    this.weightHh = uniformParameter([gates * hiddenSize, hiddenSize], bound);
    const bias = options.bias ?? true;
    this.biasIh = bias ? uniformParameter([gates * hiddenSize], bound) : null;
    this.biasHh = bias ? uniformParameter([gates * hiddenSize], bound) : null;
  }

  /** x Wᵢₕᵀ + bᵢₕ: [B, G·H]. */
  protected inputPart(x: Tensor): Tensor {
    return linear(x, this.weightIh, this.biasIh);
  }

  /** h Wₕₕᵀ + bₕₕ: [B, G·H]. */
  protected hiddenPart(h: Tensor): Tensor {
    return linear(h, this.weightHh, this.biasHh);
  }

  /**
   * x Wᵢₕᵀ + bᵢₕ + h Wₕₕᵀ + bₕₕ as one fused node ([B, G·H]); same doubles as inputPart(x).add(hiddenPart(h)).
   */
  protected bothParts(x: Tensor, h: Tensor): Tensor {
    return linearPair(x, this.weightIh, this.biasIh, h, this.weightHh, this.biasHh);
  }

  /** Gate k of G along the feature dim (columns k·H … (k+1)·H). */
  protected gate(t: Tensor, k: number): Tensor {
    return t.slice(1, k * this.hiddenSize, (k + 1) * this.hiddenSize);
  }

  protected checkInput(x: Tensor, name: string): void {
    if (x.ndim !== 2 || x.shape[1] !== this.inputSize) {
      throw new ShapeError(
        `${name}(${this.inputSize}, ${this.hiddenSize}): input must be [batch, ${this.inputSize}], got ${formatShape(x.shape)}.`,
      );
    }
  }

  protected checkState(s: Tensor, x: Tensor, what: string, name: string): void {
    if (s.ndim !== 2 || s.shape[0] !== x.shape[0] || s.shape[1] !== this.hiddenSize) {
      throw new ShapeError(
        `${name}: ${what} must be [batch, hiddenSize] = [${x.shape[0]}, ${this.hiddenSize}], got ${formatShape(s.shape)}.`,
      );
    }
  }

  /** A zero state [B, H] for when the caller passes none (as PyTorch does). */
  protected zeroState(x: Tensor): Tensor {
    return new Tensor(new Float64Array(x.shape[0] * this.hiddenSize), [x.shape[0], this.hiddenSize]);
  }

  protected override extraRepr(): string {
    return `inputSize=${this.inputSize}, hiddenSize=${this.hiddenSize}, bias=${this.biasIh !== null}`;
  }
}

export interface RNNCellOptions extends RecurrentCellOptions {
  /** 'tanh' (default) or 'relu'. */
  nonlinearity?: RNNNonlinearity;
}

/** Elman RNN step: h' = act(x Wᵢₕᵀ + bᵢₕ + h Wₕₕᵀ + bₕₕ). */
export class RNNCell extends RecurrentCellBase<[Tensor, (Tensor | null)?], Tensor> {
  readonly nonlinearity: RNNNonlinearity;

  constructor(inputSize: number, hiddenSize: number, options: RNNCellOptions = {}) {
    super('RNNCell', 1, inputSize, hiddenSize, options);
    const nl = options.nonlinearity ?? 'tanh';
    if (nl !== 'tanh' && nl !== 'relu') {
      throw new ArgumentError(`RNNCell: nonlinearity must be 'tanh' or 'relu', got "${String(nl)}".`);
    }
    this.nonlinearity = nl;
  }

  /** x: [B, I], h: [B, H] (zeros if omitted) → h': [B, H]. */
  forward(x: Tensor, h?: Tensor | null): Tensor {
    this.checkInput(x, 'RNNCell');
    const hPrev = h === undefined || h === null ? this.zeroState(x) : h;
    this.checkState(hPrev, x, 'hidden state h', 'RNNCell');
    const pre = this.bothParts(x, hPrev);
    return this.nonlinearity === 'tanh' ? pre.tanh() : pre.relu();
  }
}

/** An LSTM state: hidden h and cell c, both [B, H]. */
export type LSTMState = [h: Tensor, c: Tensor];

/**
 * LSTM step (Hochreiter & Schmidhuber 1997, PyTorch gate order i, f, g, o):
 * i, f, o = σ(·), g = tanh(·), c' = f⊙c + i⊙g, h' = o⊙tanh(c'). The additive cell path c → c'
 * (gradient f per step, not a squashing derivative) is what lets gradients survive long spans.
 */
export class LSTMCell extends RecurrentCellBase<[Tensor, (LSTMState | null)?], LSTMState> {
  constructor(inputSize: number, hiddenSize: number, options: RecurrentCellOptions = {}) {
    super('LSTMCell', 4, inputSize, hiddenSize, options);
  }

  /** x: [B, I], state [h, c] (zeros if omitted) → [h', c']. */
  forward(x: Tensor, state?: LSTMState | null): LSTMState {
    this.checkInput(x, 'LSTMCell');
    let h: Tensor;
    let c: Tensor;
    if (state === undefined || state === null) {
      h = this.zeroState(x);
      c = h;
    } else {
      if (!Array.isArray(state) || state.length !== 2) {
        throw new ArgumentError('LSTMCell: the state must be a pair [h, c] of [batch, hiddenSize] tensors.');
      }
      [h, c] = state;
      this.checkState(h, x, 'hidden state h', 'LSTMCell');
      this.checkState(c, x, 'cell state c', 'LSTMCell');
    }
    // Fused (3 graph nodes instead of ~14, same doubles): ../ops/recurrent-fused.ts. Written with
    // public ops it reads: gates = inputPart(x) + hiddenPart(h); i, f, o = σ(gate 0, 1, 3);
    // g = tanh(gate 2); c' = f⊙c + i⊙g; h' = o⊙tanh(c').
    const gates = this.bothParts(x, h);
    return lstmPointwise(gates, c);
  }
}

/**
 * GRU step (Cho et al. 2014, PyTorch gate order r, z, n):
 * r = σ(·), z = σ(·), n = tanh(Wᵢₙx + bᵢₙ + r⊙(Wₕₙh + bₕₙ)), h' = (1 − z)⊙n + z⊙h.
 */
export class GRUCell extends RecurrentCellBase<[Tensor, (Tensor | null)?], Tensor> {
  constructor(inputSize: number, hiddenSize: number, options: RecurrentCellOptions = {}) {
    super('GRUCell', 3, inputSize, hiddenSize, options);
  }

  /** x: [B, I], h: [B, H] (zeros if omitted) → h': [B, H]. */
  forward(x: Tensor, h?: Tensor | null): Tensor {
    this.checkInput(x, 'GRUCell');
    const hPrev = h === undefined || h === null ? this.zeroState(x) : h;
    this.checkState(hPrev, x, 'hidden state h', 'GRUCell');
    const gi = this.inputPart(x);
    const gh = this.hiddenPart(hPrev);
    const r = this.gate(gi, 0).add(this.gate(gh, 0)).sigmoid();
    const z = this.gate(gi, 1).add(this.gate(gh, 1)).sigmoid();
    const n = this.gate(gi, 2).add(r.mul(this.gate(gh, 2))).tanh();
    // (1 − z)⊙n + z⊙h written as n + z⊙(h − n), which is how PyTorch's CPU kernel evaluates it.
    return n.add(z.mul(hPrev.sub(n)));
  }
}
