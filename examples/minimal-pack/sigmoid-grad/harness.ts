/**
 * The harness measures a submission; it never decides pass/fail (exercise.json's checks do).
 *
 * GradLab calls the default export once per seed in exercise.json, inside the sandbox, with the
 * engine's random generator already seeded with ctx.seed. The same harness runs the learner's file
 * and the reference solution, so "reference" values in checks and charts come from the same code.
 */
import type { HarnessContext } from 'gradlab/harness';
import { rand, tensor } from 'gradlab';

/** x = -6, -5.5, …, 6: the points drawn in the chart. Includes x = 0, where σ' peaks at 1/4. */
const GRID = Array.from({ length: 25 }, (_, i) => -6 + i * 0.5);

export default function harness(ctx: HarnessContext): void {
  // The grid plus 20 seed-dependent points in [-8, 8): a different sample per seed, so a function
  // that only happens to be right at a few points cannot pass on all seeds.
  const randomPoints = Array.from(rand([20]).data, (u) => -8 + 16 * u);
  const xs = [...GRID, ...randomPoints];

  // The expected values come from the engine's autograd, an independent route to the same number:
  // the gradient of sum(sigmoid(x)) with respect to x is sigmoid'(x), element by element.
  const x = tensor(xs, { requiresGrad: true });
  x.sigmoid().sum().backward();
  const expected = x.grad!.data;

  let maxRelError = 0;
  const values = xs.map((xi, i) => {
    // ctx.call reports anything the learner's function throws as THEIR error, at THEIR line;
    // ctx.expectNumber turns "returned undefined/NaN" into a clear message instead of a NaN metric.
    const value = ctx.expectNumber(ctx.call('sigmoidGrad', xi), `sigmoidGrad(${xi})`);
    // Relative, not absolute, error: σ'(8) ≈ 3e-4, so an absolute tolerance would be meaningless there.
    maxRelError = Math.max(maxRelError, Math.abs(value - expected[i]) / Math.abs(expected[i]));
    return value;
  });

  ctx.record('maxRelError', maxRelError);
  // Only the grid goes into the chart metric, so every seed draws the same x axis.
  ctx.recordVector('curve', values.slice(0, GRID.length), GRID.map((g) => `x=${g}`));
}
