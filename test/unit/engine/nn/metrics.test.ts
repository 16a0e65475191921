/** Gradient-flow metrics: norms, per-layer listings, activation statistics, activation capture. */
import { strict as assert } from 'assert';
import {
  Tensor,
  nn,
  manualSeed,
  randn,
  gradNorm,
  globalGradNorm,
  layerGradNorms,
  activationStats,
  saturationFraction,
  deadReluFraction,
  captureActivations,
  frobeniusNorm,
  normRatio,
} from 'gradlab';

const t = (values: number[], shape = [values.length]) => new Tensor(Float64Array.from(values), shape);

describe('metrics', () => {
  it('gradNorm is ‖grad‖_F (0 without a grad); globalGradNorm combines all tensors', () => {
    const a = new Tensor(new Float64Array(2), [2], true);
    const b = new Tensor(new Float64Array(1), [1], true);
    assert.equal(gradNorm(a), 0);
    a.grad = t([3, 4]);
    b.grad = t([12]);
    assert.equal(gradNorm(a), 5);
    assert.equal(globalGradNorm([a, b]), 13);
    assert.equal(frobeniusNorm(t([1, 2, 2, 4], [2, 2])), 5);
  });

  it('layerGradNorms names a module\'s parameters and can keep only weight matrices', () => {
    manualSeed(1);
    const net = new nn.Sequential(new nn.Linear(3, 4), new nn.Sigmoid(), new nn.Linear(4, 2));
    net.call(randn(5, 3)).sum().backward();
    const all = layerGradNorms(net);
    assert.deepEqual(all.map((r) => r.name), ['0.weight', '0.bias', '2.weight', '2.bias']);
    all.forEach((r, i) => assert.equal(r.norm, frobeniusNorm(net.parameters()[i].grad!)));
    const weights = layerGradNorms(net, { weightsOnly: true });
    assert.deepEqual(weights.map((r) => [r.name, r.shape]), [['0.weight', [4, 3]], ['2.weight', [2, 4]]]);
    assert.deepEqual(layerGradNorms([['w', net.parameters()[0]]]).map((r) => r.name), ['w']);
    assert.deepEqual(layerGradNorms(net.parameters().slice(0, 1)).map((r) => r.name), ['param 0']);
  });

  it('activationStats: mean, sample std, min, max, fraction of zeros', () => {
    const s = activationStats(t([0, 0, 1, 3]));
    assert.equal(s.mean, 1);
    assert.equal(s.std, Math.sqrt(((1 + 1 + 0 + 4) / 3)));
    assert.deepEqual([s.min, s.max, s.fractionZero, s.count], [0, 3, 0.5, 4]);
  });

  it('saturationFraction for tanh and sigmoid outputs; deadReluFraction over the batch', () => {
    assert.equal(saturationFraction(t([0.995, -0.999, 0.5, 0]), 'tanh'), 0.5);
    assert.equal(saturationFraction(t([0.001, 0.5, 0.995, 0.98]), 'sigmoid'), 0.5);
    assert.equal(saturationFraction(t([0.95, 0.5]), 'tanh', 0.9), 0.5);
    // 3 examples × 4 units: unit 1 and unit 3 never fire.
    const acts = t([0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0], [3, 4]);
    assert.equal(deadReluFraction(acts), 0.5);
  });

  it('captureActivations records each leaf layer\'s latest output by name, until removed', () => {
    const net = new nn.Sequential(new nn.Linear(2, 3), new nn.Tanh(), new nn.Linear(3, 1));
    const rec = captureActivations(net, (_name, m) => m instanceof nn.Tanh);
    const x = randn(4, 2);
    net.call(x);
    assert.deepEqual([...rec.activations.keys()], ['1']);
    const expected = net.at(1).call(net.at(0).call(x));
    assert.deepEqual(Array.from(rec.activations.get('1')!.data), Array.from(expected.data));
    rec.remove();
    rec.activations.clear();
    net.call(x);
    assert.equal(rec.activations.size, 0);
    const all = captureActivations(net);
    net.call(x);
    assert.deepEqual([...all.activations.keys()], ['0', '1', '2']);
  });

  it('normRatio is first/last', () => {
    assert.equal(normRatio([1e-6, 1e-3, 1]), 1e-6);
    assert.throws(() => normRatio([]), /at least one norm/);
  });
});
