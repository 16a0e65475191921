/**
 * checkOp: the one helper every op test goes through (after tinygrad's helper_test_op).
 *
 *   checkOp('mul broadcast', (a, b) => a.mul(b), [[4, 3], [3]], { reference: (a, b) => ... });
 *
 * 1. Builds float64 inputs from shapes (seeded uniform in [low, high]) or takes given Tensors.
 * 2. Runs fn; if `reference` is given, compares the forward values with a plain-JS computation.
 * 3. Backpropagates Σ w⊙fn(x) with fixed random weights w (so a backward that mixes up output
 *    positions cannot cancel) and compares every input's gradient with CENTERED finite differences
 *    computed HERE (not with the engine's own gradcheck, so the two cannot share a bug).
 * Throws an AssertionError naming the op, input, index and both values on a mismatch.
 */
import * as assert from 'node:assert/strict';
import { Generator, Tensor, noGrad } from '../../../../src/engine/index';

export type InputSpec = readonly number[] | Tensor;

export interface CheckOpOptions {
  /** Plain-JS forward: flat input arrays → flat expected output values (row-major). */
  reference?: (...inputs: Float64Array[]) => ArrayLike<number>;
  /** Expected output shape. */
  shape?: readonly number[];
  /** Uniform input range for generated inputs (default [-2, 2]). Use e.g. [0.5, 3] for log/sqrt. */
  low?: number;
  high?: number;
  /** Seed for generated inputs (default 1234). */
  seed?: number;
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Max relative gradient error (default 1e-6: smooth ops). */
  rtol?: number;
  /** Absolute floor below which gradient differences are ignored (default 1e-8). */
  atol?: number;
  /** Relative tolerance of the forward comparison (default 1e-12). */
  forwardRtol?: number;
  /** Indices of inputs that should not be differentiated (e.g. integer targets). */
  noGradInputs?: readonly number[];
}

export interface CheckOpReport {
  output: Tensor;
  inputs: Tensor[];
  maxGradRelError: number;
}

function makeInputs(specs: readonly InputSpec[], opts: CheckOpOptions): Tensor[] {
  const gen = new Generator(opts.seed ?? 1234);
  const low = opts.low ?? -2;
  const high = opts.high ?? 2;
  return specs.map((s) => {
    if (s instanceof Tensor) return new Tensor(new Float64Array(s.data), s.shape);
    const n = s.reduce((a, b) => a * b, 1);
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = low + (high - low) * gen.random();
    return new Tensor(d, s);
  });
}

function weightsFor(n: number): Float64Array {
  const g = new Generator(99);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 + g.random();
  return w;
}

function projected(out: Tensor, w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < out.data.length; i++) s += w[i] * out.data[i];
  return s;
}

export function checkOp(
  name: string,
  fn: (...inputs: Tensor[]) => Tensor,
  specs: readonly InputSpec[],
  opts: CheckOpOptions = {},
): CheckOpReport {
  const inputs = makeInputs(specs, opts);
  const skip = new Set(opts.noGradInputs ?? []);
  inputs.forEach((t, i) => (t.requiresGrad = !skip.has(i)));
  const out = fn(...inputs);
  assert.ok(out instanceof Tensor, `${name}: fn must return a Tensor`);
  if (opts.shape) assert.deepEqual([...out.shape], [...opts.shape], `${name}: output shape`);

  if (opts.reference) {
    const expected = opts.reference(...inputs.map((t) => new Float64Array(t.data)));
    assert.equal(out.data.length, expected.length, `${name}: output has ${out.data.length} values, reference ${expected.length}`);
    const tol = opts.forwardRtol ?? 1e-12;
    for (let i = 0; i < expected.length; i++) {
      const a = out.data[i];
      const e = expected[i];
      const ok = Object.is(a, e) || Math.abs(a - e) <= tol * Math.max(1, Math.abs(e));
      assert.ok(ok, `${name}: forward value [${i}] = ${a}, reference ${e}`);
    }
  }

  const w = weightsFor(out.data.length);
  out.backward(new Tensor(w, out.shape));

  const eps = opts.eps ?? 1e-6;
  const rtol = opts.rtol ?? 1e-6;
  const atol = opts.atol ?? 1e-8;
  let maxGradRelError = 0;
  noGrad(() => {
    inputs.forEach((t, j) => {
      if (skip.has(j)) return;
      const analytic = t.grad ? t.grad.data : new Float64Array(t.data.length);
      assert.equal(analytic.length, t.data.length, `${name}: grad of input ${j} has the wrong size`);
      const d = t.data;
      for (let i = 0; i < d.length; i++) {
        const orig = d[i];
        d[i] = orig + eps;
        const plus = projected(fn(...inputs), w);
        d[i] = orig - eps;
        const minus = projected(fn(...inputs), w);
        d[i] = orig;
        const numeric = (plus - minus) / (2 * eps);
        const a = analytic[i];
        const diff = Math.abs(a - numeric);
        const rel = diff === 0 ? 0 : diff / Math.max(Math.abs(a), Math.abs(numeric));
        if (diff > atol) maxGradRelError = Math.max(maxGradRelError, rel);
        assert.ok(
          diff <= atol || rel <= rtol,
          `${name}: gradient of input ${j} at [${i}]: analytic ${a}, numeric ${numeric} (rel. error ${rel.toExponential(2)})`,
        );
      }
    });
  });
  return { output: out, inputs, maxGradRelError };
}
