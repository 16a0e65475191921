import * as assert from 'node:assert/strict';
import * as E from '../../../../src/engine/index';

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('engine core: autograd', () => {
  describe('sigmoid chain y_k = σ(w·y_{k−1}), y_0 = 0 (numerics.md Setup E)', () => {
    /** ∂y_k/∂y_0 through k chained mul+sigmoid ops, via backward(). */
    function chainDerivative(w: number, k: number): number {
      const y0 = E.tensor(0, { requiresGrad: true });
      let y = y0;
      for (let i = 0; i < k; i++) y = y.mul(w).sigmoid();
      y.backward();
      return y0.grad!.item();
    }
    const published: Array<[number, number, number]> = [
      [1, 1, 0.25],
      [1, 5, 6.7633919697037922e-4],
      [1, 10, 3.8752202320832585e-7],
      [1, 20, 1.2717776672279062e-13],
      [4, 1, 1],
      [4, 10, 7.2058108255177305e-10],
      [8, 10, 8.9025591615556762e-22],
    ];
    for (const [w, k, d] of published) {
      it(`w = ${w}: d${k} = ${d}`, () => {
        const got = chainDerivative(w, k);
        assert.ok(relErr(got, d) < 1e-12, `got ${got}, published ${d} (rel. error ${relErr(got, d)})`);
      });
    }
  });

  it('leaf grads accumulate across backward() calls until zeroGrad()', () => {
    const x = E.tensor([1, 2], { requiresGrad: true });
    x.mul(3).sum().backward();
    x.mul(3).sum().backward();
    assert.deepEqual(x.grad!.toArray(), [6, 6]);
    x.zeroGrad();
    assert.equal(x.grad, null);
    x.square().sum().backward();
    assert.deepEqual(x.grad!.toArray(), [2, 4]);
  });

  it('backward(gradient) seeds a non-scalar output', () => {
    const x = E.tensor([1, 2, 3], { requiresGrad: true });
    x.square().backward(E.tensor([1, 0.5, -1]));
    assert.deepEqual(x.grad!.toArray(), [2, 2, -6]);
  });

  it('retainGrad keeps ∂L/∂h on non-leaf tensors (RNN hidden states); others stay null', () => {
    const x = E.tensor([0.5, -1], { requiresGrad: true });
    const h1 = x.mul(2).tanh().retainGrad();
    const h2 = h1.mul(3);
    const loss = h2.sum();
    loss.backward();
    assert.deepEqual(h1.grad!.toArray(), [3, 3]);
    assert.equal(h2.grad, null);
    assert.equal(h1.isLeaf, false);
    assert.equal(x.isLeaf, true);
    // Chain rule by hand: ∂L/∂x = 3 · 2 · (1 − tanh²(2x)).
    x.grad!.data.forEach((g, i) => {
      const t = Math.tanh(2 * x.data[i]);
      assert.ok(Math.abs(g - 6 * (1 - t * t)) < 1e-15);
    });
  });

  it('noGrad records nothing, returns the result, and restores the mode even when fn throws', () => {
    const w = E.tensor([1, 2], { requiresGrad: true });
    const y = E.noGrad(() => w.mul(2));
    assert.equal(y.requiresGrad, false);
    assert.equal(y.isLeaf, true);
    assert.equal(E.isGradEnabled(), true);
    assert.throws(() => E.noGrad(() => { throw new Error('boom'); }), /boom/);
    assert.equal(E.isGradEnabled(), true);
    E.setGradEnabled(false);
    assert.equal(w.add(1).requiresGrad, false);
    E.setGradEnabled(true);
    assert.equal(w.add(1).requiresGrad, true);
  });

  it('a second backward on the same output names the op and shape and says to pass { retainGraph: true }', () => {
    const x = E.tensor([1, 2], { requiresGrad: true });
    const loss = x.square().sum();
    loss.backward();
    assert.throws(() => loss.backward(), (e: Error) => {
      assert.ok(e instanceof E.GraphError);
      assert.match(e.message, /the graph of this output \("sum", shape \[\]\) was already freed by an earlier backward\(\)/);
      assert.match(e.message, /loss\.backward\(null, \{ retainGraph: true \}\)/);
      assert.doesNotMatch(e.message, /detach/); // nothing was carried over: detaching would not help
      return true;
    });
  });

  it('reusing a tensor from an already-backpropagated step says to .detach() it (the RNN hidden-state mistake)', () => {
    const wh = E.tensor([[0.5, 0], [0, 0.5]], { requiresGrad: true });
    let h = E.tensor([[1, 1]]);
    h = h.matmul(wh).tanh(); // step 1
    h.sum().backward();
    h = h.matmul(wh).tanh(); // step 2 carries step 1's h, whose graph is freed
    assert.throws(() => h.sum().backward(), (e: Error) => {
      assert.ok(e instanceof E.GraphError);
      assert.match(e.message, /reuses a tensor \("tanh", shape \[1, 2\]\) from a graph that an earlier backward\(\) already freed/);
      assert.match(e.message, /\.detach\(\) when the step starts \(h = h\.detach\(\)\)/);
      assert.match(e.message, /retainGraph: true/);
      return true;
    });
  });

  it('the suggested fix works: detaching the carried tensor lets the next step backpropagate', () => {
    const wh = E.tensor([[0.5, 0], [0, 0.5]], { requiresGrad: true });
    let h = E.tensor([[1, 1]]);
    h = h.matmul(wh).tanh();
    h.sum().backward();
    h = h.detach().matmul(wh).tanh();
    assert.doesNotThrow(() => h.sum().backward());
  });

  it('retainGraph allows a second backward and gives the same gradient again', () => {
    const x = E.tensor([1, 2], { requiresGrad: true });
    const loss = x.square().sum();
    loss.backward(null, { retainGraph: true });
    loss.backward();
    assert.deepEqual(x.grad!.toArray(), [4, 8]);
  });

  it('a deep graph (100 000 chained ops) backpropagates without overflowing the stack', () => {
    const x = E.tensor([1], { requiresGrad: true });
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.add(1e-6);
    y.sum().backward();
    assert.equal(x.grad!.item(), 1);
  });

  it('detach cuts the graph; clone stays in it', () => {
    const x = E.tensor([3], { requiresGrad: true });
    const d = x.detach();
    assert.equal(d.requiresGrad, false);
    assert.equal(d.data, x.data);
    x.clone().mul(d).sum().backward();
    assert.equal(x.grad!.item(), 3);
    assert.equal(x.mul(2).gradFn, 'mul');
  });

  it('inputs that do not require grad get no .grad', () => {
    const w = E.tensor([2], { requiresGrad: true });
    const c = E.tensor([5]);
    w.mul(c).sum().backward();
    assert.equal(c.grad, null);
    assert.equal(w.grad!.item(), 5);
  });

  it('a diamond graph (shared intermediate) sums both paths once', () => {
    const x = E.tensor([2], { requiresGrad: true });
    const h = x.square(); // used twice
    h.mul(h).add(h).sum().backward(); // L = x⁴ + x², dL/dx = 4x³ + 2x = 36
    assert.equal(x.grad!.item(), 36);
  });

  describe('custom ops (Tensor.fromOp) may return one array for several inputs, or keep it', () => {
    /** Central finite difference of a plain-JS loss in input k, element i (no engine involved). */
    function finiteDiff(f: (a: number[], b: number[]) => number, a: number[], b: number[], which: 'a' | 'b', i: number): number {
      const h = 1e-6;
      const plus = which === 'a' ? [a.map((v, j) => (j === i ? v + h : v)), b] : [a, b.map((v, j) => (j === i ? v + h : v))];
      const minus = which === 'a' ? [a.map((v, j) => (j === i ? v - h : v)), b] : [a, b.map((v, j) => (j === i ? v - h : v))];
      return (f(plus[0], plus[1]) - f(minus[0], minus[1])) / (2 * h);
    }

    /** s = a + b as a custom op whose backward hands back ONE fresh array for both inputs (and keeps it). */
    function customAdd(a: E.Tensor, b: E.Tensor, kept: Float64Array[]): E.Tensor {
      const out = new Float64Array(a.data.length);
      for (let i = 0; i < out.length; i++) out[i] = a.data[i] + b.data[i];
      return E.Tensor.fromOp(out, a.shape, 'customAdd', [a, b], (g) => {
        const r = new Float64Array(g);
        kept.push(r);
        return [r, r];
      });
    }

    it('s.add(a).sum() with s = customAdd(a, b) gives the finite-difference gradients (a: 2, b: 1)', () => {
      const av = [0.5, -1.25];
      const bv = [2, 3.5];
      const a = E.tensor(av, { requiresGrad: true });
      const b = E.tensor(bv, { requiresGrad: true });
      customAdd(a, b, []).add(a).sum().backward();
      const loss = (x: number[], y: number[]): number => x.reduce((s, v, i) => s + (v + y[i]) + v, 0);
      for (let i = 0; i < av.length; i++) {
        assert.ok(Math.abs(a.grad!.data[i] - finiteDiff(loss, av, bv, 'a', i)) < 1e-6, `a.grad = ${a.grad!.toArray()}`);
        assert.ok(Math.abs(b.grad!.data[i] - finiteDiff(loss, av, bv, 'b', i)) < 1e-6, `b.grad = ${b.grad!.toArray()}`);
      }
    });

    it('the array a custom backward returned and kept is not written into by the engine', () => {
      const kept: Float64Array[] = [];
      const a = E.tensor([1, 2], { requiresGrad: true });
      const b = E.tensor([3, 4], { requiresGrad: true });
      // a also gets a gradient through mul, so the engine has a pending sum to combine with the kept
      // array. The custom op is the SECOND operand so its backward runs first and its array is pending.
      a.mul(3).add(customAdd(a, b, kept)).sum().backward();
      assert.deepEqual(Array.from(kept[0]), [1, 1]);
      assert.deepEqual(a.grad!.toArray(), [4, 4]);
      assert.deepEqual(b.grad!.toArray(), [1, 1]);
    });
  });
});
