/**
 * runSubmission end to end on the fixture harness (test/fixtures/submissions/harness.ts): the happy
 * path, determinism, metric encoding, console capture, and the failures the runner itself owns
 * (syntax, missing export, harness bugs, crashes, cancellation).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runSubmission } from '../../../src/runner/run';
import type { RunOutcome } from '../../../src/runner/types';
import type { ScalarMetric, VectorMetric } from '../../../src/runner/harness-api';
import { fixtureRequest, fixtures, sandboxDistDir } from './sandbox-build';

let distDir: string;
const run = (submission: string, overrides = {}) => runSubmission(fixtureRequest(submission, overrides), { distDir });
const scalar = (o: RunOutcome, seedIndex: number, name: string) => (o.seeds[seedIndex].metrics[name] as ScalarMetric).value;

function withoutDurations(outcome: RunOutcome): unknown {
  return { ...outcome, durationMs: 0, seeds: outcome.seeds.map((s) => ({ ...s, durationMs: 0 })) };
}

describe('runner: runSubmission', function () {
  this.timeout(30_000);
  before(async () => {
    distDir = await sandboxDistDir();
  });

  it('runs a correct submission on every seed and records what the harness measured', async () => {
    const outcome = await run('good.ts', { seeds: [1, 2, 3] });
    assert.equal(outcome.error, undefined);
    assert.deepEqual(outcome.seeds.map((s) => s.seed), [1, 2, 3]);
    for (let i = 0; i < 3; i++) {
      assert.equal(outcome.seeds[i].error, undefined, JSON.stringify(outcome.seeds[i].error));
      const inNorm = scalar(outcome, i, 'inNorm')!;
      const outNorm = scalar(outcome, i, 'outNorm')!;
      // Independent check of the recorded vector: its L2 norm is the recorded outNorm.
      const values = (outcome.seeds[i].metrics.values as VectorMetric).values as number[];
      assert.ok(Math.abs(Math.hypot(...values) - outNorm) < 1e-12);
      assert.ok(outNorm <= Math.min(inNorm, 1) + 1e-12, `outNorm ${outNorm} inNorm ${inNorm}`);
      assert.equal(scalar(outcome, i, 'gradReachesInput'), 1);
      assert.deepEqual((outcome.seeds[i].metrics.values as VectorMetric).labels, ['a', 'b', 'c', 'd', 'e', 'f']);
    }
    // Different seeds give different inputs.
    assert.notEqual(scalar(outcome, 0, 'inNorm'), scalar(outcome, 1, 'inNorm'));
  });

  it('is deterministic: same code and seeds give the same outcome (except durations)', async () => {
    const source = [
      "import { Tensor, mul, randn } from 'gradlab';",
      'export function clipByNorm(x: Tensor, maxNorm: number): Tensor {',
      '  const noise = randn([2, 3]);',
      "  console.log('random', Math.random());",
      '  return mul(x, maxNorm * 0.01 * (1 + Math.random() + noise.data[0] * 0));',
      '}',
    ].join('\n');
    const first = await run('inline.ts', { submissionSource: source, seeds: [5, 6] });
    const second = await run('inline.ts', { submissionSource: source, seeds: [5, 6] });
    assert.equal(first.error, undefined, JSON.stringify(first.error));
    assert.deepEqual(withoutDurations(first), withoutDurations(second));
    // Math.random really is seeded per seed, not a constant.
    assert.notEqual(first.console[0].text, first.console[1].text);
  });

  it('runs each seed independently of the seeds before it (fresh modules, re-seeded engine)', async () => {
    const source = [
      "import { Tensor, mul, randn } from 'gradlab';",
      'let calls = 0; // module state must not carry over from one seed to the next',
      'export function clipByNorm(x: Tensor, maxNorm: number): Tensor {',
      '  calls++;',
      '  return mul(x, maxNorm * 0.01 * calls * (1 + Math.random() + randn([1]).data[0]));',
      '}',
    ].join('\n');
    const both = await run('inline.ts', { submissionSource: source, seeds: [5, 6] });
    const alone = await run('inline.ts', { submissionSource: source, seeds: [6] });
    assert.equal(both.seeds[1].error, undefined, JSON.stringify(both.seeds[1].error));
    assert.deepEqual(both.seeds[1].metrics, alone.seeds[0].metrics);
  });

  it('captures console output with the seed it was printed on', async () => {
    const outcome = await run('good.ts');
    const learnerLines = outcome.console.filter((l) => l.stream === 'log');
    assert.deepEqual(learnerLines.map((l) => l.seed), [1, 2]);
    assert.equal(learnerLines[0].text, 'clipping a norm of more than one');
    assert.deepEqual(outcome.console.filter((l) => l.stream === 'info').map((l) => l.text), ['measured clipByNorm on seed 1', 'measured clipByNorm on seed 2']);
    assert.equal(outcome.consoleTruncated, false);
  });

  it('bounds console output (lines, characters per line, total) and says it was truncated', async () => {
    const outcome = await run('console-flood.ts', { seeds: [1] });
    assert.equal(outcome.consoleTruncated, true);
    assert.ok(outcome.console.length > 0 && outcome.console.length <= 200);
    assert.ok(outcome.console.every((l) => l.text.length <= 500));
    assert.ok(outcome.console.reduce((n, l) => n + l.text.length, 0) <= 20_000);
  });

  it('encodes NaN results as null + nonFinite instead of failing the run', async () => {
    const outcome = await run('returns-nan.ts', { seeds: [1] });
    assert.equal(outcome.seeds[0].error, undefined);
    assert.deepEqual(outcome.seeds[0].metrics.outNorm, { kind: 'scalar', value: null, nonFinite: 'nan' });
    const values = outcome.seeds[0].metrics.values as VectorMetric;
    assert.deepEqual(values.values, [null, null, null, null, null, null]);
    assert.deepEqual(values.nonFinite, ['nan', 'nan', 'nan', 'nan', 'nan', 'nan']);
  });

  it('reports a syntax error with line, column and the offending line, without starting a sandbox', async () => {
    const outcome = await run('syntax-error.ts');
    assert.equal(outcome.error?.kind, 'syntax');
    assert.equal(outcome.error?.line, 4);
    assert.equal(outcome.error?.file, 'clip.ts');
    assert.match(outcome.error!.message, /line 4.*Unexpected token.*const scale = ;/);
    assert.ok(outcome.seeds.every((s) => s.error?.kind === 'syntax'));
  });

  it('reports a missing export by name, for the whole run', async () => {
    const outcome = await run('missing-export.ts', { seeds: [1, 2, 3] });
    assert.equal(outcome.error?.kind, 'missing-export');
    assert.match(outcome.error!.message, /does not export 'clipByNorm'/);
    assert.ok(outcome.seeds.every((s) => s.error?.kind === 'missing-export'));
  });

  it("blames the exercise, not the learner, when the harness itself fails", async () => {
    const outcome = await run('good.ts', { harnessFile: path.join(fixtures, 'broken-harness.ts'), seeds: [1] });
    const error = outcome.seeds[0].error!;
    assert.equal(error.kind, 'harness-error');
    assert.match(error.message, /^The exercise's harness failed — this is a bug in the exercise, not your code: TypeError/);
    assert.equal(error.file, 'broken-harness.ts');
    assert.equal(error.line, 7);
  });

  it('blames the exercise for a harness that does not parse (sucrase) or does not compile (V8), at its line', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gradlab-harness-'));
    try {
      const unparsable = path.join(dir, 'unparsable.ts');
      writeFileSync(unparsable, 'export default function harness(ctx) {\n  const = 1;\n}\n');
      // sucrase does not track scopes, so it passes a redeclared `let` that V8 then refuses.
      const uncompilable = path.join(dir, 'uncompilable.ts');
      writeFileSync(uncompilable, 'export default function harness(ctx) {}\nlet x = 1;\nlet x = 2;\n');
      const parse = (await run('good.ts', { harnessFile: unparsable, seeds: [1] })).error!;
      assert.equal(parse.kind, 'harness-error');
      assert.match(parse.message, /^The exercise's harness failed — this is a bug in the exercise, not your code: unparsable\.ts line 2 does not parse: /);
      assert.equal(parse.file, 'unparsable.ts');
      assert.equal(parse.line, 2);
      const compile = (await run('good.ts', { harnessFile: uncompilable, seeds: [1] })).error!;
      assert.equal(compile.kind, 'harness-error');
      assert.match(compile.message, /^The exercise's harness failed — this is a bug in the exercise, not your code: uncompilable\.ts line 3 does not compile: .*x/);
      assert.equal(compile.file, 'uncompilable.ts');
      assert.equal(compile.line, 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns a sandbox that cannot start into a crash outcome instead of throwing', async () => {
    const outcome = await runSubmission(fixtureRequest('good.ts'), { distDir: path.join(distDir, 'does-not-exist') });
    assert.equal(outcome.error?.kind, 'crash');
    assert.match(outcome.error!.message, /stopped unexpectedly/);
    assert.equal(outcome.seeds.length, 2);
  });

  it('rejects with an AbortError when cancelled, and kills the sandbox', async () => {
    const controller = new AbortController();
    const pending = runSubmission(fixtureRequest('infinite-loop.ts', { timeMsPerSeed: 60_000 }), { distDir, signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const startedAt = Date.now();
    await assert.rejects(pending, (err: Error) => err.name === 'AbortError');
    assert.ok(Date.now() - startedAt < 5000);
  });
});
