/**
 * Both banned-helper layers end to end, through runSubmission and the real sandbox: the source scan
 * (before running) and the learner's 'gradlab' module (at run time). The fixture harness calls the
 * learner's clipByNorm(x, maxNorm) on a [2, 3] tensor.
 */
import { strict as assert } from 'node:assert';
import type { ScalarMetric } from '../../../src/runner/harness-api';
import { runSubmission } from '../../../src/runner/run';
import { fixtureRequest, sandboxDistDir } from './sandbox-build';

const lines = (...l: string[]) => l.join('\n') + '\n';

async function run(source: string, bannedHelpers: string[]) {
  return runSubmission(fixtureRequest('good.ts', { submissionSource: source, bannedHelpers, seeds: [1] }), { distDir: await sandboxDistDir() });
}

describe('runner: banned helpers end to end', function () {
  this.timeout(30_000);

  it("the learner's own clipGradNorm_ runs although the engine's clipGradNorm_ is banned", async () => {
    const outcome = await run(
      lines(
        "import * as gl from 'gradlab';",
        '// The helper this exercise asks for, under the engine\'s own name.',
        'function clipGradNorm_(x: gl.Tensor, maxNorm: number): gl.Tensor {',
        '  let sq = 0;',
        '  for (const v of x.data) sq += v * v;',
        '  const norm = Math.sqrt(sq);',
        '  return norm > maxNorm ? gl.mul(x, maxNorm / norm) : x;',
        '}',
        'export function clipByNorm(x: gl.Tensor, maxNorm: number): gl.Tensor {',
        '  return clipGradNorm_(x, maxNorm);',
        '}',
      ),
      ['clipGradNorm_'],
    );
    assert.equal(outcome.error, undefined, JSON.stringify(outcome.error));
    const m = outcome.seeds[0].metrics;
    const [inNorm, outNorm] = [(m.inNorm as ScalarMetric).value!, (m.outNorm as ScalarMetric).value!];
    // Independent of the engine's clipping: min(‖x‖, 1), from the harness's own loop over the data.
    assert.ok(Math.abs(outNorm - Math.min(inNorm, 1)) < 1e-12, `in ${inNorm}, out ${outNorm}`);
  });

  it('a dotted ban is refused before running, at the line of the use', async () => {
    const outcome = await run(
      lines(
        "import { nn, Tensor } from 'gradlab';",
        'export function clipByNorm(x: Tensor, maxNorm: number): Tensor {',
        '  const id = new nn.Identity();',
        '  const lin = new nn.Linear(3, 3);',
        '  return id.call(lin.call(x)).mul(maxNorm * 0);',
        '}',
      ),
      ['nn.Linear'],
    );
    assert.equal(outcome.error?.kind, 'banned-helper');
    assert.equal(outcome.error?.line, 4);
    assert.match(outcome.error!.message, /line 4 uses nn\.Linear/);
  });

  it('a computed read of a banned namespace member is refused at run time; the rest of nn works', async () => {
    const outcome = await run(
      lines(
        "import * as gl from 'gradlab';",
        'export function clipByNorm(x: gl.Tensor, maxNorm: number): gl.Tensor {',
        '  const y = new gl.nn.Identity().call(x);',
        "  const layers = gl.nn as unknown as Record<string, new (a: number, b: number) => { call(t: gl.Tensor): gl.Tensor }>;",
        "  return new layers['Lin' + 'ear'](3, 3).call(y).mul(maxNorm * 0);",
        '}',
      ),
      ['nn.Linear'],
    );
    assert.equal(outcome.error?.kind, 'banned-helper');
    assert.equal(outcome.error?.line, 5);
    assert.match(outcome.error!.message, /write nn\.Linear yourself/);
  });
});
