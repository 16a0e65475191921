import * as assert from 'node:assert/strict';
import * as E from '../../../../src/engine/index';
import { checkOp } from '../helpers/check-op';

/** x² with a deliberately wrong backward (3x instead of 2x): what gradcheck must catch. */
function plantedWrongSquare(x: E.Tensor): E.Tensor {
  const out = Float64Array.from(x.data, (v) => v * v);
  return E.Tensor.fromOp(out, x.shape, 'wrongSquare', [x], (g) => [Float64Array.from(g, (gi, i) => gi * 3 * x.data[i])]);
}

describe('engine core: gradcheck', () => {
  it('relativeError: |a−b|/max(|a|,|b|), 0 when both are 0', () => {
    assert.equal(E.relativeError(0, 0), 0);
    assert.equal(E.relativeError(1, 2), 0.5);
    assert.equal(E.relativeError(-1, 1), 2);
  });
  it('numericalGradient uses centered differences (exact for a quadratic up to rounding)', () => {
    const x = E.tensor([1, -2, 3]);
    const [g] = E.numericalGradient((t) => t.square().sum(), [x], 1e-3);
    // Centered differences are exact for quadratics: (x+h)² − (x−h)² = 4xh.
    g.forEach((v, i) => assert.ok(Math.abs(v - 2 * x.data[i]) < 1e-9));
    assert.deepEqual(Array.from(x.data), [1, -2, 3], 'inputs are restored');
  });
  it('passes a correct op and reports small errors', () => {
    const r = E.gradcheck((a, b) => a.matmul(b).tanh(), [E.randn(3, 4), E.randn(4, 2)]);
    assert.equal(r.ok, true);
    assert.ok(r.maxRelError < 1e-6);
    assert.deepEqual(r.failures, []);
  });
  it('catches a planted wrong backward, naming input, index and both values', () => {
    const x = E.tensor([0.5, -1.5, 2]);
    const r = E.gradcheck((t) => plantedWrongSquare(t).sum(), [x]);
    assert.equal(r.ok, false);
    assert.equal(r.failures.length, 3);
    assert.deepEqual(r.failures[1], { input: 0, index: 1, analytic: -4.5, numeric: r.failures[1].numeric });
    assert.ok(Math.abs(r.failures[1].numeric - -3) < 1e-6);
    assert.ok(r.maxRelError > 0.3);
  });
  it('leaves the caller\'s tensors untouched (grad, requiresGrad)', () => {
    const x = E.tensor([1, 2]);
    E.gradcheck((t) => t.exp().sum(), [x]);
    assert.equal(x.grad, null);
    assert.equal(x.requiresGrad, false);
  });
  it('the shared checkOp test helper also fails on the planted bug', () => {
    assert.throws(() => checkOp('wrongSquare', plantedWrongSquare, [[4]]), /gradient of input 0/);
  });
});

describe('engine core: creation', () => {
  it('tensor() from numbers, nested arrays and flat arrays with a shape', () => {
    assert.deepEqual(E.tensor(3).shape, []);
    assert.equal(E.tensor(3).item(), 3);
    const t = E.tensor([[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(t.shape, [2, 3]);
    assert.equal(t.ndim, 2);
    assert.equal(t.numel(), 6);
    assert.equal(t.size(-1), 3);
    assert.deepEqual(t.toArray(), [[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(t.tolist(), t.toArray());
    assert.deepEqual(E.tensor([1, 2, 3, 4], { shape: [2, 2] }).toArray(), [[1, 2], [3, 4]]);
    assert.deepEqual(E.tensor(new Float64Array([1, 2])).toArray(), [1, 2]);
    assert.equal(E.tensor([1], { requiresGrad: true }).requiresGrad, true);
  });
  it('tensor() copies its input', () => {
    const src = new Float64Array([1, 2]);
    const t = E.tensor(src);
    src[0] = 9;
    assert.equal(t.data[0], 1);
  });
  it('shapes as varargs or one array, with options last', () => {
    assert.deepEqual(E.zeros(2, 3).shape, [2, 3]);
    assert.deepEqual(E.zeros([2, 3]).shape, [2, 3]);
    assert.equal(E.ones([2], { requiresGrad: true }).requiresGrad, true);
    assert.equal(E.ones(2, 2, { requiresGrad: true }).requiresGrad, true);
    assert.deepEqual(E.ones(2).toArray(), [1, 1]);
    assert.deepEqual(E.full([2], 7).toArray(), [7, 7]);
    assert.deepEqual(E.zerosLike(E.ones(3, 1)).shape, [3, 1]);
    assert.deepEqual(E.onesLike(E.zeros(2)).toArray(), [1, 1]);
    assert.deepEqual(E.randnLike(E.zeros(2, 2)).shape, [2, 2]);
    assert.deepEqual(E.randLike(E.zeros(3)).shape, [3]);
  });
  it('arange, linspace, eye', () => {
    assert.deepEqual(E.arange(4).toArray(), [0, 1, 2, 3]);
    assert.deepEqual(E.arange(1, 2, 0.25).toArray(), [1, 1.25, 1.5, 1.75]);
    assert.deepEqual(E.arange(3, 0, -1).toArray(), [3, 2, 1]);
    assert.deepEqual(E.linspace(0, 1, 5).toArray(), [0, 0.25, 0.5, 0.75, 1]);
    assert.deepEqual(E.eye(2).toArray(), [[1, 0], [0, 1]]);
    assert.deepEqual(E.eye(2, 3).toArray(), [[1, 0, 0], [0, 1, 0]]);
  });
});
