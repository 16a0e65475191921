/**
 * Fused recurrent-cell ops used by nn.RNNCell / nn.LSTMCell (internal: not exported from `gradlab`).
 * Why: an LSTM step written with public ops records ~14 graph nodes (2 linears, add, 4 slices,
 * 5 activations, 3 muls, add) and allocates ~25 temporaries per step in forward + backward; at the
 * exercise sizes (B 32, H 64) that bookkeeping cost more than the matrix products. These ops record
 * 3 nodes per step and compute exactly the same doubles, in the same order, as the unfused chain
 * (so values AND gradients are bit-identical to what the cells produced before).
 */
import { Tensor } from '../tensor';
import { gemmNN, gemmNT, gemmTN } from '../kernels/matmul';
import { sumRows } from './broadcast';
import { sigmoidScalar } from '../special/sigmoid';
import { gradArray, gradArrayForOverwrite } from '../grad-pool';

function copyGrad(a: Float64Array): Float64Array {
  const out = gradArrayForOverwrite(a.length);
  out.set(a);
  return out;
}

/**
 * (x·Wxᵀ + bx) + (h·Whᵀ + bh): the two linear layers of a recurrent cell and their sum as ONE node.
 * x [B, I], wx [G, I], h [B, H], wh [G, H], biases [G] or null → [B, G].
 */
export function linearPair(
  x: Tensor, wx: Tensor, bx: Tensor | null, h: Tensor, wh: Tensor, bh: Tensor | null,
): Tensor {
  const B = x.shape[0];
  const I = x.shape[1];
  const H = h.shape[1];
  const G = wx.shape[0];
  const xd = x.data;
  const hd = h.data;
  const wxd = wx.data;
  const whd = wh.data;
  const out = new Float64Array(B * G);
  const hp = scratch(B * G); // h·Whᵀ never escapes this call: a reused buffer, not a fresh array per step
  gemmNT(xd, wxd, out, B, I, G);
  gemmNT(hd, whd, hp, B, H, G);
  // Same association as linear(x) + linear(h): each side gets its bias first, then the two add.
  // Bias-free cells take the general loop (adding a 0 bias instead could turn −0 into +0).
  if (bx !== null && bh !== null) {
    const bxd = bx.data;
    const bhd = bh.data;
    for (let r = 0; r < B; r++) {
      const o = r * G;
      for (let j = 0; j < G; j++) out[o + j] = out[o + j] + bxd[j] + (hp[o + j] + bhd[j]);
    }
  } else {
    const bxd = bx === null ? null : bx.data;
    const bhd = bh === null ? null : bh.data;
    for (let r = 0; r < B; r++) {
      const o = r * G;
      for (let j = 0; j < G; j++) {
        const a = bxd === null ? out[o + j] : out[o + j] + bxd[j];
        const b = bhd === null ? hp[o + j] : hp[o + j] + bhd[j];
        out[o + j] = a + b;
      }
    }
  }
  const parents = [x, h, wx, wh];
  if (bx !== null) parents.push(bx);
  if (bh !== null) parents.push(bh);
  return Tensor._op(out, [B, G], 'linearPair', parents, (g) => {
    let gx: Float64Array | null = null;
    let gh: Float64Array | null = null;
    let gwx: Float64Array | null = null;
    let gwh: Float64Array | null = null;
    if (x.requiresGrad) {
      gx = gradArrayForOverwrite(B * I);
      gemmNN(g, wxd, gx, B, G, I); // dX = dG·Wx
    }
    if (h.requiresGrad) {
      gh = gradArrayForOverwrite(B * H);
      gemmNN(g, whd, gh, B, G, H); // dH = dG·Wh
    }
    if (wx.requiresGrad) {
      gwx = gradArrayForOverwrite(G * I);
      gemmTN(g, xd, gwx, G, B, I); // dWx = dGᵀ·X
    }
    if (wh.requiresGrad) {
      gwh = gradArrayForOverwrite(G * H);
      gemmTN(g, hd, gwh, G, B, H); // dWh = dGᵀ·H
    }
    const grads: Array<Float64Array | null> = [gx, gh, gwx, gwh];
    const needBx = bx !== null && bx.requiresGrad;
    const needBh = bh !== null && bh.requiresGrad;
    if (needBx || needBh) {
      const gb = sumRows(g, B, G);
      if (bx !== null) grads.push(needBx ? gb : null);
      // Both biases get the same column sums; each returned array must be distinct (the engine owns it).
      if (bh !== null) grads.push(needBh ? (needBx ? copyGrad(gb) : gb) : null);
    } else {
      if (bx !== null) grads.push(null);
      if (bh !== null) grads.push(null);
    }
    return grads;
  });
}

let scratchBuffer = new Float64Array(0);
/** A grow-only temporary; valid until the next call (ops here never nest). */
function scratch(n: number): Float64Array {
  if (scratchBuffer.length < n) scratchBuffer = new Float64Array(Math.max(n, 2 * scratchBuffer.length));
  return scratchBuffer;
}

/**
 * The pointwise half of an LSTM step on pre-activation gates [B, 4H] (order i, f, g, o):
 *   c' = σ(f)⊙c + σ(i)⊙tanh(g),   h' = σ(o)⊙tanh(c')
 * as two nodes (c' has parents gates, c; h' has parents gates, c'), sharing the activated gates.
 */
export function lstmPointwise(gates: Tensor, c: Tensor): [h: Tensor, c: Tensor] {
  const B = c.shape[0];
  const H = c.shape[1];
  const G = 4 * H;
  const gd = gates.data;
  const cd = c.data;
  const act = new Float64Array(B * G); // σ(i), σ(f), tanh(g), σ(o)
  const cNextData = new Float64Array(B * H);
  const tanhC = new Float64Array(B * H);
  const hNextData = new Float64Array(B * H);
  for (let r = 0; r < B; r++) {
    const go = r * G;
    const so = r * H;
    for (let j = 0; j < H; j++) {
      const ai = sigmoidScalar(gd[go + j]);
      const af = sigmoidScalar(gd[go + H + j]);
      const ag = Math.tanh(gd[go + 2 * H + j]);
      const ao = sigmoidScalar(gd[go + 3 * H + j]);
      act[go + j] = ai;
      act[go + H + j] = af;
      act[go + 2 * H + j] = ag;
      act[go + 3 * H + j] = ao;
      const cn = af * cd[so + j] + ai * ag;
      cNextData[so + j] = cn;
      const tc = Math.tanh(cn);
      tanhC[so + j] = tc;
      hNextData[so + j] = ao * tc;
    }
  }
  const cNext = Tensor._op(cNextData, [B, H], 'lstmCell', [gates, c], (dcn) => {
    // dc' → d(i, f, g pre-activations) and dc = dc'·σ(f). The o block gets its gradient from h'.
    let dGates: Float64Array | null = null;
    let dc: Float64Array | null = null;
    if (gates.requiresGrad) {
      dGates = gradArray(B * G);
      for (let r = 0; r < B; r++) {
        const go = r * G;
        const so = r * H;
        for (let j = 0; j < H; j++) {
          const d = dcn[so + j];
          const ai = act[go + j];
          const af = act[go + H + j];
          const ag = act[go + 2 * H + j];
          const di = d * ag;
          const df = d * cd[so + j];
          const dg = d * ai;
          dGates[go + j] = di * ai * (1 - ai);
          dGates[go + H + j] = df * af * (1 - af);
          dGates[go + 2 * H + j] = dg * (1 - ag * ag);
        }
      }
    }
    if (c.requiresGrad) {
      dc = gradArrayForOverwrite(B * H);
      for (let r = 0; r < B; r++) {
        const go = r * G;
        const so = r * H;
        for (let j = 0; j < H; j++) dc[so + j] = dcn[so + j] * act[go + H + j];
      }
    }
    return [dGates, dc];
  });
  const hNext = Tensor._op(hNextData, [B, H], 'lstmHidden', [gates, cNext], (dh) => {
    let dGates: Float64Array | null = null;
    let dcn: Float64Array | null = null;
    if (gates.requiresGrad) {
      dGates = gradArray(B * G); // only the o block is non-zero
      for (let r = 0; r < B; r++) {
        const go = r * G + 3 * H;
        const so = r * H;
        for (let j = 0; j < H; j++) {
          const ao = act[go + j];
          dGates[go + j] = dh[so + j] * tanhC[so + j] * ao * (1 - ao);
        }
      }
    }
    if (cNext.requiresGrad) {
      dcn = gradArrayForOverwrite(B * H);
      for (let r = 0; r < B; r++) {
        const go = r * G + 3 * H;
        const so = r * H;
        for (let j = 0; j < H; j++) {
          const tc = tanhC[so + j];
          dcn[so + j] = dh[so + j] * act[go + j] * (1 - tc * tc);
        }
      }
    }
    return [dGates, dcn];
  });
  return [hNext, cNext];
}
