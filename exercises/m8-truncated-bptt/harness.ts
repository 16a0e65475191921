/**
 * m8-truncated-bptt harness. The learner trains a tanh RNN with an exploding recurrent weight
 * (W_hh = 1.5·Q) on a 150-step sequence in chunks of k = 12 steps. The harness hands over a model
 * and an optimizer that observe the training without trusting the learner's own numbers:
 *  - model.step() retains the gradient of every hidden state it produces; at optimizer.step() the
 *    harness counts how many of them received a gradient from this chunk's backward. With the state
 *    detached between chunks that is exactly the chunk's own steps (depth ratio 1); without it the
 *    gradient reaches back through the whole history (ratio 2, 3, … for later chunks).
 *  - every parameter enters the graph through an identity "probe" op whose backward adds the
 *    incoming gradient to a harness-owned buffer: the true, unclipped gradient of each backward(),
 *    however the learner zeroes or clips .grad. At optimizer.step() the harness compares .grad with
 *    that gradient clipped to maxNorm (PyTorch's clip_grad_norm_ rule).
 *  - before/after losses on the whole sequence are computed by the harness with its own forward.
 */
import type { HarnessContext } from 'gradlab/harness';
import { init, linear, mseLoss, noGrad, optim, randn, zeros, Tensor } from 'gradlab';

const T = 150;
const K = 12; // 150 = 12·12 + 6: the last chunk is shorter
const H = 16;
const I = 4;
const B = 8;
const RHO = 1.5;
const LR = 0.5;
const MAX_NORM = 0.25;

interface Params { weightIh: Tensor; weightHh: Tensor; bias: Tensor; weightOut: Tensor }

function makeParams(): Params {
  return {
    weightHh: init.orthogonal_(zeros([H, H]), RHO).requiresGrad_(),
    weightIh: randn([H, I]).requiresGrad_(),
    bias: zeros([H]).requiresGrad_(),
    weightOut: randn([1, H]).mul(1 / Math.sqrt(H)).requiresGrad_(),
  };
}

function list(p: Params): Tensor[] {
  return [p.weightIh, p.weightHh, p.bias, p.weightOut];
}

/** Mean per-step loss over the whole sequence from a zero state, without recording a graph. */
function sequenceLoss(p: Params, xs: Tensor[], ys: Tensor[]): number {
  return noGrad(() => {
    let h = zeros(B, H);
    let total = 0;
    for (let t = 0; t < T; t++) {
      h = linear(xs[t], p.weightIh).add(linear(h, p.weightHh, p.bias)).tanh();
      total += mseLoss(linear(h, p.weightOut), ys[t]).item();
    }
    return total / T;
  });
}

function norm(arrays: Float64Array[]): number {
  let s = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

export default function harness(ctx: HarnessContext): void {
  const p = makeParams();
  const params = list(p);
  const xs = Array.from({ length: T }, () => randn(B, I));
  // Target: half the first input feature of the PREVIOUS step (a one-step memory task).
  const ys = xs.map((x, t) => (t === 0 ? zeros(B, 1) : xs[t - 1].slice(1, 0, 1).mul(0.5)));
  const lossBefore = sequenceLoss(p, xs, ys);

  // --- observation state ---
  const acc = params.map((q) => new Float64Array(q.data.length)); // unclipped grads since last step()
  let produced: Tensor[] = []; //        hidden states made by model.step() since the last step()
  let allStates: Tensor[] = []; //       every hidden state made so far (to count who got a gradient)
  let stepCalls = 0;
  let lastOutput: Float64Array | null = null; // data of the previous chunk's last state
  let chunkStartInput: Float64Array | null = null;
  let carried = 0;
  const pre: number[] = [];
  const post: number[] = [];
  const postOverMax: number[] = [];
  const depth: number[] = [];
  let mismatch = 0;

  const probe = (q: Tensor, slot: number): Tensor =>
    Tensor.fromOp(q.data, q.shape, 'observe', [q], (g) => {
      const a = acc[slot];
      for (let i = 0; i < a.length; i++) a[i] += g[i];
      return [g];
    });

  const model = Object.freeze({
    initialState: (): Tensor => zeros(B, H),
    step: (x: Tensor, h: Tensor): Tensor => {
      ctx.expectTensor(x, 'the input x passed to model.step', [B, I]);
      ctx.expectTensor(h, 'the hidden state h passed to model.step', [B, H]);
      if (produced.length === 0) chunkStartInput = Float64Array.from(h.data);
      stepCalls++;
      const out = linear(x, probe(p.weightIh, 0)).add(linear(h, probe(p.weightHh, 1), probe(p.bias, 2))).tanh();
      out.retainGrad();
      produced.push(out);
      allStates.push(out);
      return out;
    },
    loss: (h: Tensor, target: Tensor): Tensor => {
      ctx.expectTensor(h, 'the hidden state h passed to model.loss', [B, H]);
      ctx.expectTensor(target, 'the target passed to model.loss', [B, 1]);
      return mseLoss(linear(h, probe(p.weightOut, 3)), target);
    },
    parameters: (): Tensor[] => params.slice(),
  });

  const sgd = new optim.SGD(params, { lr: LR });
  const optimizer = Object.freeze({
    zeroGrad: (): void => sgd.zeroGrad(),
    step: (): void => {
      // 1. How far back did this backward reach? States of earlier chunks with a gradient mean the
      //    graph was not cut.
      const reached = allStates.filter((s) => s.grad !== null).length;
      depth.push(produced.length > 0 ? reached / produced.length : Infinity);
      for (const s of allStates) s.zeroGrad();
      // 2. The unclipped gradient of this chunk vs what reaches the optimizer.
      const total = norm(acc);
      const coef = Math.min(1, MAX_NORM / (total + 1e-6));
      const grads = params.map((q) => (q.grad ? q.grad.data : new Float64Array(q.data.length)));
      const postNorm = norm(grads);
      pre.push(total);
      post.push(postNorm);
      postOverMax.push(postNorm / MAX_NORM);
      let diff = 0;
      for (let j = 0; j < params.length; j++) {
        for (let i = 0; i < acc[j].length; i++) {
          const d = grads[j][i] - coef * acc[j][i];
          diff += d * d;
        }
      }
      const expectedNorm = coef * total;
      const rel = expectedNorm > 0 ? Math.sqrt(diff) / expectedNorm : postNorm > 0 ? Infinity : 0;
      mismatch = Math.max(mismatch, Number.isNaN(rel) ? Infinity : rel);
      for (const a of acc) a.fill(0);
      // 3. Was the hidden state carried over from the previous chunk?
      if (lastOutput && chunkStartInput && chunkStartInput.length === lastOutput.length) {
        let same = true;
        for (let i = 0; i < lastOutput.length; i++) if (chunkStartInput[i] !== lastOutput[i]) { same = false; break; }
        if (same) carried++;
      }
      lastOutput = produced.length ? Float64Array.from(produced[produced.length - 1].data) : lastOutput;
      chunkStartInput = null;
      produced = [];
      sgd.step();
    },
  });

  let returned: unknown;
  try {
    returned = ctx.call('trainTruncated', model, Object.freeze({ inputs: xs, targets: ys }), K, MAX_NORM, optimizer);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg.includes('already freed')) {
      ctx.fail('exception',
        'The backward() of your second chunk ran into the first chunk\'s graph, which the first backward() ' +
        'already freed. The hidden state you carry over still remembers every step before it. Cut it at ' +
        'the chunk boundary with h = h.detach() — do not "fix" this with retainGraph: true, which would ' +
        `backpropagate through the whole history. (${msg.split('\n')[0]})`);
    }
    throw e;
  }
  allStates = [];

  const chunks = pre.length;
  ctx.record('chunkCount', chunks);
  ctx.record('stepCalls', stepCalls);
  if (chunks === 0) {
    ctx.fail('exception', 'trainTruncated never called optimizer.step(): update the weights once per chunk.');
  }
  const labels = pre.map((_, c) => `chunk ${c + 1}`);
  ctx.recordVector('preClipNorm', pre, labels);
  ctx.recordVector('postClipNorm', post, labels);
  ctx.recordVector('postOverMax', postOverMax, labels);
  ctx.recordVector('depthRatio', depth, labels);
  ctx.record('gradMismatch', mismatch);
  ctx.record('carriedFraction', chunks > 1 ? carried / (chunks - 1) : 0);

  if (!Array.isArray(returned)) {
    ctx.fail('wrong-type', `trainTruncated must return the array of per-chunk losses, got ${returned === undefined ? 'undefined' : typeof returned}.`);
  }
  const losses = (returned as unknown[]).map((v, c) => ctx.expectNumber(v, `the loss of chunk ${c + 1}`, { allowNonFinite: true }));
  ctx.recordVector('chunkLoss', losses, losses.map((_, c) => `chunk ${c + 1}`));
  ctx.record('lossCountMatches', losses.length === chunks);

  const lossAfter = sequenceLoss(p, xs, ys);
  ctx.record('lossRatio', lossAfter / lossBefore);
}
