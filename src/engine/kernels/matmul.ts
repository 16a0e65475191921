/**
 * Float64 matrix-multiply kernels on flat row-major arrays, plus a naive reference the tests
 * compare them against. All three products backward needs are here, so no transpose of a big
 * operand is ever materialised by the autograd layer:
 *   gemmNN: C = A·B      A [M,K], B [K,N]
 *   gemmTN: C = Aᵀ·B     A [K,M], B [K,N]   (weight gradient: Xᵀ·dY)
 *   gemmNT: C = A·Bᵀ     A [M,K], B [N,K]   (input gradient: dY·Wᵀ)
 * Each writes C [M,N] at cOff (overwriting), reading A at aOff and B at bOff (for batched matmul).
 *
 * Two backends with one contract: the WebAssembly SIMD kernel (./matmul-wasm.ts, ≈ 4× faster) when
 * it is installed, else the scalar JS loop below (gemmNNJs, …). Both accumulate every C element as
 * Σ_k in increasing k from +0 with one rounding per multiply and per add, exactly like gemmNaive,
 * so all of them return bit-identical results: which backend ran never changes a learner's numbers.
 */
import { wasmGemm } from './matmul-wasm';
import { transposeInto } from './transpose';

/** Reference: the textbook triple loop. Slow; tests only. */
export function gemmNaive(
  a: Float64Array, b: Float64Array, M: number, K: number, N: number, transA = false, transB = false,
): Float64Array {
  const c = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) {
        const av = transA ? a[k * M + i] : a[i * K + k];
        const bv = transB ? b[j * K + k] : b[k * N + j];
        s += av * bv;
      }
      c[i * N + j] = s;
    }
  }
  return c;
}

/**
 * The one optimised loop: C[M,N] = Â·B where Â[i,k] = a[aOff + i·rs + k·cs] (so NN is rs = K, cs = 1
 * and TN is rs = 1, cs = M; strides only matter in the A loads, outside the inner loop).
 * Two rows of C at a time, k unrolled by 4: each B element loaded serves 2 rows × 1 multiply-add,
 * and each C load/store serves 4 multiply-adds. Measured ~1.5× the single-row version at 64-256 wide
 * (≈ 5–6 GFLOP/s; register-tiled 4×4 / 2×4 variants measured no faster in V8's scalar code).
 */
function gemmStridedA(
  a: Float64Array, rs: number, cs: number, b: Float64Array, c: Float64Array, M: number, K: number, N: number,
  aOff: number, bOff: number, cOff: number,
): void {
  const K4 = K - (K % 4);
  const cs2 = 2 * cs;
  const cs3 = 3 * cs;
  let i = 0;
  for (; i + 1 < M; i += 2) {
    const c0 = cOff + i * N;
    const c1 = c0 + N;
    const ar0 = aOff + i * rs;
    const ar1 = ar0 + rs;
    c.fill(0, c0, c1 + N);
    let k = 0;
    for (; k < K4; k += 4) {
      const p0 = ar0 + k * cs;
      const p1 = ar1 + k * cs;
      const a00 = a[p0], a01 = a[p0 + cs], a02 = a[p0 + cs2], a03 = a[p0 + cs3];
      const a10 = a[p1], a11 = a[p1 + cs], a12 = a[p1 + cs2], a13 = a[p1 + cs3];
      const b0 = bOff + k * N;
      const b1 = b0 + N;
      const b2 = b1 + N;
      const b3 = b2 + N;
      for (let j = 0; j < N; j++) {
        const x0 = b[b0 + j];
        const x1 = b[b1 + j];
        const x2 = b[b2 + j];
        const x3 = b[b3 + j];
        // One add per product, in k order (not a00·x0 + a01·x1 + … summed first): the bit-identical contract.
        let s0 = c[c0 + j];
        s0 += a00 * x0;
        s0 += a01 * x1;
        s0 += a02 * x2;
        s0 += a03 * x3;
        c[c0 + j] = s0;
        let s1 = c[c1 + j];
        s1 += a10 * x0;
        s1 += a11 * x1;
        s1 += a12 * x2;
        s1 += a13 * x3;
        c[c1 + j] = s1;
      }
    }
    for (; k < K; k++) {
      const a0 = a[ar0 + k * cs];
      const a1 = a[ar1 + k * cs];
      const b0 = bOff + k * N;
      for (let j = 0; j < N; j++) {
        const x = b[b0 + j];
        c[c0 + j] += a0 * x;
        c[c1 + j] += a1 * x;
      }
    }
  }
  if (i < M) {
    // Odd M: the last row alone.
    const c0 = cOff + i * N;
    const ar0 = aOff + i * rs;
    c.fill(0, c0, c0 + N);
    for (let k = 0; k < K; k++) {
      const a0 = a[ar0 + k * cs];
      const b0 = bOff + k * N;
      for (let j = 0; j < N; j++) c[c0 + j] += a0 * b[b0 + j];
    }
  }
}

/** C = A·B, scalar JS. */
export function gemmNNJs(
  a: Float64Array, b: Float64Array, c: Float64Array, M: number, K: number, N: number,
  aOff = 0, bOff = 0, cOff = 0,
): void {
  gemmStridedA(a, K, 1, b, c, M, K, N, aOff, bOff, cOff);
}

/** C = Aᵀ·B with A stored [K, M]: C[i, :] = Σ_k A[k, i]·B[k, :], scalar JS. */
export function gemmTNJs(
  a: Float64Array, b: Float64Array, c: Float64Array, M: number, K: number, N: number,
  aOff = 0, bOff = 0, cOff = 0,
): void {
  gemmStridedA(a, 1, M, b, c, M, K, N, aOff, bOff, cOff);
}

/**
 * C = A·Bᵀ with B stored [N, K]. Transposes B into a scratch buffer (N·K copies, small next to
 * the M·N·K multiply-adds) and reuses the gemmNN loop. Scalar JS.
 */
export function gemmNTJs(
  a: Float64Array, b: Float64Array, c: Float64Array, M: number, K: number, N: number,
  aOff = 0, bOff = 0, cOff = 0,
): void {
  const bt = scratch(K * N);
  transposeInto(b, bOff, N, K, bt, 0, N);
  gemmNNJs(a, bt, c, M, K, N, aOff, 0, cOff);
}

let scratchBuffer = new Float64Array(0);
function scratch(n: number): Float64Array {
  if (scratchBuffer.length < n) scratchBuffer = new Float64Array(Math.max(n, 2 * scratchBuffer.length));
  return scratchBuffer;
}

/** C = A·B (wasm when installed and worth it, else JS; identical results). */
export function gemmNN(
  a: Float64Array, b: Float64Array, c: Float64Array, M: number, K: number, N: number,
  aOff = 0, bOff = 0, cOff = 0,
): void {
  if (!wasmGemm('NN', a, b, c, M, K, N, aOff, bOff, cOff)) gemmNNJs(a, b, c, M, K, N, aOff, bOff, cOff);
}

/** C = Aᵀ·B with A stored [K, M]. */
export function gemmTN(
  a: Float64Array, b: Float64Array, c: Float64Array, M: number, K: number, N: number,
  aOff = 0, bOff = 0, cOff = 0,
): void {
  if (!wasmGemm('TN', a, b, c, M, K, N, aOff, bOff, cOff)) gemmTNJs(a, b, c, M, K, N, aOff, bOff, cOff);
}

/** C = A·Bᵀ with B stored [N, K]. */
export function gemmNT(
  a: Float64Array, b: Float64Array, c: Float64Array, M: number, K: number, N: number,
  aOff = 0, bOff = 0, cOff = 0,
): void {
  if (!wasmGemm('NT', a, b, c, M, K, N, aOff, bOff, cOff)) gemmNTJs(a, b, c, M, K, N, aOff, bOff, cOff);
}
