/**
 * m1-tanh-saturation: the learner's saturation meter on a 10-layer tanh network (width 64, batch 32),
 * once with weights ~ N(0, 1) (pre-activations of size ~√64 = 8: nearly every unit pinned at ±1) and
 * once with Xavier-uniform weights (pre-activations of size ~1: few saturated units).
 *
 * The expectations come from the engine (saturationFraction, and 1 − a² computed here); diagnostics
 * recognise the classic slips (one-sided threshold, a count instead of a fraction, the threshold
 * argument ignored, tanh applied a second time, 1 − |a| instead of 1 − a²).
 */
import type { HarnessContext } from 'gradlab/harness';
import { nn, init, randn, noGrad, saturationFraction, relativeError, type Tensor } from 'gradlab';

const DEPTH = 10;
const WIDTH = 64;
const BATCH = 32;

/** Post-tanh activations of every layer of a fresh tanh net initialised by `initWeight`. */
function activations(x: Tensor, initWeight: (w: Tensor) => void): Tensor[] {
  return noGrad(() => {
    const acts: Tensor[] = [];
    let h = x;
    for (let l = 0; l < DEPTH; l++) {
      const layer = new nn.Linear(WIDTH, WIDTH, { bias: false });
      initWeight(layer.weight);
      h = layer.call(h).tanh();
      acts.push(h);
    }
    return acts;
  });
}

function mean(values: ArrayLike<number>, f: (v: number) => number): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += f(values[i]);
  return s / values.length;
}

export default function harness(ctx: HarnessContext): void {
  const x = randn(BATCH, WIDTH);
  const runs = [
    { key: 'Normal', acts: activations(x, (w) => init.normal_(w, 0, 1)) },
    { key: 'Xavier', acts: activations(x, (w) => init.xavierUniform_(w)) },
  ];
  const labels = Array.from({ length: DEPTH }, (_, l) => `layer ${l + 1}`);

  let satErr = 0;
  let derivErr = 0;
  const slips = { oneSided: true, count: true, ignoresThreshold: true, tanhAgain: true, oneMinusAbs: true };
  for (const { key, acts } of runs) {
    const sat: number[] = [];
    const deriv: number[] = [];
    for (let l = 0; l < DEPTH; l++) {
      const a = acts[l];
      const data = a.data;
      for (const thr of [0.99, 0.9]) {
        const got = ctx.expectNumber(ctx.call('tanhSaturation', a, thr), `tanhSaturation(layer ${l + 1} activations, ${thr})`);
        const want = saturationFraction(a, 'tanh', thr);
        satErr = Math.max(satErr, Math.abs(got - want));
        const positive = mean(data, (v) => (v > thr ? 1 : 0));
        slips.oneSided &&= Math.abs(got - positive) < 1e-12;
        slips.count &&= Math.abs(got - want * data.length) < 1e-9;
        if (thr === 0.9) slips.ignoresThreshold &&= Math.abs(got - saturationFraction(a, 'tanh', 0.99)) < 1e-12;
        if (thr === 0.99) sat.push(got);
      }
      const got = ctx.expectNumber(ctx.call('meanTanhDerivative', a), `meanTanhDerivative(layer ${l + 1} activations)`);
      derivErr = Math.max(derivErr, relativeError(got, mean(data, (v) => 1 - v * v)));
      slips.tanhAgain &&= relativeError(got, mean(data, (v) => 1 - Math.tanh(v) ** 2)) < 1e-9;
      slips.oneMinusAbs &&= relativeError(got, mean(data, (v) => 1 - Math.abs(v))) < 1e-9;
      deriv.push(got);
    }
    ctx.recordVector(`saturation${key}`, sat, labels);
    ctx.recordVector(`derivative${key}`, deriv, labels);
  }
  ctx.record('saturationError', satErr);
  ctx.record('derivativeRelError', derivErr);
  // A slip "matches" when it reproduces every value; only reported when the answer is wrong anyway
  // (explain entries are read only for failing checks), so equal values on unsaturated layers are fine.
  ctx.record('satOneSided', slips.oneSided);
  ctx.record('satIsCount', slips.count);
  ctx.record('satIgnoresThreshold', slips.ignoresThreshold);
  ctx.record('derivTanhAgain', slips.tanhAgain);
  ctx.record('derivOneMinusAbs', slips.oneMinusAbs);
}
