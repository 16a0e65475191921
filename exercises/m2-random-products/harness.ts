/**
 * m2-random-products: multiply a signal through 50 random layers with the learner's weight scale and
 * measure how many decades the forward signal and the backpropagated gradient gain or lose.
 *
 * Only the learner's std comes from their code; the harness draws the weights (engine RNG, seeded),
 * so every submission sees statistically identical networks. Metrics are log10 ratios (decades),
 * never absolute norms.
 */
import type { HarnessContext } from 'gradlab/harness';
import { noGrad, randn, type Tensor } from 'gradlab';

type Activation = 'linear' | 'relu' | 'tanh';
const ACTIVATIONS: readonly Activation[] = ['linear', 'relu', 'tanh'];
const WIDTH = 64;
const DEPTH = 50;
const BATCH = 8;
const LABELS = Array.from({ length: DEPTH }, (_, i) => `layer ${i + 1}`);
const NAME: Record<Activation, string> = { linear: 'Linear', relu: 'Relu', tanh: 'Tanh' };

function apply(z: Tensor, act: Activation): Tensor {
  return act === 'relu' ? z.relu() : act === 'tanh' ? z.tanh() : z;
}

/**
 * Forward + backward through DEPTH layers with W_l = std · G_l (G_l standard normal, so W_l ~ N(0, std²)):
 * per-layer ‖h_l‖/‖h_0‖ and ‖∂L/∂h_{l-1}‖/‖∂L/∂h_L‖.
 */
function deepRun(act: Activation, std: number, gaussians: readonly Tensor[]): { forward: number[]; backward: number[] } {
  const x = randn([BATCH, WIDTH], { requiresGrad: true });
  const inputs: Tensor[] = [x]; // h_0 … h_{L-1}: the input of each layer
  let h: Tensor = x;
  for (let l = 0; l < DEPTH; l++) {
    h = apply(h.matmul(gaussians[l]).mul(std), act);
    if (l < DEPTH - 1) inputs.push(h.retainGrad());
  }
  const outputs = [...inputs.slice(1), h];
  // A fixed random projection of the output as the loss: ∂L/∂h_L is a Gaussian vector, unrelated to W.
  const probe = randn([BATCH, WIDTH]);
  h.mul(probe).sum().backward();
  const h0 = x.norm().item();
  const gL = probe.norm().item();
  return {
    forward: outputs.map((t) => t.norm().item() / h0),
    // entry l = gradient arriving at the input of layer l+1, relative to the gradient at the output
    backward: inputs.map((t) => t.grad!.norm().item() / gL),
  };
}

/** Forward only, for the ×½ and ×2 comparison lines. */
function forwardOnly(act: Activation, std: number, gaussians: readonly Tensor[]): number[] {
  return noGrad(() => {
    const x = randn([BATCH, WIDTH]);
    const h0 = x.norm().item();
    let h = x;
    const out: number[] = [];
    for (let l = 0; l < DEPTH; l++) {
      h = apply(h.matmul(gaussians[l]).mul(std), act);
      out.push(h.norm().item() / h0);
    }
    return out;
  });
}

function learnerStd(ctx: HarnessContext, fanIn: number, act: Activation): number {
  const std = ctx.expectNumber(ctx.call('weightStd', fanIn, act), `weightStd(${fanIn}, '${act}')`);
  if (!(std > 0)) ctx.fail('wrong-type', `weightStd(${fanIn}, '${act}') returned ${std}; a standard deviation must be a positive number.`);
  return std;
}

export default function harness(ctx: HarnessContext): void {
  // One set of standard normal matrices, scaled by each std: every activation and every scale sees the
  // same random directions, so the lines in a chart differ only by what is being taught (and the run
  // stays fast: drawing random numbers is the expensive part).
  const gaussians = Array.from({ length: DEPTH }, () => randn([WIDTH, WIDTH]));
  const fanExponents: number[] = [];
  for (const act of ACTIVATIONS) {
    const std = learnerStd(ctx, WIDTH, act);
    // How the std scales with the fan-in: std ∝ fanIn^(−e). 1/√n gives e = ½, 1/n gives e = 1.
    const wide = learnerStd(ctx, 4 * WIDTH, act);
    fanExponents.push(Math.log(std / wide) / Math.log(4));

    const { forward, backward } = deepRun(act, std, gaussians);
    ctx.record(`fwdDecades${NAME[act]}`, Math.log10(forward[DEPTH - 1]));
    ctx.record(`bwdDecades${NAME[act]}`, Math.log10(backward[0]));
    // The check grades whichever direction moved more (a net can keep its signal yet blow up its gradient).
    const fwd = Math.log10(forward[DEPTH - 1]);
    const bwd = Math.log10(backward[0]);
    ctx.record(`decades${NAME[act]}`, Math.abs(fwd) >= Math.abs(bwd) ? fwd : bwd);
    ctx.recordVector(`fwd${NAME[act]}`, forward, LABELS);
    ctx.recordVector(`bwd${NAME[act]}`, backward, LABELS);
    ctx.record(`gain${NAME[act]}`, std * Math.sqrt(WIDTH));
    if (act !== 'tanh') {
      ctx.recordVector(`fwd${NAME[act]}Half`, forwardOnly(act, std / 2, gaussians), LABELS);
      ctx.recordVector(`fwd${NAME[act]}Double`, forwardOnly(act, std * 2, gaussians), LABELS);
    }
  }
  ctx.recordVector('fanExponent', fanExponents, ACTIVATIONS.map((a) => a));
  ctx.record('fanExponentError', Math.max(...fanExponents.map((e) => Math.abs(e - 0.5))));
}
