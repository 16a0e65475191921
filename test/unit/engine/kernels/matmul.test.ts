/**
 * Both matmul backends against the naive reference, bit for bit: the kernels promise to accumulate
 * each C element in increasing k from +0 with one rounding per multiply and add, exactly like
 * gemmNaive (the textbook loop), so which backend ran can never change a learner's numbers.
 */
import { strict as assert } from 'node:assert';
import * as vm from 'node:vm';
import { gemmNN, gemmNNJs, gemmNT, gemmNTJs, gemmNaive, gemmTN, gemmTNJs } from '../../../../src/engine/kernels/matmul';
import {
  autoInstallWasmGemm, installWasmGemm, setWasmGemmEnabled, wasmGemm, wasmGemmActive,
} from '../../../../src/engine/kernels/matmul-wasm';
import { gemmModuleBytes } from '../../../../src/engine/kernels/wasm/gemm-module';
import { sleb, uleb } from '../../../../src/engine/kernels/wasm/encoder';

/** Deterministic values in [-1, 1) with varied magnitudes (so rounding order matters). */
function values(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32 - 0.5) * 2 ** ((i % 7) - 3);
  }
  return out;
}

function sameBits(got: Float64Array, want: Float64Array, what: string, off = 0): void {
  for (let i = 0; i < want.length; i++) {
    if (got[off + i] !== want[i]) assert.fail(`${what}[${i}]: ${got[off + i]} vs naive ${want[i]}`);
  }
}

const SHAPES: Array<[number, number, number]> = [
  [1, 1, 1], [3, 5, 1], [7, 9, 11], [16, 16, 16], [32, 64, 64], [33, 65, 31], [2, 3, 129], [5, 100, 7], [64, 8, 256], [6, 1, 2000],
];

describe('matmul kernels (bit-exact vs gemmNaive)', () => {
  after(() => setWasmGemmEnabled(true));

  it('the WebAssembly kernel is available in plain Node (so the fast path is what the tests exercise)', () => {
    assert.ok(wasmGemmActive(), 'WebAssembly gemm did not install; check gemmModuleBytes() validates');
    assert.ok(WebAssembly.validate(gemmModuleBytes()));
  });

  for (const [M, K, N] of SHAPES) {
    it(`M=${M} K=${K} N=${N}: NN, TN, NT on the JS kernel, the wasm kernel and the dispatcher`, () => {
      const a = values(M * K, 1);
      const b = values(K * N, 2);
      const at = values(K * M, 3);
      const bt = values(N * K, 4);
      const wantNN = gemmNaive(a, b, M, K, N);
      const wantTN = gemmNaive(at, b, M, K, N, true, false);
      const wantNT = gemmNaive(a, bt, M, K, N, false, true);
      const c = new Float64Array(M * N);
      const fresh = (): Float64Array => c.fill(NaN); // kernels must overwrite, not accumulate
      gemmNNJs(a, b, fresh(), M, K, N);
      sameBits(c, wantNN, 'NN js');
      gemmTNJs(at, b, fresh(), M, K, N);
      sameBits(c, wantTN, 'TN js');
      gemmNTJs(a, bt, fresh(), M, K, N);
      sameBits(c, wantNT, 'NT js');
      // The wasm path directly (it declines products too small to be worth it; those are covered above).
      if (wasmGemm('NN', a, b, fresh(), M, K, N, 0, 0, 0)) {
        sameBits(c, wantNN, 'NN wasm');
        assert.ok(wasmGemm('TN', at, b, fresh(), M, K, N, 0, 0, 0));
        sameBits(c, wantTN, 'TN wasm');
        assert.ok(wasmGemm('NT', a, bt, fresh(), M, K, N, 0, 0, 0));
        sameBits(c, wantNT, 'NT wasm');
      }
      gemmNN(a, b, fresh(), M, K, N);
      sameBits(c, wantNN, 'NN');
      gemmTN(at, b, fresh(), M, K, N);
      sameBits(c, wantTN, 'TN');
      gemmNT(a, bt, fresh(), M, K, N);
      sameBits(c, wantNT, 'NT');
    });
  }

  it('products big enough for wasm actually take the wasm path', () => {
    const c = new Float64Array(32 * 64);
    assert.equal(wasmGemm('NN', values(32 * 64, 5), values(64 * 64, 6), c, 32, 64, 64, 0, 0, 0), true);
  });

  it('offsets select one matrix of a batch, and C outside the target block is untouched (both backends)', () => {
    const [M, K, N] = [9, 20, 30];
    const a = values(2 * M * K, 7);
    const b = values(2 * K * N, 8);
    const want = gemmNaive(a.subarray(M * K), b.subarray(K * N), M, K, N);
    for (const wasm of [true, false]) {
      setWasmGemmEnabled(wasm);
      const c = new Float64Array(2 * M * N).fill(-7);
      gemmNN(a, b, c, M, K, N, M * K, K * N, M * N);
      sameBits(c, want, `batch 1 (wasm ${wasm})`, M * N);
      for (let i = 0; i < M * N; i++) assert.equal(c[i], -7, 'batch 0 must not be written');
    }
    setWasmGemmEnabled(true);
  });

  it('NaN and Infinity propagate the same way as in the reference (no padding leaks between columns)', () => {
    const [M, K, N] = [6, 40, 30];
    const a = values(M * K, 9);
    const b = values(K * N, 10);
    a[5] = NaN;
    b[3] = Infinity;
    const want = gemmNaive(a, b, M, K, N);
    const c = new Float64Array(M * N);
    gemmNN(a, b, c, M, K, N);
    for (let i = 0; i < want.length; i++) assert.ok(Object.is(c[i], want[i]), `[${i}]: ${c[i]} vs ${want[i]}`);
  });

  it('falls back to JS when the module is removed, and reinstalls', () => {
    installWasmGemm(null);
    assert.equal(wasmGemmActive(), false);
    const c = new Float64Array(32 * 32);
    assert.equal(wasmGemm('NN', values(32 * 32, 1), values(32 * 32, 2), c, 32, 32, 32, 0, 0, 0), false);
    gemmNN(values(32 * 32, 1), values(32 * 32, 2), c, 32, 32, 32);
    sameBits(c, gemmNaive(values(32 * 32, 1), values(32 * 32, 2), 32, 32, 32), 'JS fallback');
    assert.equal(autoInstallWasmGemm(), true);
    assert.ok(wasmGemmActive());
  });

  it('auto-install never reads a WebAssembly accessor (the hardened sandbox turns such a read into a forbidden-access failure)', () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly')!;
    let reads = 0;
    Object.defineProperty(globalThis, 'WebAssembly', {
      get() {
        reads++;
        throw new Error('forbidden');
      },
      configurable: true,
    });
    try {
      installWasmGemm(null);
      assert.equal(autoInstallWasmGemm(), false);
      assert.equal(wasmGemmActive(), false);
    } finally {
      Object.defineProperty(globalThis, 'WebAssembly', original);
    }
    assert.equal(reads, 0);
    assert.equal(autoInstallWasmGemm(), true);
    assert.ok(wasmGemmActive());
  });

  it('where wasm code generation is off (the exercise sandbox context) compiling throws, which autoInstall turns into the JS path', () => {
    const context = vm.createContext({ bytes: gemmModuleBytes() }, { codeGeneration: { strings: false, wasm: false } });
    const outcome = vm.runInContext(
      'try { new WebAssembly.Module(bytes); "compiled" } catch (e) { "threw " + e.name }',
      context,
    ) as string;
    assert.match(outcome, /^threw /);
  });

  it('an instance made elsewhere can be installed (the sandbox route), and maxBytes caps its memory', () => {
    const exports = new WebAssembly.Instance(new WebAssembly.Module(gemmModuleBytes())).exports as never;
    assert.equal(installWasmGemm(exports, { maxBytes: 32 * 1024 }), true);
    const [M, K, N] = [32, 64, 64]; // needs 64 KB of module memory: over the cap, so JS runs it
    const a = values(M * K, 13);
    const b = values(K * N, 14);
    const c = new Float64Array(M * N);
    assert.equal(wasmGemm('NN', a, b, c, M, K, N, 0, 0, 0), false);
    assert.equal(wasmGemm('NN', a, b, c, 16, 16, 16, 0, 0, 0), true); // ≈ 6 KB fits
    installWasmGemm(exports, { maxBytes: 512 * 1024 * 1024 });
    assert.equal(wasmGemm('NN', a, b, c, M, K, N, 0, 0, 0), true);
    sameBits(c, gemmNaive(a, b, M, K, N), 'installed instance');
  });

  it('grows the module memory for a large product (memory.grow detaches the old view)', () => {
    const [M, K, N] = [128, 300, 200]; // ≈ 1 MB of operands: more than the initial page
    const a = values(M * K, 11);
    const b = values(K * N, 12);
    const c = new Float64Array(M * N);
    assert.ok(wasmGemm('NN', a, b, c, M, K, N, 0, 0, 0));
    sameBits(c, gemmNaive(a, b, M, K, N), 'large');
  });
});

describe('wasm encoder', () => {
  it('LEB128 matches the spec examples (624485 → e5 8e 26; −123456 → c0 bb 78)', () => {
    assert.deepEqual(uleb(624485), [0xe5, 0x8e, 0x26]);
    assert.deepEqual(uleb(0), [0]);
    assert.deepEqual(sleb(-123456), [0xc0, 0xbb, 0x78]);
    assert.deepEqual(sleb(63), [0x3f]);
    assert.deepEqual(sleb(64), [0xc0, 0x00]);
    assert.deepEqual(sleb(-1), [0x7f]);
  });
});
