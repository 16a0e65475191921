/**
 * m8-lstm-gru harness.
 *  1. initForgetBias on fresh LSTM cells (value 1 and 2.5): the effective forget-gate bias
 *     biasIh[H:2H] + biasHh[H:2H] must equal the value; everything else must be untouched.
 *     Diagnostics name the classic slips: the input-gate slice [0:H], both biases set (2·value),
 *     biasHh's random forget slice left in place.
 *  2. unrollLSTM is compared value by value with the engine's own unroll (and with unrolls that
 *     drop the cell state, to name that mistake).
 *  3. Gradient reach over T = 40 steps, log10(‖∂L/∂h_1‖ / ‖∂L/∂h_T‖), for a tanh RNN, a GRU, an
 *     LSTM with forget bias 0 and an LSTM initialised by the learner's initForgetBias (the
 *     harness's own unroll, so this is graded independently of unrollLSTM).
 */
import type { HarnessContext } from 'gradlab/harness';
import { nn, randn, type Tensor } from 'gradlab';

const T = 40;
const H = 32;
const I = 8;
const B = 16;

type Cell = nn.LSTMCell;

function snapshot(cell: Cell): Float64Array[] {
  return [cell.weightIh, cell.weightHh, cell.biasIh!, cell.biasHh!].map((t) => Float64Array.from(t.data));
}

/** LSTM unroll as the engine intends: carry [h, c]; returns h_1 … h_T. */
function unroll(cell: Cell, xs: Tensor[], mode: 'carry' | 'drop-c' | 'reset' = 'carry'): Tensor[] {
  const hs: Tensor[] = [];
  let state: [Tensor, Tensor] | null = null;
  for (const x of xs) {
    const next: [Tensor, Tensor] = cell.call(x, state);
    hs.push(next[0]);
    if (mode === 'carry') state = next;
    else if (mode === 'drop-c') state = [next[0], next[0].mul(0)];
    else state = null;
  }
  return hs;
}

function reach(norms: number[]): number {
  return Math.log10(norms[0] / norms[norms.length - 1]);
}

/** ‖∂L/∂h_t‖ for t = 1..T with L = Σ v ⊙ h_T. */
function gradNorms(hs: Tensor[], v: Tensor): number[] {
  for (const h of hs) h.retainGrad();
  hs[hs.length - 1].mul(v).sum().backward();
  return hs.map((h) => (h.grad ? h.grad.norm().item() : 0));
}

function maxRel(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d === 0) continue;
    m = Math.max(m, Number.isNaN(d) ? Infinity : d / Math.max(Math.abs(a[i]), Math.abs(b[i])));
  }
  return m;
}

export default function harness(ctx: HarnessContext): void {
  // ---- 1. initForgetBias --------------------------------------------------------------------
  let forgetBiasError = 0;
  let otherChanged = 0;
  let inputGateSet = 0;
  let doubled = 0;
  let hhLeftRandom = 0;
  for (const value of [1, 2.5]) {
    const cell = new nn.LSTMCell(I, H);
    const before = snapshot(cell);
    ctx.call('initForgetBias', cell, value);
    if (cell.biasIh === null || cell.biasHh === null) ctx.fail('wrong-type', 'initForgetBias must keep the cell\'s biases (biasIh and biasHh are null now).');
    const after = snapshot(cell);
    const eff = (j: number) => after[2][j] + after[3][j];
    let inputAll = true;
    let doubleAll = true;
    let ihOnly = true;
    for (let j = 0; j < 4 * H; j++) {
      const inForget = j >= H && j < 2 * H;
      if (inForget) {
        const e = eff(j);
        forgetBiasError = Math.max(forgetBiasError, Number.isFinite(e) ? Math.abs(e - value) : Infinity);
        if (Math.abs(e - 2 * value) > 1e-12) doubleAll = false;
        if (after[2][j] !== value || after[3][j] !== before[3][j]) ihOnly = false;
      } else {
        if (after[2][j] !== before[2][j] || after[3][j] !== before[3][j]) otherChanged++;
      }
      if (j < H && Math.abs(eff(j) - value) > 1e-12 && after[2][j] !== value && after[3][j] !== value) inputAll = false;
    }
    for (let w = 0; w < 2; w++) for (let i = 0; i < after[w].length; i++) if (after[w][i] !== before[w][i]) otherChanged++;
    if (inputAll) inputGateSet = 1;
    if (doubleAll) doubled = 1;
    if (ihOnly) hhLeftRandom = 1;
  }
  ctx.record('forgetBiasError', forgetBiasError);
  ctx.record('otherChanged', otherChanged);
  ctx.record('inputGateSet', inputGateSet);
  ctx.record('doubled', doubled);
  ctx.record('hhLeftRandom', hhLeftRandom);

  // ---- 2. unrollLSTM ------------------------------------------------------------------------
  {
    const cell = new nn.LSTMCell(I, H);
    const xs = Array.from({ length: T }, () => randn(B, I));
    const ref = unroll(cell, xs).map((h) => h.data);
    const got = ctx.call<unknown>('unrollLSTM', cell, xs);
    if (!Array.isArray(got)) ctx.fail('wrong-type', `unrollLSTM must return an array of the ${T} hidden states h_1 … h_${T}.`);
    const hs = got as unknown[];
    if (hs.length !== T) ctx.fail('wrong-shape', `unrollLSTM must return ${T} hidden states (one per input, h_1 … h_${T}), got ${hs.length}.`);
    let err = 0;
    const data = hs.map((h, t) => ctx.expectTensor(h, `unrollLSTM(...)[${t}]`, [B, H]).data);
    for (let t = 0; t < T; t++) err = Math.max(err, maxRel(data[t], ref[t]));
    ctx.record('unrollError', err);
    const close = (variant: Float64Array[]) => variant.every((v, t) => maxRel(data[t], v) < 1e-9);
    ctx.record('cellStateDropped', err > 1e-9 && (close(unroll(cell, xs, 'drop-c').map((h) => h.data)) || close(unroll(cell, xs, 'reset').map((h) => h.data))));
  }

  // ---- 3. gradient reach over T steps ---------------------------------------------------------
  const xs = Array.from({ length: T }, () => randn(B, I));
  const v = randn(B, H);
  const labels = Array.from({ length: T }, (_, t) => `t=${t + 1}`);

  const rnn = new nn.RNNCell(I, H);
  const rnnHs: Tensor[] = [];
  let h: Tensor | null = null;
  for (const x of xs) { h = rnn.call(x, h); rnnHs.push(h); }
  const rnnNorms = gradNorms(rnnHs, v);

  const gru = new nn.GRUCell(I, H);
  const gruHs: Tensor[] = [];
  h = null;
  for (const x of xs) { h = gru.call(x, h); gruHs.push(h); }
  const gruNorms = gradNorms(gruHs, v);

  const lstm0 = new nn.LSTMCell(I, H);
  const lstm1 = new nn.LSTMCell(I, H);
  lstm1.loadStateDict(lstm0.stateDict()); // same weights: only the forget bias differs
  for (let j = H; j < 2 * H; j++) { lstm0.biasIh!.data[j] = 0; lstm0.biasHh!.data[j] = 0; }
  ctx.call('initForgetBias', lstm1, 1);
  const lstm0Norms = gradNorms(unroll(lstm0, xs), v);
  const lstm1Norms = gradNorms(unroll(lstm1, xs), v);

  ctx.recordVector('normsRNN', rnnNorms, labels);
  ctx.recordVector('normsGRU', gruNorms, labels);
  ctx.recordVector('normsLSTM0', lstm0Norms, labels);
  ctx.recordVector('normsLSTM1', lstm1Norms, labels);
  ctx.record('reachRNN', reach(rnnNorms));
  ctx.record('reachLSTM0', reach(lstm0Norms));
  ctx.record('reachLSTM1', reach(lstm1Norms));
  ctx.record('reachGain', reach(lstm1Norms) - reach(lstm0Norms));
}
