/**
 * m3-pick-initializer: build a 20-layer, 64-wide, bias-free MLP for each activation, initialise every
 * weight with the learner's pickInit(activation), and measure what each recipe is meant to preserve
 * (numerics.md):
 *   - ReLU / LeakyReLU: the forward activation std ratio std(h_20)/std(h_1) (NOT the weight-gradient
 *     ratio: in ReLU nets forward and backward shrinkage cancel there);
 *   - tanh: the same forward ratio (what the 5/3 gain is for) and how many decades the
 *     backpropagated ∂L/∂z changes from the last layer to the first;
 *   - sigmoid: no scale keeps a sigmoid net's gradient alive (σ′ ≤ ¼, outputs not centred), so the
 *     check grades the conventional choice — Xavier with gain 1 — on the weights' own statistics,
 *     and the charts show how every choice vanishes.
 */
import type { HarnessContext } from 'gradlab/harness';
import { init, mseLoss, rand, randn, zeros, type Tensor } from 'gradlab';

type Activation = 'tanh' | 'relu' | 'leaky_relu' | 'sigmoid';
const ACTIVATIONS: readonly Activation[] = ['tanh', 'relu', 'leaky_relu', 'sigmoid'];
const NAME: Record<Activation, string> = { tanh: 'Tanh', relu: 'Relu', leaky_relu: 'Leaky', sigmoid: 'Sigmoid' };
const WIDTH = 64;
const DEPTH = 20;
const BATCH = 16;
const LABELS = Array.from({ length: DEPTH }, (_, i) => `layer ${i + 1}`);

function activate(z: Tensor, act: Activation): Tensor {
  if (act === 'relu') return z.relu();
  if (act === 'leaky_relu') return z.leakyRelu(0.01); // PyTorch's default negative slope
  if (act === 'tanh') return z.tanh();
  return z.sigmoid();
}

interface NetStats {
  /** std(h_l) per layer. */
  actStd: number[];
  /** ‖∂L/∂z_l‖ per layer (pre-activation gradients). */
  gradZ: number[];
  /** std of each weight matrix × √fan_in, averaged over layers: 1 = Xavier/LeCun, √2 = He. */
  gain: number;
}

/** Setup A of numerics.md: X ~ N(0,1), Y ~ U[0,1), loss mean((h_L − Y)²), weights [out, in], no biases. */
function deepNet(act: Activation, initialise: (w: Tensor) => void): NetStats {
  const x = randn([BATCH, WIDTH]);
  const y = rand([BATCH, WIDTH]);
  let h = x;
  const zs: Tensor[] = [];
  const actStd: number[] = [];
  let gainSum = 0;
  for (let l = 0; l < DEPTH; l++) {
    const w = zeros([WIDTH, WIDTH]);
    initialise(w);
    gainSum += w.std().item() * Math.sqrt(WIDTH);
    const z = h.matmul(w.requiresGrad_().T).retainGrad();
    zs.push(z);
    h = activate(z, act);
    actStd.push(h.std().item());
  }
  mseLoss(h, y).backward();
  return { actStd, gradZ: zs.map((z) => z.grad!.norm().item()), gain: gainSum / DEPTH };
}

/** The learner's initialiser for `act`, wrapped so that what it does wrong is reported clearly. */
function learnerInit(ctx: HarnessContext, act: Activation): (w: Tensor) => void {
  const fn = ctx.call<unknown>('pickInit', act);
  if (typeof fn !== 'function') {
    ctx.fail('wrong-type', `pickInit('${act}') returned ${fn === null ? 'null' : typeof fn}; return a function (w: Tensor) => void that fills w in place.`);
  }
  return (w: Tensor) => {
    (fn as (w: Tensor) => unknown)(w);
    let nonZero = 0;
    for (const v of w.data) {
      if (!Number.isFinite(v)) ctx.fail('non-finite', `The initializer for '${act}' wrote NaN/infinite values into w.`);
      if (v !== 0) nonZero++;
    }
    if (nonZero === 0) {
      ctx.fail('wrong-type', `The initializer for '${act}' left w all zeros: fill w.data in place (for example with init.xavierUniform_(w, gain)). All-zero weights are the next exercise's topic.`);
    }
  };
}

export default function harness(ctx: HarnessContext): void {
  const initializers = ACTIVATIONS.map((act) => learnerInit(ctx, act));
  ACTIVATIONS.forEach((act, i) => {
    const net = deepNet(act, initializers[i]);
    const n = NAME[act];
    ctx.recordVector(`actStd${n}`, net.actStd, LABELS);
    ctx.recordVector(`gradZ${n}`, net.gradZ, LABELS);
    ctx.record(`gain${n}`, net.gain);
    ctx.record(`fwdRatio${n}`, net.actStd[DEPTH - 1] / net.actStd[0]);
    // Decades the backpropagated gradient gains from the last layer to the first (+ = grows toward the input).
    ctx.record(`gradGrowth${n}`, Math.log10(net.gradZ[0] / net.gradZ[DEPTH - 1]));
  });

  // Sigmoid alternatives for the chart: every scale vanishes; the large N(0, 1) scale vanishes least.
  // Both share one set of standard normal matrices (drawing random numbers is the slow part).
  const gaussians = Array.from({ length: DEPTH }, () => randn([WIDTH, WIDTH]));
  const scaled = (scale: number) => {
    let layer = 0;
    return (w: Tensor) => w.data.set(gaussians[layer++].data.map((g) => g * scale));
  };
  const he = deepNet('sigmoid', scaled(init.calculateGain('relu') / Math.sqrt(WIDTH)));
  const unit = deepNet('sigmoid', scaled(1));
  ctx.recordVector('gradZSigmoidHe', he.gradZ, LABELS);
  ctx.recordVector('gradZSigmoidUnit', unit.gradZ, LABELS);
}
