/**
 * Gradient-array recycling (src/engine/grad-pool.ts) must never hand out an array someone can still
 * see: .grad of leaves, retained grads, gradOut kept by a custom op, arrays a custom op returned.
 * Each test keeps such an array, runs more backward passes that churn the pool, and checks the kept
 * values did not change.
 */
import { strict as assert } from 'node:assert';
import { Tensor, manualSeed, randn, tensor } from '../../../../src/engine/index';
import { gradArray, releaseGrad } from '../../../../src/engine/grad-pool';

/** A few forward/backward passes of a small MLP that allocate and recycle plenty of [4, 8] arrays. */
function churn(): void {
  for (let i = 0; i < 5; i++) {
    const w = randn([8, 8], { requiresGrad: true });
    const x = randn(4, 8);
    x.matmul(w).sigmoid().matmul(w).tanh().mul(x).sum().backward();
  }
}

describe('gradient array recycling', () => {
  it('gradArray returns zero-filled arrays even when it reuses a released one', () => {
    const a = gradArray(32);
    a.fill(7);
    releaseGrad(a);
    const b = gradArray(32);
    assert.ok(b.every((v) => v === 0));
  });

  it('arrays the pool did not make are never taken in', () => {
    const mine = new Float64Array(16).fill(3);
    releaseGrad(mine);
    const b = gradArray(16);
    assert.notEqual(b, mine);
    assert.ok(mine.every((v) => v === 3));
  });

  it('leaf .grad values survive later backward passes', () => {
    manualSeed(1);
    const w = randn([8, 8], { requiresGrad: true });
    const x = randn(4, 8);
    x.matmul(w).sigmoid().sum().backward();
    const kept = w.grad!;
    const snapshot = Array.from(kept.data);
    w.grad = null;
    churn();
    assert.deepEqual(Array.from(kept.data), snapshot);
  });

  it('retained intermediate grads survive later backward passes', () => {
    manualSeed(2);
    const w = randn([8, 8], { requiresGrad: true });
    const h = randn(4, 8).matmul(w).retainGrad();
    h.sigmoid().matmul(w).tanh().sum().backward();
    const snapshot = Array.from(h.grad!.data);
    churn();
    assert.deepEqual(Array.from(h.grad!.data), snapshot);
  });

  it('a custom op that keeps its gradOut (and the array it returns) sees them unchanged afterwards', () => {
    manualSeed(3);
    const seen: Float64Array[] = [];
    const w = randn([8, 8], { requiresGrad: true });
    const x = randn(4, 8);
    const y = x.matmul(w);
    const probed = Tensor.fromOp(new Float64Array(y.data), y.shape, 'probe', [y], (g) => {
      seen.push(g);
      return [g];
    });
    probed.sigmoid().sum().backward();
    const snapshot = Array.from(seen[0]);
    churn();
    assert.deepEqual(Array.from(seen[0]), snapshot);
  });

  it('gradients are unchanged by recycling: the same graph twice gives identical .grad', () => {
    manualSeed(4);
    const w = randn([8, 8], { requiresGrad: true });
    const x = randn(4, 8);
    const run = (): number[] => {
      w.grad = null;
      x.matmul(w).sigmoid().matmul(w).mul(tensor(2)).tanh().sum().backward();
      return Array.from(w.grad!.data);
    };
    const first = run();
    churn();
    assert.deepEqual(run(), first);
  });
});
