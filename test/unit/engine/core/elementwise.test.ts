import * as assert from 'node:assert/strict';
import * as E from '../../../../src/engine/index';
import { checkOp } from '../helpers/check-op';
import { binaryRef, unaryRef } from '../helpers/reference';

describe('engine core: elementwise ops with broadcasting', () => {
  const broadcastCases: Array<[number[], number[]]> = [
    [[3, 4], [3, 4]], // same shape
    [[5, 3], [3]], // bias row [N,C] ⊕ [C]
    [[3], [5, 3]], // row on the left
    [[3, 1], [1, 4]], // outer
    [[2, 3, 4], [3, 1]], // general strided
    [[2, 1, 4], [3, 1]],
    [[4], []], // 0-d tensor
  ];
  const binaries: Array<[string, (a: E.Tensor, b: E.Tensor) => E.Tensor, (x: number, y: number) => number]> = [
    ['add', (a, b) => a.add(b), (x, y) => x + y],
    ['sub', (a, b) => E.sub(a, b), (x, y) => x - y],
    ['mul', (a, b) => a.mul(b), (x, y) => x * y],
  ];
  for (const [name, fn, f] of binaries) {
    for (const [sa, sb] of broadcastCases) {
      it(`${name} ${JSON.stringify(sa)} ⊕ ${JSON.stringify(sb)}`, () => {
        checkOp(name, fn, [sa, sb], { reference: binaryRef(sa, sb, f) });
      });
    }
  }
  for (const [sa, sb] of broadcastCases) {
    it(`div ${JSON.stringify(sa)} / ${JSON.stringify(sb)} (denominator kept away from 0)`, () => {
      const b = E.rand(sb).mul(2).add(0.5);
      checkOp('div', (x, y) => x.div(y), [sa, b], { reference: binaryRef(sa, sb, (x, y) => x / y) });
    });
  }

  it('numbers broadcast as scalars on either side', () => {
    checkOp('add number', (a) => a.add(2.5), [[3, 2]], { reference: unaryRef((x) => x + 2.5) });
    checkOp('number add', (a) => E.add(2.5, a), [[3, 2]], { reference: unaryRef((x) => 2.5 + x) });
    checkOp('sub number', (a) => a.sub(1.5), [[3, 2]], { reference: unaryRef((x) => x - 1.5) });
    checkOp('number sub', (a) => E.sub(1.5, a), [[3, 2]], { reference: unaryRef((x) => 1.5 - x) });
    checkOp('mul number', (a) => a.mul(-3), [[3, 2]], { reference: unaryRef((x) => -3 * x) });
    checkOp('number div', (a) => E.div(2, a), [[3, 2]], { low: 0.5, high: 2, reference: unaryRef((x) => 2 / x) });
    checkOp('div number', (a) => a.div(4), [[3, 2]], { reference: unaryRef((x) => x / 4) });
  });

  it('pow with number exponents (2, 3, 0.5, -1.5, 0)', () => {
    checkOp('pow 2', (a) => a.pow(2), [[4, 3]], { reference: unaryRef((x) => x * x) });
    checkOp('pow 3', (a) => a.pow(3), [[4, 3]], { reference: unaryRef((x) => x ** 3) });
    checkOp('pow 0.5', (a) => a.pow(0.5), [[4, 3]], { low: 0.5, high: 3, reference: unaryRef(Math.sqrt) });
    checkOp('pow -1.5', (a) => a.pow(-1.5), [[4, 3]], { low: 0.5, high: 3, reference: unaryRef((x) => x ** -1.5) });
    checkOp('pow 0', (a) => a.pow(0), [[4, 3]], { reference: unaryRef(() => 1) });
  });

  it('pow with a tensor exponent differentiates both sides', () => {
    checkOp('pow tensor', (a, b) => a.pow(b), [[3, 4], [4]], {
      low: 0.5, high: 2, reference: binaryRef([3, 4], [4], (x, y) => x ** y),
    });
  });

  const unaries: Array<[string, (a: E.Tensor) => E.Tensor, (x: number) => number, number, number]> = [
    ['neg', (a) => a.neg(), (x) => -x, -2, 2],
    ['exp', (a) => a.exp(), Math.exp, -2, 2],
    ['log', (a) => a.log(), Math.log, 0.3, 3],
    ['sqrt', (a) => E.sqrt(a), Math.sqrt, 0.3, 3],
    ['abs (away from 0)', (a) => a.abs(), Math.abs, 0.2, 2],
    ['abs negative side', (a) => a.abs(), Math.abs, -2, -0.2],
    ['square', (a) => a.square(), (x) => x * x, -2, 2],
    ['reciprocal', (a) => a.reciprocal(), (x) => 1 / x, 0.3, 3],
  ];
  for (const [name, fn, f, low, high] of unaries) {
    it(name, () => checkOp(name, fn, [[3, 5]], { low, high, reference: unaryRef(f) }));
  }

  it('clamp passes the gradient inside [min, max] and blocks it outside', () => {
    // Inputs avoid the exact bounds (kinks).
    const x = E.tensor([-3, -0.5, 0.2, 0.9, 2.5, 7]);
    const r = checkOp('clamp', (a) => a.clamp(-1, 1), [x], {
      reference: unaryRef((v) => Math.min(Math.max(v, -1), 1)),
    });
    assert.deepEqual(Array.from(r.inputs[0].grad!.data).map((g) => g !== 0), [false, true, true, true, false, false]);
    checkOp('clamp min only', (a) => a.clamp(0), [x], { reference: unaryRef((v) => Math.max(v, 0)) });
    checkOp('clamp max only', (a) => a.clamp(null, 0.5), [x], { reference: unaryRef((v) => Math.min(v, 0.5)) });
  });

  it('sign has values and no gradient', () => {
    const x = E.tensor([-2, 0, 3], { requiresGrad: true });
    const s = x.sign();
    assert.deepEqual(s.toArray(), [-1, 0, 1]);
    assert.equal(s.requiresGrad, false);
  });

  it('where picks values and routes the gradient to the chosen side', () => {
    const cond = E.tensor([[1, 0, 1], [0, 0, 1]]);
    const r = checkOp('where', (a, b) => E.where(cond, a, b), [[2, 3], [3]], {
      reference: (a, b) => [a[0], b[1], a[2], b[0], b[1], a[5]],
    });
    assert.deepEqual(r.inputs[0].grad!.data.map((g) => (g !== 0 ? 1 : 0)), Float64Array.from([1, 0, 1, 0, 0, 1]));
  });

  it('comparisons return 0/1 tensors with broadcasting', () => {
    const a = E.tensor([[1, 2, 3]]);
    assert.deepEqual(a.gt(2).toArray(), [[0, 0, 1]]);
    assert.deepEqual(a.le(E.tensor([[2], [1]])).toArray(), [[1, 1, 0], [1, 0, 0]]);
    assert.deepEqual(a.eq(2).toArray(), [[0, 1, 0]]);
  });

  it('a shared input used twice accumulates both contributions', () => {
    checkOp('x*x + x', (a) => a.mul(a).add(a), [[4]], { reference: unaryRef((x) => x * x + x) });
  });
});
