/**
 * matmul with PyTorch semantics: 2-D·2-D, 1-D operands (vector as row/column, dim dropped after),
 * and batched/broadcast N-D. The hot 2-D path and its backward call the kernels in
 * ../kernels/matmul.ts directly (dA = dC·Bᵀ via gemmNT, dB = Aᵀ·dC via gemmTN).
 */
import { Tensor } from '../tensor';
import { ArgumentError, ShapeError, formatShape } from '../errors';
import { broadcastShapes, shapeSize } from '../shape';
import { asTensor } from './elementwise';
import { reshape } from './shape-ops';
import { expandData, reduceToShape, sumRows } from './broadcast';
import { gemmNN, gemmNT, gemmTN } from '../kernels/matmul';
import { gradArrayForOverwrite } from '../grad-pool';

function innerMismatch(a: readonly number[], b: readonly number[], ka: number, kb: number): ShapeError {
  return new ShapeError(
    `matmul: cannot multiply ${formatShape(a)} by ${formatShape(b)}: inner dimensions ${ka} and ${kb} differ. ` +
      `Transpose one operand or check the layer sizes.`,
  );
}

/** [M,K]·[K,N] with autograd. */
function matmul2d(a: Tensor, b: Tensor): Tensor {
  const [M, K] = a.shape;
  const [K2, N] = b.shape;
  if (K !== K2) throw innerMismatch(a.shape, b.shape, K, K2);
  const out = new Float64Array(M * N);
  const ad = a.data;
  const bd = b.data;
  gemmNN(ad, bd, out, M, K, N);
  return Tensor._op(out, [M, N], 'matmul', [a, b], (g) => {
    let ga: Float64Array | null = null;
    let gb: Float64Array | null = null;
    if (a.requiresGrad) {
      ga = gradArrayForOverwrite(M * K);
      gemmNT(g, bd, ga, M, N, K); // dA[M,K] = dC[M,N]·B[K,N]ᵀ
    }
    if (b.requiresGrad) {
      gb = gradArrayForOverwrite(K * N);
      gemmTN(ad, g, gb, K, M, N); // dB[K,N] = A[M,K]ᵀ·dC[M,N]
    }
    return [ga, gb];
  });
}

/** Batched [...batch, M, K]·[...batch, K, N] with broadcast batch dims. */
function matmulBatched(a: Tensor, b: Tensor): Tensor {
  const M = a.shape[a.ndim - 2];
  const K = a.shape[a.ndim - 1];
  const K2 = b.shape[b.ndim - 2];
  const N = b.shape[b.ndim - 1];
  if (K !== K2) throw innerMismatch(a.shape, b.shape, K, K2);
  let batch: number[];
  try {
    batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), 'matmul');
  } catch {
    throw new ShapeError(
      `matmul: batch dimensions of ${formatShape(a.shape)} and ${formatShape(b.shape)} do not broadcast ` +
        `(${formatShape(a.shape.slice(0, -2))} vs ${formatShape(b.shape.slice(0, -2))}).`,
    );
  }
  const nb = shapeSize(batch);
  const aFull = [...batch, M, K];
  const bFull = [...batch, K, N];
  const ad = expandData(a.data, a.shape, aFull);
  const bd = expandData(b.data, b.shape, bFull);
  const out = new Float64Array(nb * M * N);
  for (let p = 0; p < nb; p++) gemmNN(ad, bd, out, M, K, N, p * M * K, p * K * N, p * M * N);
  return Tensor._op(out, [...batch, M, N], 'matmul', [a, b], (g) => {
    let ga: Float64Array | null = null;
    let gb: Float64Array | null = null;
    if (a.requiresGrad) {
      const full = new Float64Array(nb * M * K);
      for (let p = 0; p < nb; p++) gemmNT(g, bd, full, M, N, K, p * M * N, p * K * N, p * M * K);
      ga = reduceToShape(full, aFull, a.shape);
    }
    if (b.requiresGrad) {
      const full = new Float64Array(nb * K * N);
      for (let p = 0; p < nb; p++) gemmTN(ad, g, full, K, M, N, p * M * K, p * M * N, p * K * N);
      gb = reduceToShape(full, bFull, b.shape);
    }
    return [ga, gb];
  });
}

/** Matrix product with torch.matmul semantics. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const ta = asTensor(a, 'matmul', 'first operand');
  const tb = asTensor(b, 'matmul', 'second operand');
  if (ta.ndim === 0 || tb.ndim === 0) {
    throw new ArgumentError(
      `matmul: both operands need at least 1 dimension, got ${formatShape(ta.shape)} and ${formatShape(tb.shape)}; ` +
        `use mul for scaling by a scalar.`,
    );
  }
  if (ta.ndim === 2 && tb.ndim === 2) return matmul2d(ta, tb);
  if (ta.ndim === 1 && tb.ndim === 1) {
    if (ta.shape[0] !== tb.shape[0]) throw innerMismatch(ta.shape, tb.shape, ta.shape[0], tb.shape[0]);
    return reshape(matmul2d(reshape(ta, [1, -1]), reshape(tb, [-1, 1])), []);
  }
  if (ta.ndim === 1) {
    // Vector on the left: treat as a row [1, K], then drop that dim.
    const k = tb.shape[tb.ndim - 2];
    if (ta.shape[0] !== k) throw innerMismatch(ta.shape, tb.shape, ta.shape[0], k);
    const r = matmul(reshape(ta, [1, -1]), tb);
    const shape = r.shape.slice();
    shape.splice(shape.length - 2, 1);
    return reshape(r, shape);
  }
  if (tb.ndim === 1) {
    const k = ta.shape[ta.ndim - 1];
    if (tb.shape[0] !== k) throw innerMismatch(ta.shape, tb.shape, k, tb.shape[0]);
    const r = matmul(ta, reshape(tb, [-1, 1]));
    return reshape(r, r.shape.slice(0, -1));
  }
  if (tb.ndim === 2) {
    // [..., M, K]·[K, N]: fold the batch into rows, one big gemm (the common Linear-layer case).
    const K = ta.shape[ta.ndim - 1];
    if (K !== tb.shape[0]) throw innerMismatch(ta.shape, tb.shape, K, tb.shape[0]);
    const r = matmul2d(reshape(ta, [-1, K]), tb);
    return reshape(r, [...ta.shape.slice(0, -1), tb.shape[1]]);
  }
  return matmulBatched(ta, tb);
}

/** Alias of matmul (torch.mm is 2-D only; ours accepts what matmul accepts). */
export const mm = matmul;

/**
 * Fused linear layer y = x·Wᵀ + b with PyTorch's weight layout W [out, in] (torch.nn.functional.linear).
 * Saves the transpose copy and the separate bias node: the backward is gemmNN/gemmTN/row sums.
 */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const x = asTensor(input, 'linear', 'input');
  const w = asTensor(weight, 'linear', 'weight');
  if (w.ndim !== 2) throw new ArgumentError(`linear: weight must be 2-D [out, in], got ${formatShape(w.shape)}.`);
  const [outF, inF] = w.shape;
  const inLast = x.ndim === 0 ? -1 : x.shape[x.ndim - 1];
  if (inLast !== inF) {
    throw new ShapeError(
      `linear: input ${formatShape(x.shape)} has ${inLast} features but the weight ${formatShape(w.shape)} expects ${inF} ` +
        `(weight layout is [out, in]). Check the layer sizes.`,
    );
  }
  if (bias !== undefined && bias !== null && (bias.ndim !== 1 || bias.shape[0] !== outF)) {
    throw new ShapeError(`linear: bias has shape ${formatShape(bias.shape)}, expected [${outF}] to match weight ${formatShape(w.shape)}.`);
  }
  const rows = x.data.length / inF;
  const xd = x.data;
  const wd = w.data;
  const out = new Float64Array(rows * outF);
  gemmNT(xd, wd, out, rows, inF, outF);
  const parents = [x, w];
  if (bias) {
    const bd = bias.data;
    for (let r = 0; r < rows; r++) {
      const o = r * outF;
      for (let j = 0; j < outF; j++) out[o + j] += bd[j];
    }
    parents.push(bias);
  }
  const shape = [...x.shape.slice(0, -1), outF];
  return Tensor._op(out, shape, 'linear', parents, (g) => {
    let gx: Float64Array | null = null;
    let gw: Float64Array | null = null;
    let gbias: Float64Array | null = null;
    if (x.requiresGrad) {
      gx = gradArrayForOverwrite(rows * inF);
      gemmNN(g, wd, gx, rows, outF, inF); // dX = dY·W
    }
    if (w.requiresGrad) {
      gw = gradArrayForOverwrite(outF * inF);
      gemmTN(g, xd, gw, outF, rows, inF); // dW = dYᵀ·X
    }
    if (bias && bias.requiresGrad) gbias = sumRows(g, rows, outF);
    return bias ? [gx, gw, gbias] : [gx, gw];
  });
}
