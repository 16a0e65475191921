/**
 * Sequence layers RNN, LSTM and GRU: a stack of cells unrolled over time.
 *
 * Layout as PyTorch: input [T, B, I] (or [B, T, I] with batchFirst), initial states
 * [numLayers, B, H]. Instead of PyTorch's tuples they return a named result that also exposes
 * `hiddens`: the last layer's h_t for every t, as the SAME tensors the next step consumed. That is
 * what gradient exercises need: call hiddens[t].retainGrad() before backward() and read
 * ‖∂L/∂h_t‖ from hiddens[t].grad to watch gradients vanish or explode across time.
 * Parameters are named "cells.<layer>.weightIh" etc. (PyTorch: weight_ih_l<layer>).
 */
import { Tensor } from '../tensor';
import { ArgumentError, ShapeError, formatShape } from '../errors';
import { stack } from '../ops/shape-ops';
import { Module } from './module';
import { checkSize } from './parameter';
import { GRUCell, LSTMCell, RNNCell, type LSTMState, type RNNNonlinearity } from './recurrent-cells';

export interface RecurrentOptions {
  /** Stacked layers; layer l > 0 reads layer l−1's hidden states. Default 1. */
  numLayers?: number;
  bias?: boolean;
  /** Input and output are [B, T, ·] instead of [T, B, ·]. Default false, as PyTorch. */
  batchFirst?: boolean;
}

export interface RNNOptions extends RecurrentOptions {
  nonlinearity?: RNNNonlinearity;
}

/** What RNN and GRU return. */
export interface RecurrentOutput {
  /** Last layer's h_t for all t: [T, B, H] ([B, T, H] with batchFirst). */
  output: Tensor;
  /** Final hidden state of every layer: [numLayers, B, H]. */
  hN: Tensor;
  /** Last layer's h_1 … h_T, each [B, H]; graph nodes, so retainGrad() gives ∂L/∂h_t. */
  hiddens: Tensor[];
}

/** What LSTM returns: RecurrentOutput plus the cell states. */
export interface LSTMOutput extends RecurrentOutput {
  /** Final cell state of every layer: [numLayers, B, H]. */
  cN: Tensor;
  /** Last layer's c_1 … c_T, each [B, H]. */
  cellStates: Tensor[];
}

function splitTime(x: Tensor, inputSize: number, batchFirst: boolean, name: string): Tensor[] {
  if (x.ndim !== 3 || x.shape[2] !== inputSize) {
    const layout = batchFirst ? '[batch, time, inputSize]' : '[time, batch, inputSize]';
    throw new ShapeError(
      `${name}: input must be ${layout} with inputSize ${inputSize}, got ${formatShape(x.shape)}.` +
        (batchFirst ? '' : ' (Pass {batchFirst: true} if your data is [batch, time, features].)'),
    );
  }
  const timeDim = batchFirst ? 1 : 0;
  const T = x.shape[timeDim];
  if (T === 0) throw new ShapeError(`${name}: the sequence is empty (length 0).`);
  const steps: Tensor[] = [];
  for (let t = 0; t < T; t++) steps.push(x.select(timeDim, t));
  return steps;
}

function initialState(s: Tensor | null | undefined, layers: number, batch: number, hidden: number, what: string, name: string): Tensor[] | null {
  if (s === undefined || s === null) return null;
  if (s.ndim !== 3 || s.shape[0] !== layers || s.shape[1] !== batch || s.shape[2] !== hidden) {
    throw new ShapeError(
      `${name}: ${what} must be [numLayers, batch, hiddenSize] = [${layers}, ${batch}, ${hidden}], got ${formatShape(s.shape)}.`,
    );
  }
  return Array.from({ length: layers }, (_, l) => s.select(0, l));
}

abstract class RecurrentBase<C extends Module<any[], any>, In extends unknown[], Out> extends Module<In, Out> {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly batchFirst: boolean;
  readonly cells: C[];

  protected constructor(name: string, inputSize: number, hiddenSize: number, options: RecurrentOptions, makeCell: (inSize: number) => C) {
    super();
    this.inputSize = checkSize(inputSize, 'inputSize', name);
    this.hiddenSize = checkSize(hiddenSize, 'hiddenSize', name);
    this.numLayers = checkSize(options.numLayers ?? 1, 'numLayers', name);
    this.batchFirst = options.batchFirst ?? false;
    this.cells = Array.from({ length: this.numLayers }, (_, l) => makeCell(l === 0 ? inputSize : hiddenSize));
  }

  protected stackOutput(hiddens: Tensor[]): Tensor {
    return stack(hiddens, this.batchFirst ? 1 : 0);
  }

  protected override extraRepr(): string {
    return `inputSize=${this.inputSize}, hiddenSize=${this.hiddenSize}, numLayers=${this.numLayers}, batchFirst=${this.batchFirst}`;
  }
}

/** Elman RNN over a sequence: h_t = act(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh). */
export class RNN extends RecurrentBase<RNNCell, [Tensor, (Tensor | null)?], RecurrentOutput> {
  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    super('RNN', inputSize, hiddenSize, options, (inSize) =>
      new RNNCell(inSize, hiddenSize, { bias: options.bias, nonlinearity: options.nonlinearity }),
    );
  }

  /** x: [T, B, I], h0: [numLayers, B, H] (zeros if omitted). */
  forward(x: Tensor, h0?: Tensor | null): RecurrentOutput {
    let inputs = splitTime(x, this.inputSize, this.batchFirst, 'RNN');
    const h0s = initialState(h0, this.numLayers, inputs[0].shape[0], this.hiddenSize, 'h0', 'RNN');
    const finals: Tensor[] = [];
    for (let l = 0; l < this.numLayers; l++) {
      let h: Tensor | null = h0s === null ? null : h0s[l];
      const outs: Tensor[] = [];
      for (const xt of inputs) {
        h = this.cells[l].call(xt, h);
        outs.push(h);
      }
      finals.push(h!);
      inputs = outs;
    }
    return { output: this.stackOutput(inputs), hN: stack(finals, 0), hiddens: inputs };
  }
}

/** GRU over a sequence (gate order r, z, n). */
export class GRU extends RecurrentBase<GRUCell, [Tensor, (Tensor | null)?], RecurrentOutput> {
  constructor(inputSize: number, hiddenSize: number, options: RecurrentOptions = {}) {
    super('GRU', inputSize, hiddenSize, options, (inSize) => new GRUCell(inSize, hiddenSize, { bias: options.bias }));
  }

  forward(x: Tensor, h0?: Tensor | null): RecurrentOutput {
    let inputs = splitTime(x, this.inputSize, this.batchFirst, 'GRU');
    const h0s = initialState(h0, this.numLayers, inputs[0].shape[0], this.hiddenSize, 'h0', 'GRU');
    const finals: Tensor[] = [];
    for (let l = 0; l < this.numLayers; l++) {
      let h: Tensor | null = h0s === null ? null : h0s[l];
      const outs: Tensor[] = [];
      for (const xt of inputs) {
        h = this.cells[l].call(xt, h);
        outs.push(h);
      }
      finals.push(h!);
      inputs = outs;
    }
    return { output: this.stackOutput(inputs), hN: stack(finals, 0), hiddens: inputs };
  }
}

/** LSTM over a sequence (gate order i, f, g, o). State is [h0, c0], each [numLayers, B, H]. */
export class LSTM extends RecurrentBase<LSTMCell, [Tensor, (LSTMState | null)?], LSTMOutput> {
  constructor(inputSize: number, hiddenSize: number, options: RecurrentOptions = {}) {
    super('LSTM', inputSize, hiddenSize, options, (inSize) => new LSTMCell(inSize, hiddenSize, { bias: options.bias }));
  }

  forward(x: Tensor, state?: LSTMState | null): LSTMOutput {
    let inputs = splitTime(x, this.inputSize, this.batchFirst, 'LSTM');
    const B = inputs[0].shape[0];
    let h0s: Tensor[] | null = null;
    let c0s: Tensor[] | null = null;
    if (state !== undefined && state !== null) {
      if (!Array.isArray(state) || state.length !== 2) {
        throw new ArgumentError('LSTM: the initial state must be a pair [h0, c0], each [numLayers, batch, hiddenSize].');
      }
      h0s = initialState(state[0], this.numLayers, B, this.hiddenSize, 'h0', 'LSTM');
      c0s = initialState(state[1], this.numLayers, B, this.hiddenSize, 'c0', 'LSTM');
    }
    const finalH: Tensor[] = [];
    const finalC: Tensor[] = [];
    let cells: Tensor[] = [];
    for (let l = 0; l < this.numLayers; l++) {
      let s: LSTMState | null = h0s === null || c0s === null ? null : [h0s[l], c0s[l]];
      const outs: Tensor[] = [];
      cells = [];
      for (const xt of inputs) {
        s = this.cells[l].call(xt, s);
        outs.push(s[0]);
        cells.push(s[1]);
      }
      finalH.push(s![0]);
      finalC.push(s![1]);
      inputs = outs;
    }
    return {
      output: this.stackOutput(inputs),
      hN: stack(finalH, 0),
      cN: stack(finalC, 0),
      hiddens: inputs,
      cellStates: cells,
    };
  }
}
