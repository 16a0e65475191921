/**
 * Finite-difference check of a Module: perturbs every parameter (and every input tensor) in place,
 * re-runs the forward pass, and compares (f(θ+h) − f(θ−h))/2h with what backward() put in .grad.
 * The loss is Σ w⊙output with fixed random weights w so a backward that mixes up output positions
 * cannot cancel out. Uses the engine's own gradcheck rule for elements: |a − n| ≤ atol + rtol·|n|.
 */
import { Generator, Tensor, noGrad, nn } from 'gradlab';

export interface ModuleCheckResult {
  ok: boolean;
  checked: number;
  worst: { name: string; index: number; analytic: number; numeric: number } | null;
  maxAbsError: number;
}

export function checkModuleGradients(
  module: nn.Module<any[], any>,
  inputs: Tensor[],
  run: () => Tensor,
  opts: { eps?: number; atol?: number; rtol?: number } = {},
): ModuleCheckResult {
  const eps = opts.eps ?? 1e-6;
  const atol = opts.atol ?? 1e-7;
  const rtol = opts.rtol ?? 1e-5;
  const probe = noGrad(run);
  const gen = new Generator(1234);
  const w = new Tensor(Float64Array.from({ length: probe.numel() }, () => 0.5 + gen.random()), probe.shape);
  const objective = (): number => {
    const out = noGrad(run);
    let s = 0;
    for (let i = 0; i < out.data.length; i++) s += out.data[i] * w.data[i];
    return s;
  };
  const targets: Array<[string, Tensor]> = [...module.namedParameters(), ...inputs.map((t, i): [string, Tensor] => [`input ${i}`, t])];
  for (const [, t] of targets) t.grad = null;
  run().mul(w).sum().backward();
  let ok = true;
  let checked = 0;
  let maxAbsError = 0;
  let worst: ModuleCheckResult['worst'] = null;
  for (const [name, t] of targets) {
    const analytic = t.grad === null ? new Float64Array(t.numel()) : t.grad.data;
    for (let i = 0; i < t.data.length; i++) {
      const orig = t.data[i];
      t.data[i] = orig + eps;
      const plus = objective();
      t.data[i] = orig - eps;
      const minus = objective();
      t.data[i] = orig;
      const numeric = (plus - minus) / (2 * eps);
      const err = Math.abs(analytic[i] - numeric);
      checked++;
      if (!(err <= atol + rtol * Math.abs(numeric))) ok = false;
      if (!(err <= maxAbsError)) {
        maxAbsError = err;
        worst = { name, index: i, analytic: analytic[i], numeric };
      }
    }
  }
  return { ok, checked, worst, maxAbsError };
}
