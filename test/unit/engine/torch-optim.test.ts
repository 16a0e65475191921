/**
 * SGD / Adam / AdamW against torch.optim (test/fixtures/torch/optim.json): four steps on fixed
 * gradients, parameters compared after every step to 1e-10 relative.
 */
import { strict as assert } from 'assert';
import { optim, Tensor } from 'gradlab';
import { assertClose, loadTorchFixture, toTensor, type Encoded } from './nn/helpers/fixtures';

interface OptimCase {
  name: string;
  optimizer: 'SGD' | 'Adam' | 'AdamW';
  options: Record<string, any>;
  params_before: Encoded[];
  grads_per_step: Encoded[][];
  params_after_each_step: Encoded[][];
}

/** torch keyword → our option name. */
function ourOptions(o: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(o)) out[k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = v;
  return out;
}

describe('optimizers match torch.optim (optim.json)', () => {
  const fixture = loadTorchFixture<{ cases: OptimCase[] }>('optim.json');
  for (const c of fixture.cases) {
    it(`${c.name}: ${c.optimizer}(${JSON.stringify(c.options)}) over ${c.grads_per_step.length} steps`, () => {
      const params = c.params_before.map((e) => toTensor(e, true));
      const opts = ourOptions(c.options);
      const opt =
        c.optimizer === 'SGD'
          ? new optim.SGD(params, opts as optim.SGDOptions)
          : c.optimizer === 'Adam'
            ? new optim.Adam(params, opts)
            : new optim.AdamW(params, opts);
      c.grads_per_step.forEach((grads, step) => {
        params.forEach((p, i) => (p.grad = toTensor(grads[i])));
        opt.step();
        params.forEach((p, i) => assertClose(p, c.params_after_each_step[step][i], `${c.name} step ${step + 1} param ${i}`));
      });
    });
  }

  it('zeroGrad clears grads and parameters without a grad are left alone', () => {
    const a = new Tensor(Float64Array.from([1, 2]), [2], true);
    const b = new Tensor(Float64Array.from([3]), [1], true);
    const opt = new optim.SGD([a, b], { lr: 0.5 });
    a.grad = new Tensor(Float64Array.from([1, 1]), [2]);
    opt.step();
    assert.deepEqual(Array.from(a.data), [0.5, 1.5]);
    assert.deepEqual(Array.from(b.data), [3]);
    opt.zeroGrad();
    assert.equal(a.grad, null);
  });

  it('rejects a missing learning rate and nesterov without momentum, saying what to pass', () => {
    const p = new Tensor(new Float64Array(1), [1], true);
    assert.throws(() => new optim.SGD([p], {} as optim.SGDOptions), /learning rate/);
    assert.throws(() => new optim.SGD([p], { lr: 0.1, nesterov: true }), /nesterov/);
    assert.throws(() => new optim.SGD([], { lr: 0.1 }), /empty parameter list/);
  });
});
