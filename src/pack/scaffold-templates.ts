/**
 * The text of scaffolded files, as code (this module is bundled into the CLI and the extension, so
 * nothing may be read from a templates folder at run time).
 *
 * The template exercise is small but real: the learner writes σ′(x) = σ(x)(1 − σ(x)), the harness
 * compares it with the engine's autograd on the grid and on seeded random points, and the reference
 * passes while the starter fails — so `gradlab validate` is green on a fresh pack.
 */
import { PACK_FORMAT_VERSION } from './types';

export const TEMPLATE_EXERCISE_ID = 'sigmoid-grad';

export function packJson(o: { id: string; title: string; exercises: string[] }): string {
  return json({
    id: o.id,
    title: o.title,
    version: '0.1.0',
    formatVersion: PACK_FORMAT_VERSION,
    description: `Exercises of the ${o.title} pack. Describe what it teaches here.`,
    exercises: o.exercises,
    locale: 'en',
  });
}

export function packReadme(o: { id: string; title: string }): string {
  return `# ${o.title}

A GradLab exercise pack. Each folder listed in \`pack.json\` ("exercises") is one exercise.

- \`gradlab validate .\` checks the pack: manifests, and that every reference solution passes and
  every starter fails on every seed.
- \`gradlab new exercise . <id>\` adds an exercise (then list it where it belongs in \`pack.json\`).
- \`gradlab check <exercise-folder> --file <solution.ts>\` grades one file.

See GradLab's docs/authoring.md for the format.
`;
}

export function exerciseJson(o: { id: string; title: string }): string {
  return json({
    id: o.id,
    title: o.title,
    topics: ['M1', 'sigmoid'],
    learnerFile: `${o.id}.ts`,
    exports: [{ name: 'sigmoidGrad', kind: 'function', signature: '(x: number) => number' }],
    seeds: [1, 2, 3],
    hints: [
      'σ′ can be written using σ itself: no new exponentials needed once you have s = σ(x).',
      'Compute s = 1 / (1 + Math.exp(-x)) first.',
      'The derivative is s * (1 - s).',
    ],
    bannedHelpers: [],
    metrics: {
      maxRelError: { description: 'Largest relative error of sigmoidGrad(x) against autograd\'s dσ/dx over all sample points', kind: 'scalar' },
      curve: { description: 'sigmoidGrad(x) on the grid x = -6, -5.5, …, 6', kind: 'vector' },
    },
    checks: [
      {
        id: 'matches-autograd',
        title: 'sigmoidGrad agrees with autograd',
        metric: 'maxRelError',
        op: '<=',
        threshold: 1e-9,
        points: 2,
        messages: {
          pass: 'sigmoidGrad matches autograd (largest relative error {measured}).',
          fail: 'sigmoidGrad differs from autograd by up to {measured} (relative) on seed {seed}; allowed: {threshold}.',
        },
        explain: [
          {
            when: { metric: 'curve', reduce: 'max', op: '>', threshold: 0.2500001 },
            message: 'Some of your values exceed 1/4, the largest σ′ can be: are you returning σ(x) instead of σ(x)(1 − σ(x))?',
          },
        ],
      },
      {
        id: 'peak-is-quarter',
        title: 'The peak of σ′ is 1/4',
        metric: 'curve',
        reduce: 'max',
        op: 'between',
        threshold: [0.2499999999, 0.2500000001],
        messages: {
          pass: 'The peak is σ′(0) = {measured}: every sigmoid layer scales a gradient by at most 1/4.',
          fail: 'The largest value on the grid is {measured}; σ′ peaks at exactly 1/4 at x = 0.',
        },
      },
    ],
    charts: [
      { id: 'curve', title: 'σ′(x): yours and the reference', kind: 'series', metrics: ['curve'], compareReference: true, logScale: false, xLabel: 'x', yLabel: 'σ′(x)' },
    ],
  });
}

export function exerciseReadme(o: { title: string; learnerFile: string }): string {
  return `# ${o.title}

The logistic sigmoid σ(x) = 1 / (1 + e^(−x)) squashes any number into (0, 1). Its derivative is

    σ′(x) = σ(x) · (1 − σ(x))

which is never larger than **1/4** (at x = 0) and is tiny once |x| is more than a few units.
Backpropagation multiplies one such factor per sigmoid layer, which is why gradients in deep
sigmoid networks vanish.

## Your task

In \`${o.learnerFile}\`, implement \`sigmoidGrad(x: number): number\` returning σ′(x).

GradLab compares your function with the engine's automatic differentiation at many points and
checks that its peak is exactly 1/4.
`;
}

export const STARTER_TS = `/**
 * Return the derivative of the logistic sigmoid at x: σ'(x) = σ(x) · (1 − σ(x)),
 * where σ(x) = 1 / (1 + e^(−x)).
 */
export function sigmoidGrad(x: number): number {
  // TODO: replace this with σ(x) · (1 − σ(x)).
  return 0 * x;
}
`;

export const SOLUTION_TS = `/** The derivative of the logistic sigmoid: σ'(x) = σ(x) · (1 − σ(x)). */
export function sigmoidGrad(x: number): number {
  const s = 1 / (1 + Math.exp(-x));
  return s * (1 - s);
}
`;

export const HARNESS_TS = `import type { HarnessContext } from 'gradlab/harness';
import { rand, tensor } from 'gradlab';

/** x = -6, -5.5, …, 6: the points drawn in the chart (includes x = 0, where σ' peaks). */
const GRID = Array.from({ length: 25 }, (_, i) => -6 + i * 0.5);

/** Runs once per seed; the engine's random generator is already seeded with ctx.seed. */
export default function harness(ctx: HarnessContext): void {
  // The grid plus 20 seed-dependent points in [-8, 8), so each seed tests different inputs.
  const randomPoints = Array.from(rand([20]).data, (u) => -8 + 16 * u);
  const xs = [...GRID, ...randomPoints];

  // Expected values from autograd: the gradient of sum(sigmoid(x)) is sigmoid'(x) element-wise.
  const x = tensor(xs, { requiresGrad: true });
  x.sigmoid().sum().backward();
  const expected = x.grad!.data;

  let maxRelError = 0;
  const values = xs.map((xi, i) => {
    const value = ctx.expectNumber(ctx.call('sigmoidGrad', xi), \`sigmoidGrad(\${xi})\`);
    maxRelError = Math.max(maxRelError, Math.abs(value - expected[i]) / Math.abs(expected[i]));
    return value;
  });

  ctx.record('maxRelError', maxRelError);
  ctx.recordVector('curve', values.slice(0, GRID.length), GRID.map((g) => \`x=\${g}\`));
}
`;

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
