import * as assert from 'node:assert/strict';
import * as E from '../../../../src/engine/index';
import { checkOp } from '../helpers/check-op';
import { reduceRef, sum } from '../helpers/reference';

const mean = (v: number[]): number => sum(v) / v.length;

describe('engine core: reductions', () => {
  const shape = [2, 3, 4];
  it('sum / mean of everything', () => {
    checkOp('sum', (a) => a.sum(), [shape], { shape: [], reference: (a) => [sum(Array.from(a))] });
    checkOp('mean', (a) => a.mean(), [shape], { shape: [], reference: (a) => [mean(Array.from(a))] });
    checkOp('sum keepdim', (a) => a.sum(null, true), [shape], { shape: [1, 1, 1] });
  });
  for (let dim = 0; dim < 3; dim++) {
    it(`sum / mean / max / min along dim ${dim} (and ${dim - 3}), keepdim both ways`, () => {
      const out = shape.filter((_, k) => k !== dim);
      const kept = shape.map((s, k) => (k === dim ? 1 : s));
      checkOp('sum', (a) => a.sum(dim), [shape], { shape: out, reference: reduceRef(shape, dim, sum) });
      checkOp('sum keepdim', (a) => a.sum(dim - 3, true), [shape], { shape: kept, reference: reduceRef(shape, dim, sum) });
      checkOp('mean', (a) => E.mean(a, dim), [shape], { shape: out, reference: reduceRef(shape, dim, mean) });
      // Random uniform inputs have distinct values, so max/min are differentiable (no ties).
      checkOp('max', (a) => a.max(dim), [shape], { shape: out, reference: reduceRef(shape, dim, (v) => Math.max(...v)) });
      checkOp('min', (a) => a.min(dim, true), [shape], { shape: kept, reference: reduceRef(shape, dim, (v) => Math.min(...v)) });
      checkOp('var', (a) => a.var(dim), [shape], {
        shape: out,
        reference: reduceRef(shape, dim, (v) => sum(v.map((x) => (x - mean(v)) ** 2)) / (v.length - 1)),
      });
    });
  }
  it('sum / mean over several dims at once', () => {
    checkOp('sum [0,2]', (a) => a.sum([0, 2]), [shape], {
      shape: [3],
      reference: (a) => [0, 1, 2].map((j) => {
        let s = 0;
        for (let i = 0; i < 2; i++) for (let k = 0; k < 4; k++) s += a[i * 12 + j * 4 + k];
        return s;
      }),
    });
    checkOp('mean [-1,0] keepdim', (a) => a.mean([-1, 0], true), [shape], { shape: [1, 3, 1] });
  });
  it('max / min of everything send the gradient to the argmax only', () => {
    const r = checkOp('max all', (a) => a.max(), [[3, 4]], { shape: [], reference: (a) => [Math.max(...a)] });
    const g = r.inputs[0].grad!.data;
    assert.equal(g.filter((v) => v !== 0).length, 1);
    checkOp('min all', (a) => E.min(a), [[3, 4]], { reference: (a) => [Math.min(...a)] });
  });
  it('max with ties follows PyTorch max(dim): the first index gets the gradient', () => {
    const x = E.tensor([[1, 3, 3], [2, 2, 0]], { requiresGrad: true });
    x.max(1).sum().backward();
    assert.deepEqual(x.grad!.toArray(), [[0, 1, 0], [1, 0, 0]]);
  });
  it('argmax / argmin return indices, flat without dim', () => {
    const x = E.tensor([[1, 9, 3], [7, 2, 8]]);
    assert.deepEqual(x.argmax(1).toArray(), [1, 2]);
    assert.deepEqual(x.argmin(0).toArray(), [0, 1, 0]);
    assert.equal(x.argmax().item(), 1);
    assert.deepEqual(x.argmax(1, true).shape, [2, 1]);
  });
  it('var / std: unbiased by default, biased on request', () => {
    const v = [2, 4, 4, 4, 5, 5, 7, 9];
    const x = E.tensor(v);
    const m = mean(v);
    const ss = sum(v.map((a) => (a - m) ** 2));
    assert.ok(Math.abs(x.var().item() - ss / 7) < 1e-12);
    assert.ok(Math.abs(x.var(null, false).item() - ss / 8) < 1e-12);
    assert.ok(Math.abs(x.std(null, false).item() - 2) < 1e-12);
    checkOp('var all', (a) => a.var(), [[3, 4]]);
    checkOp('std dim', (a) => a.std(0), [[3, 4]]);
  });
  it('norm: p = 2 (Frobenius), 1, Infinity, 3', () => {
    checkOp('norm2', (a) => a.norm(), [[3, 4]], { reference: (a) => [Math.sqrt(sum(Array.from(a, (x) => x * x)))] });
    checkOp('norm1', (a) => a.norm(1), [[3, 4]], { reference: (a) => [sum(Array.from(a, Math.abs))] });
    checkOp('normInf', (a) => a.norm(Infinity), [[3, 4]], { reference: (a) => [Math.max(...Array.from(a, Math.abs))] });
    checkOp('norm3', (a) => a.norm(3), [[3, 4]], { reference: (a) => [sum(Array.from(a, (x) => Math.abs(x) ** 3)) ** (1 / 3)] });
    assert.equal(E.tensor([3, 4]).norm().item(), 5);
  });
  it('norm of an all-zero tensor has gradient 0, not NaN', () => {
    const z = E.zeros([3], { requiresGrad: true });
    z.norm().backward();
    assert.deepEqual(Array.from(z.grad!.data), [0, 0, 0]);
  });
  it('logsumexp is stable and its gradient is softmax', () => {
    checkOp('logsumexp', (a) => a.logsumexp(1), [[3, 5]], {
      reference: reduceRef([3, 5], 1, (v) => Math.log(sum(v.map(Math.exp)))),
    });
    assert.ok(Math.abs(E.tensor([1000, 1000]).logsumexp(0).item() - (1000 + Math.LN2)) < 1e-9);
  });
});
