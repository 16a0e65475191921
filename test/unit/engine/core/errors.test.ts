import * as assert from 'node:assert/strict';
import * as E from '../../../../src/engine/index';

/** Asserts fn throws an instance of cls whose message contains every fragment. */
function throwsWith(fn: () => unknown, cls: new (...a: never[]) => Error, ...fragments: string[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    assert.ok(e instanceof E.GradlabError);
    for (const f of fragments) assert.ok((e as Error).message.includes(f), `message lacks "${f}": ${(e as Error).message}`);
    return true;
  });
}

describe('engine core: error messages name the op, both shapes and the fix', () => {
  it('matmul inner-dimension mismatch', () => {
    throwsWith(() => E.zeros(3, 4).matmul(E.zeros(5, 2)), E.ShapeError,
      'matmul', '[3, 4]', '[5, 2]', 'inner dimensions 4 and 5 differ', 'Transpose one operand');
    throwsWith(() => E.zeros(2, 3, 4).matmul(E.zeros(5, 2)), E.ShapeError, 'matmul', '[2, 3, 4]', '[5, 2]');
  });
  it('broadcasting mismatch', () => {
    throwsWith(() => E.zeros(3, 4).add(E.zeros(5)), E.ShapeError, 'add', '[3, 4]', '[5]', 'broadcast');
    throwsWith(() => E.zeros(2, 3).mul(E.zeros(3, 2)), E.ShapeError, 'mul', '[2, 3]', '[3, 2]');
  });
  it('reshape size mismatch', () => {
    throwsWith(() => E.zeros(2, 3).reshape(4, 2), E.ShapeError, 'reshape', '[2, 3]', '[4, 2]', '6 elements');
  });
  it('backward on a non-scalar without a gradient', () => {
    const y = E.zeros([2, 3], { requiresGrad: true }).mul(2);
    throwsWith(() => y.backward(), E.GraphError, '[2, 3]', 'Call .sum() or .mean() first', 'pass a gradient of shape [2, 3]');
  });
  it('backward on a tensor that does not require grad', () => {
    throwsWith(() => E.ones(1).mul(2).backward(), E.GraphError, 'does not require grad', 'requiresGrad: true');
  });
  it('backward with a gradient of the wrong shape', () => {
    const y = E.zeros([2], { requiresGrad: true }).mul(2);
    throwsWith(() => y.backward(E.ones(3)), E.GraphError, '[3]', '[2]');
  });
  it('bad shapes and dims', () => {
    throwsWith(() => E.zeros(2, NaN), E.ArgumentError, 'zeros', 'NaN');
    throwsWith(() => E.zeros([-1, 2]), E.ArgumentError, 'zeros', '-1');
    throwsWith(() => E.zeros(2, 3).sum(2), E.ArgumentError, 'sum', 'dim 2', '[-2, 1]');
    throwsWith(() => E.zeros(2, 3).softmax(-3), E.ArgumentError, 'softmax', 'out of range');
    throwsWith(() => E.zeros(2, 3).select(1, 3), E.ArgumentError, 'select', 'index 3', 'size 3');
    throwsWith(() => E.cat([E.zeros(2, 3), E.zeros(3, 2)], 0), E.ShapeError, 'cat', '[2, 3]', '[3, 2]');
    throwsWith(() => E.tensor([[1, 2], [3]]), E.ShapeError, 'ragged');
    throwsWith(() => E.zeros(2).add([1, 2] as unknown as E.Tensor), E.ArgumentError, 'add', 'plain array', 'tensor([');
  });
  it('losses name both shapes and bad class indices', () => {
    throwsWith(() => E.mseLoss(E.zeros(4, 1), E.zeros(4)), E.ShapeError, 'mseLoss', '[4, 1]', '[4]');
    throwsWith(() => E.crossEntropy(E.zeros(2, 3), [0, 3]), E.ArgumentError, 'target[1] = 3', '[0, 2]');
    throwsWith(() => E.binaryCrossEntropy(E.tensor([1.5]), E.tensor([1])), E.ArgumentError, 'probability', 'sigmoid');
  });
  it('item() on a multi-element tensor', () => {
    throwsWith(() => E.zeros(2, 2).item(), E.ShapeError, 'item', '[2, 2]');
  });
});
