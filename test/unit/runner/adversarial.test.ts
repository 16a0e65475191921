/**
 * Adversarial submissions (test/fixtures/submissions/*.ts): each must be graded as failing with the
 * right kind and a helpful message, and must never hang or crash the runner. Limits are short
 * (1.5 s, 128 MB); mocha's timeout is far above them.
 */
import { strict as assert } from 'node:assert';
import { runSubmission } from '../../../src/runner/run';
import type { ErrorInfo } from '../../../src/grading/types';
import type { RunOutcome } from '../../../src/runner/types';
import type { ScalarMetric } from '../../../src/runner/harness-api';
import { fixtureRequest, sandboxDistDir } from './sandbox-build';

let distDir: string;
const run = (submission: string, overrides = {}) => runSubmission(fixtureRequest(submission, overrides), { distDir });

/** The error every seed reports (they must all carry one). */
function seedErrors(outcome: RunOutcome): ErrorInfo[] {
  return outcome.seeds.map((s, i) => {
    assert.ok(s.error, `seed #${i} has no error: ${JSON.stringify(s.metrics)}`);
    return s.error;
  });
}

describe('runner: adversarial submissions', function () {
  this.timeout(30_000);
  before(async () => {
    distDir = await sandboxDistDir();
  });

  describe('limits', () => {
    it('an infinite loop times out on its seed and later seeds are marked with the same error', async () => {
      const outcome = await run('infinite-loop.ts', { seeds: [1, 2, 3] });
      const errors = seedErrors(outcome);
      assert.ok(errors.every((e) => e.kind === 'timeout'));
      assert.match(errors[0].message, /^Your code ran longer than 1\.5 s on seed 1 — an infinite loop\?/);
      assert.deepEqual(errors[1], errors[0]);
      assert.ok(outcome.seeds[0].durationMs >= 1400);
    });

    it('a heap bomb of ordinary arrays is stopped as out-of-memory', async () => {
      const outcome = await run('memory-bomb-array.ts', { seeds: [1] });
      const [error] = seedErrors(outcome);
      assert.equal(error.kind, 'out-of-memory');
      assert.match(error.message, /memory limit of 128 MB/);
    });

    it('one huge typed array is refused before allocating, at the learner line', async () => {
      const outcome = await run('memory-bomb-typed.ts', { seeds: [1] });
      const [error] = seedErrors(outcome);
      assert.equal(error.kind, 'out-of-memory');
      assert.match(error.message, /new Float64Array\(…\) would need about 7629 MB/);
      assert.equal(error.line, 4);
    });

    it('many medium typed arrays (outside the V8 heap) are stopped by the RSS watchdog', async () => {
      const outcome = await run('memory-bomb-typed-many.ts', { seeds: [1, 2] });
      const errors = seedErrors(outcome);
      assert.ok(errors.every((e) => e.kind === 'out-of-memory'), JSON.stringify(errors));
    });
  });

  describe('exceptions', () => {
    it('maps an error to the learner line (sucrase keeps lines) with a plain message', async () => {
      const outcome = await run('throws-on-line.ts');
      const [error] = seedErrors(outcome);
      assert.equal(error.kind, 'exception');
      assert.equal(error.line, 9);
      assert.equal(error.file, 'clip.ts');
      assert.equal(error.message, "Your code threw TypeError: Cannot read properties of undefined (reading 'apply') (clip.ts line 9)");
    });

    it('an engine error raised inside learner code is the learner\'s, at the learner line', async () => {
      const [error] = seedErrors(await run('engine-shape-error.ts', { seeds: [1] }));
      assert.equal(error.kind, 'exception');
      assert.equal(error.line, 5);
      assert.match(error.message, /^Your code threw ShapeError: matmul: .*\[2, 3\].*\[5, 5\]/);
    });

    it('throw of a non-Error (42, an object, null) is still the learner\'s exception', async () => {
      const fixtureOutcome = await run('throw-non-error.ts', { seeds: [1] });
      const [fromFixture] = seedErrors(fixtureOutcome);
      // Metrics the harness recorded before calling the learner are kept.
      assert.ok(fixtureOutcome.seeds[0].metrics.inNorm);
      assert.equal(fromFixture.kind, 'exception');
      assert.match(fromFixture.message, /^Your code threw the number 42 instead of an Error/);
      for (const thrown of ['{ a: 1 }', 'null', 'undefined', "'oops'"]) {
        const source = `export function clipByNorm(x: unknown) { throw ${thrown}; }`;
        const [error] = seedErrors(await run('inline.ts', { submissionSource: source, seeds: [1] }));
        assert.equal(error.kind, 'exception', thrown);
        assert.match(error.message, /^Your code threw /, thrown);
      }
    });

    it('a top-level throw in the learner file stops the whole run', async () => {
      const source = "export function clipByNorm(x: unknown) { return x; }\nthrow new RangeError('bad setup');\n";
      const outcome = await run('inline.ts', { submissionSource: source });
      assert.equal(outcome.error?.kind, 'exception');
      assert.equal(outcome.error?.line, 2);
      assert.match(outcome.error!.message, /RangeError: bad setup/);
    });

    it('runaway recursion is reported with a hint, not a crash', async () => {
      const source = 'function f(n: number): number { return f(n + 1) + 1; }\nexport function clipByNorm(x: unknown) { f(0); return x; }\n';
      const [error] = seedErrors(await run('inline.ts', { submissionSource: source, seeds: [1] }));
      assert.equal(error.kind, 'exception');
      assert.match(error.message, /Maximum call stack size exceeded.*calling itself/);
    });
  });

  describe('results the harness must not accept', () => {
    it('a hard-coded number instead of a tensor is wrong-type', async () => {
      const [error] = seedErrors(await run('hard-coded.ts', { seeds: [1] }));
      assert.equal(error.kind, 'wrong-type');
      assert.match(error.message, /Expected clipByNorm\(x, 1\.0\) to be a Tensor .* got the number 1/);
    });

    it('a look-alike object with Tensor.prototype in its chain is wrong-type', async () => {
      const [error] = seedErrors(await run('fake-tensor.ts', { seeds: [1] }));
      assert.equal(error.kind, 'wrong-type');
      assert.match(error.message, /only looks like a Tensor/);
    });

    it('a real tensor with a method shadowed by an own property is wrong-type', async () => {
      const [error] = seedErrors(await run('shadowed-method.ts', { seeds: [1] }));
      assert.equal(error.kind, 'wrong-type');
      assert.match(error.message, /method 'item' was replaced/);
    });

    it('a tensor of the wrong shape is wrong-shape, naming both shapes', async () => {
      const [error] = seedErrors(await run('wrong-shape.ts', { seeds: [1] }));
      assert.equal(error.kind, 'wrong-shape');
      assert.match(error.message, /shape \[2, 3\], but it has shape \[3, 2\]/);
    });

    it('patching Tensor.prototype, Math.sqrt, Float64Array.prototype or the Math global changes nothing the harness measures', async () => {
      const outcome = await run('patch-engine.ts', { seeds: [1] });
      assert.equal(outcome.seeds[0].error, undefined);
      const m = outcome.seeds[0].metrics;
      const inNorm = (m.inNorm as ScalarMetric).value!;
      // The submission returned x unchanged: the harness must measure its true norm (> 1), not 0.5.
      assert.ok(inNorm > 1);
      assert.equal((m.outNorm as ScalarMetric).value, inNorm);
    });

    it('an unguarded patch of a frozen intrinsic fails loudly at the learner line', async () => {
      for (const patch of ['(gl.defaultGenerator as any).normal = () => 0;', 'gl.Generator.prototype.normal = () => 0;', 'Math.sqrt = () => 0.5;', "(Tensor.prototype as any).norm = () => 0.5;", 'Object.prototype.toString = () => "x";', "(Float64Array.prototype as any).fill = () => 0;"]) {
        const source = `import * as gl from 'gradlab'; import { Tensor } from 'gradlab';\n${patch}\nexport function clipByNorm(x: Tensor) { return x; }\n`;
        const outcome = await run('inline.ts', { submissionSource: source, seeds: [1] });
        assert.equal(outcome.error?.kind, 'exception', patch);
        assert.equal(outcome.error?.line, 2, patch);
        assert.match(outcome.error!.message, /read.only|not extensible|Cannot assign/, patch);
      }
    });
  });

  describe('banned helpers', () => {
    it('a banned helper in the source is reported before running, at the call line', async () => {
      const outcome = await run('banned-helper.ts');
      assert.equal(outcome.error?.kind, 'banned-helper');
      assert.equal(outcome.error?.line, 5);
      assert.match(outcome.error!.message, /uses clipGradNorm_, the engine helper this exercise asks you to write yourself/);
    });

    it('a banned helper reached by a computed name is refused at run time', async () => {
      const outcome = await run('banned-helper-computed.ts');
      assert.equal(outcome.error?.kind, 'banned-helper');
      assert.equal(outcome.error?.line, 5);
      assert.match(outcome.error!.message, /write clipGradNorm_ yourself/);
    });
  });
});
