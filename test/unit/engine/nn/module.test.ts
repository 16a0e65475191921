/** Module bookkeeping: names, discovery, modes, hooks, state dicts, readable errors. */
import { strict as assert } from 'assert';
import { nn, Tensor, randn, manualSeed } from 'gradlab';

class TwoLayer extends nn.Module {
  layers = new nn.Sequential(new nn.Linear(3, 4), new nn.Tanh(), new nn.Linear(4, 2));
  scale = new Tensor(Float64Array.from([2]), [1], true);
  heads = [new nn.Linear(2, 1), new nn.Linear(2, 1, { bias: false })];
  _cache: Tensor | null = null;
  forward(x: Tensor): Tensor {
    return this.heads[0].call(this.layers.call(x).mul(this.scale));
  }
}

describe('nn.Module', () => {
  it('names parameters with dotted paths in definition order, like torch named_parameters()', () => {
    const m = new TwoLayer();
    assert.deepEqual(
      m.namedParameters().map(([n]) => n),
      ['layers.0.weight', 'layers.0.bias', 'layers.2.weight', 'layers.2.bias', 'scale', 'heads.0.weight', 'heads.0.bias', 'heads.1.weight'],
    );
    assert.equal(m.parameters().length, 8);
    assert.deepEqual(m.namedChildren().map(([n]) => n), ['layers', 'heads.0', 'heads.1']);
    assert.deepEqual(m.namedModules().map(([n]) => n), ['', 'layers', 'layers.0', 'layers.1', 'layers.2', 'heads.0', 'heads.1']);
  });

  it('lists a shared parameter once and ignores "_" properties and tensors without requiresGrad', () => {
    const shared = new nn.Linear(2, 2);
    const seq = new nn.Sequential(shared, new nn.ReLU(), shared);
    assert.deepEqual(seq.namedParameters().map(([n]) => n), ['0.weight', '0.bias']);
    const m = new TwoLayer();
    m._cache = new Tensor(new Float64Array(1), [1], true);
    assert.ok(!m.namedParameters().some(([n]) => n.includes('cache')));
  });

  it('train()/eval() reach every descendant', () => {
    const m = new TwoLayer();
    m.eval();
    assert.ok(m.modules().every((x) => !x.training));
    m.train();
    assert.ok(m.modules().every((x) => x.training));
  });

  it('zeroGrad clears every parameter gradient after backward', () => {
    const m = new TwoLayer();
    m.call(randn(5, 3)).sum().backward();
    assert.ok(m.parameters().filter((p) => p !== m.heads[1].weight).every((p) => p.grad !== null));
    m.zeroGrad();
    assert.ok(m.parameters().every((p) => p.grad === null));
  });

  it('forward hooks see module, inputs and output on call(), and stop after remove()', () => {
    const relu = new nn.ReLU();
    const seen: Array<[unknown[], unknown]> = [];
    const handle = relu.registerForwardHook((mod, inputs, output) => {
      assert.equal(mod, relu);
      seen.push([inputs, output]);
    });
    const x = new Tensor(Float64Array.from([-1, 2]), [2]);
    const y = relu.call(x);
    assert.equal(seen.length, 1);
    assert.equal(seen[0][0][0], x);
    assert.equal(seen[0][1], y);
    handle.remove();
    relu.call(x);
    assert.equal(seen.length, 1);
  });

  it('stateDict / loadStateDict round-trip by name, with buffers, and strict mode names the mismatch', () => {
    manualSeed(3);
    const a = new nn.Sequential(new nn.Linear(2, 3), new nn.BatchNorm1d(3));
    const b = new nn.Sequential(new nn.Linear(2, 3), new nn.BatchNorm1d(3));
    a.call(randn(4, 2)); // moves the running statistics away from their defaults
    const sd = a.stateDict();
    assert.deepEqual(Object.keys(sd), ['0.weight', '0.bias', '1.weight', '1.bias', '1.runningMean', '1.runningVar']);
    b.loadStateDict(sd);
    assert.deepEqual(Array.from(b.at(1).buffers()[0].data), Array.from(sd['1.runningMean'].data));
    assert.deepEqual(Array.from(b.at(0).parameters()[0].data), Array.from(sd['0.weight'].data));
    assert.throws(() => b.loadStateDict({ '0.weight': [1, 2, 3, 4, 5, 6] }), /Missing: \[0\.bias/);
    assert.throws(() => b.loadStateDict({ '0.weight': [1, 2] }, false), /"0.weight" has 6 values/);
  });

  it('Linear: PyTorch weight layout [out, in], optional bias, and a shape error that names both sizes', () => {
    const l = new nn.Linear(4, 3);
    assert.deepEqual([...l.weight.shape], [3, 4]);
    assert.deepEqual([...l.bias!.shape], [3]);
    assert.equal(new nn.Linear(4, 3, { bias: false }).bias, null);
    assert.deepEqual([...l.call(randn(2, 5, 4)).shape], [2, 5, 3]);
    assert.throws(() => l.call(randn(2, 5)), /Linear\(4, 3\): input shape \[2, 5\] must end in 4/);
    assert.throws(() => new nn.Linear(0, 3), /inFeatures must be a positive integer/);
  });

  it('Residual adds its input: x + block(x)', () => {
    const block = new nn.Linear(2, 2);
    const r = new nn.Residual(block);
    const x = randn(3, 2);
    const expected = x.add(block.call(x));
    assert.deepEqual(Array.from(r.call(x).data), Array.from(expected.data));
    assert.deepEqual(r.namedParameters().map(([n]) => n), ['block.weight', 'block.bias']);
  });

  it('Sequential rejects non-modules and prints a readable tree', () => {
    assert.throws(() => new nn.Sequential(new nn.ReLU(), {} as nn.Module), /argument 1 is not a Module/);
    const s = new nn.Sequential(new nn.Linear(2, 2), new nn.LeakyReLU(0.2));
    assert.match(s.toString(), /Sequential\(\n {2}\(0\): Linear\(inFeatures=2, outFeatures=2, bias=true\)\n {2}\(1\): LeakyReLU\(negativeSlope=0.2\)\n\)/);
  });

  it('activation modules compute their functions', () => {
    const x = new Tensor(Float64Array.from([-2, -0.5, 0.5, 3]), [4]);
    const cases: Array<[nn.Module, (v: number) => number]> = [
      [new nn.Sigmoid(), (v) => 1 / (1 + Math.exp(-v))],
      [new nn.Tanh(), Math.tanh],
      [new nn.ReLU(), (v) => Math.max(0, v)],
      [new nn.LeakyReLU(), (v) => (v > 0 ? v : 0.01 * v)],
      [new nn.ELU(0.5), (v) => (v > 0 ? v : 0.5 * (Math.exp(v) - 1))],
      [new nn.Softplus(2), (v) => Math.log1p(Math.exp(2 * v)) / 2],
      [new nn.Identity(), (v) => v],
    ];
    for (const [m, f] of cases) {
      const y = m.call(x);
      y.data.forEach((v, i) => assert.ok(Math.abs(v - f(x.data[i])) < 1e-14, `${m.constructor.name}(${x.data[i]})`));
    }
    // GELU(x) = x·Φ(x): Φ(0.5) = 0.6914624612740131, Φ(−2) = 0.022750131948179195 (normal CDF tables).
    const g = new nn.GELU().call(x);
    assert.ok(Math.abs(g.data[2] - 0.5 * 0.6914624612740131) < 1e-15);
    assert.ok(Math.abs(g.data[0] - -2 * 0.022750131948179195) < 1e-15);
  });
});
