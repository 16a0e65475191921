import type { HarnessContext } from 'gradlab/harness';
import { randn, type Tensor } from 'gradlab';

const DEPTH = 10;
const WIDTH = 32;
const BATCH = 16;

/** Runs once per seed; the engine's random generator is already seeded with ctx.seed. */
export default function harness(ctx: HarnessContext): void {
  const std = ctx.expectNumber(ctx.call('tanhInitStd', WIDTH, WIDTH), `tanhInitStd(${WIDTH}, ${WIDTH})`);

  // A 10-layer tanh net drawn at the learner's scale; one forward and one backward pass.
  let h: Tensor = randn([BATCH, WIDTH]);
  const weights: Tensor[] = [];
  for (let layer = 0; layer < DEPTH; layer++) {
    const w = randn([WIDTH, WIDTH]).mul(std).requiresGrad_();
    weights.push(w);
    h = h.matmul(w).tanh();
  }
  h.square().mean().backward();

  const gradNorms = weights.map((w) => Math.sqrt(w.grad!.square().sum().item()));
  const outputs = Array.from(h.data);
  const mean = outputs.reduce((s, v) => s + v, 0) / outputs.length;
  const spread = Math.sqrt(outputs.reduce((s, v) => s + (v - mean) ** 2, 0) / outputs.length);

  ctx.recordVector('layerGradNorms', gradNorms, gradNorms.map((_, i) => `layer ${i + 1}`));
  ctx.record('lastActivationStd', spread);
  ctx.record('rectangularStd', ctx.expectNumber(ctx.call('tanhInitStd', 64, 16), 'tanhInitStd(64, 16)'));
}
