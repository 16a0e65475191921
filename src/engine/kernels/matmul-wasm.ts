/**
 * Runs the WebAssembly SIMD gemm (./wasm/gemm-module.ts) on Float64Arrays that live in JS: copies the
 * operands into the module's memory (padding M and N up to multiples of 4, transposing B for the
 * A·Bᵀ case), runs the kernel and copies C back. The copies are O(M·K + K·N + M·N) against the
 * kernel's O(M·K·N) and measured at 10–25 % of a 32×64×64 product.
 *
 * Where the module comes from: in plain Node (bench, CLI, tests) this file instantiates it on first
 * use (the first wasmGemm or wasmGemmActive call), not at import, so code that never multiplies
 * matrices — or installs its own instance first — never builds and compiles the bytes. Inside the
 * exercise sandbox wasm code generation is disabled and `WebAssembly` is later replaced by a getter
 * that reports a forbidden access, so the auto-install neither compiles nor reads it there and the
 * JS kernels run; the sandbox runtime may instead hand in an instance compiled outside the context
 * via installWasmGemm().
 * Results are bit-identical either way (see the contract in ./wasm/gemm-module.ts).
 */
import { gemmModuleBytes, type GemmExports } from './wasm/gemm-module';
import { transposeInto } from './transpose';

/** Below this many multiply-adds the JS loop wins (call + copy overhead). Results are identical either way. */
const MIN_WORK = 4096;
/**
 * Never grow the module's memory beyond this (bytes); bigger products run in JS. Wasm memory is
 * outside V8's heap limits, so a sandbox with a memory budget should pass a smaller cap.
 */
let maxBytes = 512 * 1024 * 1024;
const PAGE = 65536;

let kernel: GemmExports | null = null;
let heap = new Float64Array(0);
let enabled = true;
/** Set once a kernel was installed or auto-installation was attempted: no second (lazy) attempt. */
let tried = false;

/**
 * Installs (or with null removes) the kernel; returns whether it is usable. `options.maxBytes` caps
 * the module memory (default 512 MiB). For the exercise sandbox: instantiate gemmModuleBytes() in
 * the host realm, before the context is hardened, and pass the instance's exports here.
 */
export function installWasmGemm(exports: GemmExports | null, options: { maxBytes?: number } = {}): boolean {
  tried = true; // an explicit choice (even null) must not be overridden by the lazy auto-install
  if (options.maxBytes !== undefined) maxBytes = options.maxBytes;
  kernel = null;
  heap = new Float64Array(0);
  if (exports === null || typeof exports.gemm4x4 !== 'function' || !exports.memory) return false;
  kernel = exports;
  heap = new Float64Array(exports.memory.buffer);
  return true;
}

/** Compiles and instantiates the kernel here; false (JS kernels stay in use) where wasm is unavailable. */
export function autoInstallWasmGemm(): boolean {
  tried = true;
  try {
    // Read the descriptor, not the property: in the hardened sandbox WebAssembly is an accessor whose
    // getter records a forbidden access against the learner. Only a plain data property is used.
    const desc = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly');
    const wa = desc !== undefined && 'value' in desc ? (desc.value as typeof WebAssembly | undefined) : undefined;
    if (wa === undefined) return false;
    const instance = new wa.Instance(new wa.Module(gemmModuleBytes()));
    return installWasmGemm(instance.exports as unknown as GemmExports);
  } catch {
    return false; // e.g. a context created with codeGeneration: { wasm: false }
  }
}

/** Turns the wasm path off/on (bench `--no-wasm`, tests comparing both backends). */
export function setWasmGemmEnabled(flag: boolean): void {
  enabled = flag;
}

export function wasmGemmActive(): boolean {
  if (!tried) autoInstallWasmGemm();
  return enabled && kernel !== null;
}

function ensureCapacity(doubles: number): boolean {
  const bytes = doubles * 8;
  if (bytes > maxBytes || kernel === null) return false;
  const mem = kernel.memory;
  if (mem.buffer.byteLength < bytes) {
    try {
      mem.grow(Math.ceil((bytes - mem.buffer.byteLength) / PAGE));
    } catch {
      return false;
    }
  }
  if (heap.buffer !== mem.buffer) heap = new Float64Array(mem.buffer); // grow() detaches the old buffer
  return true;
}

const up4 = (n: number): number => (n + 3) & ~3;

type GemmKind = 'NN' | 'TN' | 'NT';

/**
 * C[M,N] (at cOff, overwritten) = op(A)·op(B) for kind NN (A [M,K], B [K,N]), TN (A stored [K,M]) or
 * NT (B stored [N,K]). Returns false, having done nothing, when the JS kernel should run instead.
 */
export function wasmGemm(
  kind: GemmKind, a: Float64Array, b: Float64Array, c: Float64Array, M: number, K: number, N: number,
  aOff: number, bOff: number, cOff: number,
): boolean {
  if (!tried) autoInstallWasmGemm();
  if (!enabled || kernel === null || M * K * N < MIN_WORK || K === 0) return false;
  const Mp = up4(M);
  const Np = up4(N);
  const aBase = 0;
  const bBase = Mp * K;
  const cBase = bBase + K * Np;
  if (!ensureCapacity(cBase + Mp * Np)) return false;
  const h = heap;
  // A: rows beyond M (or columns, for TN) are left as whatever is there: they only feed C rows we drop.
  let rs: number;
  let cs: number;
  if (kind === 'TN') {
    if (Mp === M) h.set(a.subarray(aOff, aOff + K * M), aBase);
    else for (let k = 0; k < K; k++) h.set(a.subarray(aOff + k * M, aOff + k * M + M), aBase + k * Mp);
    rs = 8;
    cs = Mp * 8;
  } else {
    h.set(a.subarray(aOff, aOff + M * K), aBase);
    rs = K * 8;
    cs = 8;
  }
  // B as [K, Np]; padding columns likewise only feed dropped C columns.
  if (kind === 'NT') {
    transposeInto(b, bOff, N, K, h, bBase, Np);
  } else if (Np === N) {
    h.set(b.subarray(bOff, bOff + K * N), bBase);
  } else {
    for (let k = 0; k < K; k++) h.set(b.subarray(bOff + k * N, bOff + k * N + N), bBase + k * Np);
  }
  kernel.gemm4x4(aBase * 8, rs, cs, bBase * 8, cBase * 8, Mp, K, Np);
  if (Np === N) c.set(h.subarray(cBase, cBase + M * N), cOff);
  else for (let i = 0; i < M; i++) c.set(h.subarray(cBase + i * Np, cBase + i * Np + N), cOff + i * N);
  return true;
}
