/**
 * nn modules against PyTorch 1.13 (test/fixtures/torch/modules.json): the same explicit weights
 * and inputs must give the same outputs, losses, parameter gradients, input gradients and running
 * statistics, to 1e-10 relative. Parameter names are mapped from torch's snake_case explicitly.
 */
import { strict as assert } from 'assert';
import { mseLoss, nn, type Tensor } from 'gradlab';
import { assertClose, decodeArray, loadTorchFixture, toTensor, type Encoded } from './nn/helpers/fixtures';

const fixture = loadTorchFixture('modules.json');

/** torch "weight_ih_l0" → ours "cells.0.weightIh"; "weight_hh" → "weightHh"; others unchanged. */
export function ourParamName(torchName: string): string {
  const m = /^(weight|bias)_(ih|hh)(?:_l(\d+))?$/.exec(torchName);
  if (m === null) return torchName;
  return `${m[3] !== undefined ? `cells.${m[3]}.` : ''}${m[1]}${m[2] === 'ih' ? 'Ih' : 'Hh'}`;
}

function loadParams(module: nn.Module<any[], any>, params: Record<string, Encoded>): void {
  const state: Record<string, number[]> = {};
  for (const [name, enc] of Object.entries(params)) state[ourParamName(name)] = decodeArray(enc.data);
  module.loadStateDict(state, false);
  // Every torch parameter must have landed on one of ours, and we must have no extra ones.
  const ours = module.namedParameters().map(([n]) => n).sort();
  assert.deepEqual(ours, Object.keys(params).map(ourParamName).sort(), 'parameter names differ from torch');
}

function checkGrads(module: nn.Module<any[], any>, grads: Record<string, Encoded>, what: string): void {
  const byName = new Map(module.namedParameters());
  for (const [name, enc] of Object.entries(grads)) {
    const p = byName.get(ourParamName(name));
    if (p === undefined) continue; // input / state gradients are checked by the caller
    assert.ok(p.grad !== null, `${what}: ${name} received no gradient`);
    assertClose(p.grad, enc, `${what}: grad of ${name}`);
  }
}

describe('nn modules match PyTorch (modules.json)', () => {
  describe('3-layer Linear stacks, MSE loss', () => {
    for (const c of fixture.mlps) {
      it(`${c.name}: output, loss and every parameter gradient`, () => {
        const Act = { sigmoid: nn.Sigmoid, tanh: nn.Tanh, relu: nn.ReLU }[c.activation as 'sigmoid' | 'tanh' | 'relu'];
        const [a, b, d, e] = c.sizes as number[];
        const net = new nn.Sequential(new nn.Linear(a, b), new Act(), new nn.Linear(b, d), new Act(), new nn.Linear(d, e));
        loadParams(net, c.params);
        const out = net.call(toTensor(c.input));
        assertClose(out, c.output, `${c.name} output`);
        const loss = mseLoss(out, toTensor(c.target));
        assertClose(loss.item(), c.loss, `${c.name} loss`);
        loss.backward();
        checkGrads(net, c.grads, c.name);
      });
    }
  });

  describe('BatchNorm1d', () => {
    for (const c of fixture.batchnorm) {
      it(`${c.name}: output, gradients and running statistics`, () => {
        const bn = new nn.BatchNorm1d(c.num_features, { eps: c.eps, momentum: c.momentum });
        bn.weight!.data.set(decodeArray(c.weight.data));
        bn.bias!.data.set(decodeArray(c.bias.data));
        bn.runningMean!.data.set(decodeArray(c.running_mean_before.data));
        bn.runningVar!.data.set(decodeArray(c.running_var_before.data));
        if (c.mode === 'eval') bn.eval();
        const x = toTensor(c.input, true);
        const y = bn.call(x);
        assertClose(y, c.output, `${c.name} output`);
        y.backward(toTensor(c.cotangent));
        assertClose(x.grad!, c.grads.input, `${c.name} grad input`);
        assertClose(bn.weight!.grad!, c.grads.weight, `${c.name} grad weight`);
        assertClose(bn.bias!.grad!, c.grads.bias, `${c.name} grad bias`);
        assertClose(bn.runningMean!, c.running_mean_after, `${c.name} runningMean`);
        assertClose(bn.runningVar!, c.running_var_after, `${c.name} runningVar`);
        if (c.num_batches_tracked !== undefined) assert.equal(bn.numBatchesTracked, c.num_batches_tracked);
      });
    }
  });

  describe('LayerNorm', () => {
    for (const c of fixture.layernorm) {
      it(`${c.name}: output and gradients`, () => {
        const ln = new nn.LayerNorm(c.normalized_shape, { eps: c.eps });
        loadParams(ln, c.params);
        const x = toTensor(c.input, true);
        const y = ln.call(x);
        assertClose(y, c.output, `${c.name} output`);
        y.backward(toTensor(c.cotangent));
        assertClose(x.grad!, c.grads.input, `${c.name} grad input`);
        checkGrads(ln, c.grads, c.name);
      });
    }
  });

  describe('recurrent cells and sequences (PyTorch layout and gate order)', () => {
    for (const c of fixture.recurrent) {
      it(`${c.name}: outputs, final states and every gradient`, () => {
        const I = c.input_size as number;
        const H = c.hidden_size as number;
        const x = toTensor(c.input, true);
        const h0 = toTensor(c.h0, true);
        const c0 = c.c0 === undefined ? null : toTensor(c.c0, true);
        let module: nn.Module<any[], any>;
        let loss: Tensor;
        if (c.module === 'cell') {
          module = c.kind === 'rnn' ? new nn.RNNCell(I, H) : c.kind === 'gru' ? new nn.GRUCell(I, H) : new nn.LSTMCell(I, H);
          loadParams(module, c.params);
          if (c.kind === 'lstm') {
            const [h1, c1] = (module as nn.LSTMCell).call(x, [h0, c0!]);
            assertClose(h1, c.h1, `${c.name} h1`);
            assertClose(c1, c.c1, `${c.name} c1`);
            loss = h1.mul(toTensor(c.cot_h)).sum().add(c1.mul(toTensor(c.cot_c)).sum());
          } else {
            const h1 = (module as nn.RNNCell | nn.GRUCell).call(x, h0);
            assertClose(h1, c.h1, `${c.name} h1`);
            loss = h1.mul(toTensor(c.cot_h)).sum();
          }
        } else {
          module = c.kind === 'rnn' ? new nn.RNN(I, H) : c.kind === 'gru' ? new nn.GRU(I, H) : new nn.LSTM(I, H);
          loadParams(module, c.params);
          const result = c.kind === 'lstm' ? (module as nn.LSTM).call(x, [h0, c0!]) : (module as nn.RNN | nn.GRU).call(x, h0);
          assertClose(result.output, c.output, `${c.name} output`);
          assertClose(result.hN, c.h_n, `${c.name} hN`);
          assert.equal(result.hiddens.length, c.seq_len);
          loss = result.output.mul(toTensor(c.cot_output)).sum().add(result.hN.mul(toTensor(c.cot_h)).sum());
          if (c.kind === 'lstm') {
            const cN = (result as nn.LSTMOutput).cN;
            assertClose(cN, c.c_n, `${c.name} cN`);
            loss = loss.add(cN.mul(toTensor(c.cot_c)).sum());
          }
        }
        loss.backward();
        checkGrads(module, c.grads, c.name);
        assertClose(x.grad!, c.grads.input, `${c.name} grad input`);
        assertClose(h0.grad!, c.grads.h0, `${c.name} grad h0`);
        if (c0 !== null) assertClose(c0.grad!, c.grads.c0, `${c.name} grad c0`);
      });
    }
  });
});
