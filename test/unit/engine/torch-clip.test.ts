/**
 * Gradient clipping against torch.nn.utils (test/fixtures/torch/clip.json) and the numerics.md
 * table. Values are compared EXACTLY (same IEEE operations as torch on these inputs), except the
 * norm_type 3 case whose x^p power sums may round differently (1e-12 relative there).
 */
import { strict as assert } from 'assert';
import { Tensor, clipGradNorm_, clipGradNormPerTensor_, clipGradValue_, NonFiniteNormError, globalGradNorm } from 'gradlab';
import { assertClose, decodeArray, decodeNumber, loadTorchFixture } from './nn/helpers/fixtures';

interface ClipCase {
  name: string;
  fn: 'clip_grad_norm_' | 'clip_grad_value_';
  kwargs: { max_norm?: number; norm_type?: number | string; error_if_nonfinite?: boolean; clip_value?: number };
  grads_before: Array<Array<number | string> | null>;
  returns?: number | string;
  throws: boolean;
  grads_after: Array<Array<number | string> | null>;
}

/** Parameters whose .grad holds the given values (null → a parameter without a gradient). */
function paramsWithGrads(grads: Array<Array<number | string> | null>): Tensor[] {
  return grads.map((g) => {
    const p = new Tensor(new Float64Array(g === null ? 1 : g.length), [g === null ? 1 : g.length], true);
    if (g !== null) p.grad = new Tensor(Float64Array.from(decodeArray(g)), [g.length]);
    return p;
  });
}

describe('clipping matches torch.nn.utils (clip.json)', () => {
  const fixture = loadTorchFixture<{ cases: ClipCase[]; per_variable_clipnorm_wrong_answer: any }>('clip.json');
  for (const c of fixture.cases) {
    it(`${c.fn} ${c.name}`, () => {
      const params = paramsWithGrads(c.grads_before);
      const tol = c.kwargs.norm_type === 3 ? { rtol: 1e-12, atol: 0 } : { rtol: 0, atol: 0 };
      if (c.fn === 'clip_grad_norm_') {
        const normType = c.kwargs.norm_type === undefined ? 2 : decodeNumber(c.kwargs.norm_type);
        const call = () => clipGradNorm_(params, c.kwargs.max_norm!, normType, c.kwargs.error_if_nonfinite ?? false);
        if (c.throws) {
          assert.throws(call, (e: unknown) => e instanceof NonFiniteNormError && /non-finite|cannot be clipped/.test((e as Error).message));
        } else {
          assertClose(call(), c.returns!, `${c.name} returned total norm`, tol);
        }
      } else {
        clipGradValue_(params, c.kwargs.clip_value!);
      }
      c.grads_after.forEach((g, i) => {
        if (g === null) assert.equal(params[i].grad, null, `${c.name}: param ${i} must still have no grad`);
        else assertClose(params[i].grad!.data, g, `${c.name} grads after, tensor ${i}`, tol);
      });
    });
  }

  it('per-variable clipnorm (Keras 3) gives the numerics.md wrong answer [0.6, 0.8], [1.0] with global norm √2', () => {
    const w = fixture.per_variable_clipnorm_wrong_answer;
    const params = paramsWithGrads(w.grads_before);
    const before = clipGradNormPerTensor_(params, w.clipnorm);
    assert.deepEqual(before, [5, 12]);
    assert.deepEqual(Array.from(params[0].grad!.data), [0.6, 0.8]);
    assert.deepEqual(Array.from(params[1].grad!.data), [1.0]);
    assert.deepEqual(params.map((p) => Array.from(p.grad!.data)), w.grads_after);
    assert.equal(globalGradNorm(params), Math.SQRT2);
  });
});

describe('numerics.md clipping table, g = {[3,4],[12]}', () => {
  const table: Array<[string, number, number, number, number[][]]> = [
    ['clip_grad_norm_(g, 1)', 1, 2, 13, [[0.23076921301775288, 0.3076922840236705], [0.9230768520710115]]],
    ['clip_grad_norm_(g, 13)', 13, 2, 13, [[2.9999997692307874, 3.9999996923077163], [11.99999907692315]]],
    ['clip_grad_norm_(g, 100)', 100, 2, 13, [[3, 4], [12]]],
    ['clip_grad_norm_(g, 1, norm_type=1)', 1, 1, 19, [[0.15789472853185638, 0.21052630470914185], [0.6315789141274255]]],
    ['clip_grad_norm_(g, 1, norm_type=inf)', 1, Infinity, 12, [[0.24999997916666844, 0.3333333055555579], [0.9999999166666738]]],
  ];
  for (const [label, maxNorm, normType, total, after] of table) {
    it(`${label} returns ${total} and leaves exactly the published grads`, () => {
      const params = paramsWithGrads([[3, 4], [12]]);
      assert.equal(clipGradNorm_(params, maxNorm, normType), total);
      assert.deepEqual(params.map((p) => Array.from(p.grad!.data)), after);
    });
  }
  it('clip_grad_value_(g, 3.5) → [3, 3.5], [3.5]', () => {
    const params = paramsWithGrads([[3, 4], [12]]);
    clipGradValue_(params, 3.5);
    assert.deepEqual(params.map((p) => Array.from(p.grad!.data)), [[3, 3.5], [3.5]]);
  });
  it('accepts a single Tensor and a Module-like {parameters()} as well as arrays', () => {
    const [p] = paramsWithGrads([[3, 4]]);
    assert.equal(clipGradNorm_(p, 1), 5);
    const [q] = paramsWithGrads([[3, 4]]);
    assert.equal(clipGradNorm_({ parameters: () => [q] }, 1), 5);
    assert.deepEqual(Array.from(p.grad!.data), Array.from(q.grad!.data));
  });
  it('no gradients at all → total 0 and nothing changes', () => {
    assert.equal(clipGradNorm_(paramsWithGrads([null, null]), 1), 0);
  });
});
