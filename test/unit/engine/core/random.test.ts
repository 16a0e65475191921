import * as assert from 'node:assert/strict';
import * as E from '../../../../src/engine/index';

/**
 * An independent xoshiro128** written with BigInt (no Math.imul, no 32-bit tricks), straight from
 * the reference C code at https://prng.di.unimi.it/xoshiro128starstar.c.
 */
function referenceXoshiro128ss(state: [number, number, number, number], count: number): number[] {
  const M = 0xffffffffn;
  const s = state.map((v) => BigInt(v) & M);
  const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & M;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const result = (rotl((s[1] * 5n) & M, 7n) * 9n) & M;
    const t = (s[1] << 9n) & M;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
    out.push(Number(result));
  }
  return out;
}

describe('engine core: seeded RNG', () => {
  it('xoshiro128** from state {1,2,3,4}: first output is rotl(2·5, 7)·9 = 11520 (by hand)', () => {
    assert.equal(E.Generator.fromState([1, 2, 3, 4]).nextUint32(), 11520);
  });
  it('matches an independent BigInt implementation of the reference algorithm for 1000 outputs', () => {
    for (const state of [[1, 2, 3, 4], [0xdeadbeef, 0x12345678, 0xffffffff, 1]] as Array<[number, number, number, number]>) {
      const g = E.Generator.fromState(state);
      const want = referenceXoshiro128ss(state, 1000);
      const got = Array.from({ length: 1000 }, () => g.nextUint32());
      assert.deepEqual(got, want);
    }
  });
  it('same seed → same stream; different seeds → different streams; manualSeed resets the default', () => {
    const a = new E.Generator(42);
    const b = new E.Generator(42);
    const c = new E.Generator(43);
    const sa = Array.from({ length: 5 }, () => a.random());
    assert.deepEqual(sa, Array.from({ length: 5 }, () => b.random()));
    assert.notDeepEqual(sa, Array.from({ length: 5 }, () => c.random()));
    E.manualSeed(7);
    const r1 = E.randn(4).toArray();
    E.manualSeed(7);
    assert.deepEqual(E.randn(4).toArray(), r1);
    E.manualSeed(7);
    const firstUniform = E.defaultGenerator.random();
    const f = E.seededRandom();
    E.manualSeed(7);
    assert.equal(f(), firstUniform, 'seededRandom() draws from the default generator');
    assert.equal(E.seededRandom(11)(), new E.Generator(11).random(), 'seededRandom(seed) has its own stream');
  });
  it('random() is built from 53 bits exactly: value·2^53 is an integer in [0, 2^53)', () => {
    const g = E.Generator.fromState([1, 2, 3, 4]);
    const ref = referenceXoshiro128ss([1, 2, 3, 4], 2);
    const expected = ((ref[0] >>> 5) * 67108864 + (ref[1] >>> 6)) / 2 ** 53;
    assert.equal(g.random(), expected);
  });
  it('uniform and normal sample statistics (1e5 draws) are within tolerance', () => {
    const g = new E.Generator(2024);
    const n = 100_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = g.random();
      su += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
      const z = g.normal();
      sn += z;
      sn2 += z * z;
    }
    // Standard errors: uniform mean 0.29/√n ≈ 9e-4, normal mean 1/√n ≈ 3.2e-3, std ≈ 2.2e-3. Bounds ≈ 5σ.
    assert.ok(Math.abs(su / n - 0.5) < 0.005, `uniform mean ${su / n}`);
    assert.ok(min >= 0 && max < 1);
    const mean = sn / n;
    const std = Math.sqrt(sn2 / n - mean * mean);
    assert.ok(Math.abs(mean) < 0.016, `normal mean ${mean}`);
    assert.ok(Math.abs(std - 1) < 0.011, `normal std ${std}`);
    const shifted = Array.from({ length: 2000 }, () => g.normal(5, 0.1));
    assert.ok(Math.abs(shifted.reduce((a, b) => a + b, 0) / 2000 - 5) < 0.02);
  });
  it('randint covers [low, high) and nothing else; permutation is a permutation', () => {
    const g = new E.Generator(1);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(g.randint(3, 7));
    assert.deepEqual([...seen].sort(), [3, 4, 5, 6]);
    assert.deepEqual(g.permutation(10).sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
  it('deterministicLog agrees with Math.log to ~1 ulp, including subnormals and edge cases', () => {
    for (const x of [1e-310, 5e-324, 1e-20, 0.001, 0.5, 0.7071, 1, 1.0000001, 1.5, 2, Math.E, 10, 12345.678, 1e300]) {
      const want = Math.log(x);
      const got = E.deterministicLog(x);
      assert.ok(Math.abs(got - want) <= 4e-16 * Math.max(Math.abs(want), 1), `log(${x}) = ${got}, want ${want}`);
    }
    assert.equal(E.deterministicLog(0), -Infinity);
    assert.ok(Number.isNaN(E.deterministicLog(-1)));
  });
  it('randn / rand / randint tensors use the given generator and shape', () => {
    const t = E.randn([2, 3], { generator: new E.Generator(5) });
    const g = new E.Generator(5);
    assert.deepEqual(Array.from(t.data), Array.from({ length: 6 }, () => g.normal()));
    assert.deepEqual(E.rand(2, 2).shape, [2, 2]);
    const r = E.randint(0, 3, [50]);
    assert.ok(r.data.every((v) => v === 0 || v === 1 || v === 2));
  });
});
