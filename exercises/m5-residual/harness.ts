/**
 * m5-residual: the learner's buildResidualNet(30, 32) against a plain 30-layer tanh net with the same
 * (default) initialisation. Forward hooks on every nn.Linear keep its output z_l with retainGrad, so
 * ‖∂L/∂z_l‖ per layer is measured whatever the structure of the learner's module. Weight-gradient
 * ratios are avoided on purpose: with small activations the forward and backward shrinkage cancel.
 * Also recorded: ‖∂L/∂x‖/‖∂L/∂z_last‖ (a single skip around everything keeps THIS healthy while the
 * first layers still starve), the forward growth std(out)/std(x) (skips that double the signal), and
 * the loss after 10 SGD steps.
 */
import type { HarnessContext } from 'gradlab/harness';
import { nn, optim, mseLoss, randn, Tensor } from 'gradlab';

const DEPTH = 30;
const WIDTH = 32;
const BATCH = 32;
const STEPS = 5;
const LR = 0.1;

function plainNet(): nn.Module {
  const layers: nn.Module[] = [];
  for (let l = 0; l < DEPTH; l++) layers.push(new nn.Linear(WIDTH, WIDTH), new nn.Tanh());
  return new nn.Sequential(...layers);
}

interface Probe { zNorms: number[]; inputNorm: number; out: Tensor }

/** One forward/backward with every Linear output kept: ‖∂L/∂z_l‖ in execution order, and ‖∂L/∂x‖. */
function probe(ctx: HarnessContext | null, net: nn.Module, X: Tensor, Y: Tensor): Probe {
  const zs: Tensor[] = [];
  const linears = net.modules().filter((m) => m instanceof nn.Linear);
  const handles = linears.map((m) =>
    m.registerForwardHook((_m, _inputs, out) => {
      if (out instanceof Tensor && out.requiresGrad) {
        out.retainGrad();
        zs.push(out);
      }
    }),
  );
  const x = X.detach().clone().requiresGrad_();
  let out: Tensor;
  try {
    const raw = net.call(x);
    out = ctx ? ctx.expectTensor(raw, `buildResidualNet(${DEPTH}, ${WIDTH}) output for x of shape [${BATCH}, ${WIDTH}]`, [BATCH, WIDTH]) : (raw as Tensor);
  } finally {
    handles.forEach((h) => h.remove());
  }
  mseLoss(out, Y).backward();
  return { zNorms: zs.map((z) => (z.grad ? z.grad.norm().item() : 0)), inputNorm: x.grad ? x.grad.norm().item() : 0, out };
}

function std(t: Tensor): number {
  const d = t.data;
  let m = 0;
  for (const v of d) m += v;
  m /= d.length;
  let s = 0;
  for (const v of d) s += (v - m) ** 2;
  return Math.sqrt(s / d.length);
}

export default function harness(ctx: HarnessContext): void {
  const X = randn(BATCH, WIDTH);
  const Y = randn(BATCH, WIDTH).mul(0.5);

  const built = ctx.call<unknown>('buildResidualNet', DEPTH, WIDTH);
  if (!(built instanceof nn.Module)) ctx.fail('wrong-type', 'buildResidualNet(depth, width) must return an nn.Module (e.g. new nn.Sequential(...blocks)).');
  const net = built as nn.Module;
  const plain = plainNet();

  const mine = probe(ctx, net, X, Y);
  const ref = probe(null, plain, X, Y);
  const n = mine.zNorms.length;
  ctx.record('linearLayers', n);
  const labels = (k: number) => Array.from({ length: k }, (_, l) => `layer ${l + 1}`);
  ctx.recordVector('gradByLayer', n ? mine.zNorms : [NaN], n ? labels(n) : ['no Linear found']);
  ctx.recordVector('plainGradByLayer', ref.zNorms, labels(DEPTH));

  const last = n ? mine.zNorms[n - 1] : NaN;
  const firstLast = n ? Math.log10(mine.zNorms[0] / last) : NaN;
  const inputLast = Math.log10(mine.inputNorm / last);
  const growth = Math.log10(std(mine.out) / std(X));
  ctx.record('firstLastLog10', firstLast);
  ctx.record('plainFirstLastLog10', Math.log10(ref.zNorms[0] / ref.zNorms[DEPTH - 1]));
  ctx.record('inputLastLog10', inputLast);
  ctx.record('forwardGrowthLog10', growth);
  // One skip around the whole stack: the input still gets a healthy gradient (through the skip),
  // but the first Linear layers starve exactly as in the plain net.
  ctx.record('oneSkipPattern', inputLast > -1 && firstLast < -3);

  // Train: plain SGD, full batch.
  const opt = new optim.SGD(net.parameters(), { lr: LR });
  const losses: number[] = [];
  for (let s = 0; s <= STEPS; s++) {
    opt.zeroGrad();
    const loss = mseLoss(net.call(X) as Tensor, Y);
    losses.push(loss.item());
    if (s === STEPS) break;
    loss.backward();
    opt.step();
  }
  ctx.recordVector('lossCurve', losses, losses.map((_, s) => `step ${s}`));
  ctx.record('lossRatio', losses[STEPS] / losses[0]);
}
