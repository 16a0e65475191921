import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { chooseScale, computeMargins, formatMargin, isThin, marginOf } from '../../../src/grading/validate/margins';
import { judgeExercise, validateLoadedPack, type ValidateDeps, type ValidateGradeOptions } from '../../../src/grading/validate/validate-pack';
// Plain GradeResult / manifest builders; they happen to live with the CLI tests, which use them most.
import { check, checkSpec, gradeResult, loadedExercise, makePackDir, manifest } from '../cli/helpers';

const close = (actual: number | null, expected: number) => {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-12, `${actual} ≉ ${expected}`);
};

describe('grading validate margins', () => {
  it('measures decades for log-scale quantities: log10(t/m) under a ≤, log10(m/t) over a ≥', () => {
    close(marginOf('<=', 1e-3, 1e-5, 'decades'), 2);
    close(marginOf('>=', 10, 1, 'decades'), -1);
    close(marginOf('between', [1e-2, 1e2], 1, 'decades'), 2);
    close(marginOf('between', [1e-2, 1e2], 50, 'decades'), Math.log10(2));
  });

  it('measures a fraction of the threshold otherwise, and of the width for between', () => {
    close(marginOf('<=', 2, 1.5, 'relative'), 0.25);
    close(marginOf('<', 2, 2.5, 'relative'), -0.25);
    close(marginOf('>=', -4, -3, 'relative'), 0.25);
    close(marginOf('between', [0, 10], 9, 'relative'), 0.1);
    close(marginOf('<=', 0, -0.5, 'absolute'), 0.5);
    assert.equal(marginOf('<=', 1, NaN, 'relative'), null);
    assert.equal(marginOf('finite', 1, 1, 'none'), null);
  });

  it('chooses decades for ratios, log-scale chart metrics and far-from-1 thresholds, only when everything is positive', () => {
    const none = new Set<string>();
    assert.equal(chooseScale(checkSpec({ reduce: 'ratioFirstLast', threshold: 10 }), [3], none), 'decades');
    assert.equal(chooseScale(checkSpec({ metric: 'norms', threshold: 2 }), [1], new Set(['norms'])), 'decades');
    assert.equal(chooseScale(checkSpec({ threshold: 1e-6 }), [1e-8], none), 'decades');
    assert.equal(chooseScale(checkSpec({ threshold: 1e-6 }), [0], none), 'relative');
    assert.equal(chooseScale(checkSpec({ threshold: 1.0001 }), [1], none), 'relative');
    assert.equal(chooseScale(checkSpec({ threshold: 0 }), [1], none), 'absolute');
    assert.equal(chooseScale(checkSpec({ op: 'finite', threshold: undefined }), [1], none), 'none');
    assert.equal(chooseScale(checkSpec({ op: 'closeToReference', threshold: undefined }), [1], none), 'none');
  });

  it('a between band spanning a decade or more is measured in decades', () => {
    const none = new Set<string>();
    assert.equal(chooseScale(checkSpec({ op: 'between', threshold: [0.1, 10] }), [0.43], none), 'decades');
    assert.equal(chooseScale(checkSpec({ op: 'between', threshold: [0.5, 2] }), [0.9], none), 'relative');
    close(marginOf('between', [0.1, 10], 0.43, 'decades'), Math.log10(4.3));
  });

  it('flags a reference margin under 0.1 decade or 10 %, and never a failing or unmeasured one', () => {
    assert.equal(isThin('decades', 0.05), true);
    assert.equal(isThin('decades', 0.2), false);
    assert.equal(isThin('relative', 0.099), true);
    assert.equal(isThin('relative', 0.1), false);
    assert.equal(isThin('relative', -0.5), false);
    assert.equal(isThin('absolute', 1e-9), false);
    assert.equal(isThin('relative', null), false);
  });

  it('takes the reference\'s worst seed and the starter\'s best seed', () => {
    const spec = checkSpec({ threshold: 1 });
    const reference = [check({ threshold: 1, perSeed: [{ seed: 1, measured: 0.5, passed: true }, { seed: 2, measured: 0.95, passed: true }] })];
    const starter = [check({ threshold: 1, passed: false, perSeed: [{ seed: 1, measured: 3, passed: false }, { seed: 2, measured: 1.5, passed: false }] })];
    const [margin] = computeMargins([spec], [], reference, starter);
    assert.equal(margin.scale, 'relative');
    close(margin.reference, 0.05);
    close(margin.starter, -0.5);
    assert.equal(margin.thin, true);
  });

  it('a reference that measures the same value on every seed is exact by design, not thin (one seed proves nothing)', () => {
    const spec = checkSpec({ op: '>=', threshold: 20 });
    const seeds = (values: number[]) => values.map((measured, i) => ({ seed: i + 1, measured, passed: true }));
    const starter = [check({ threshold: 20, passed: false, perSeed: seeds([3, 3]) })];
    const steady = computeMargins([spec], [], [check({ threshold: 20, perSeed: seeds([20, 20, 20]) })], starter)[0];
    assert.equal(steady.seedIndependent, true);
    assert.equal(steady.reference, 0);
    assert.equal(steady.thin, false);
    const varying = computeMargins([spec], [], [check({ threshold: 20, perSeed: seeds([20, 20.5, 20]) })], starter)[0];
    assert.equal(varying.seedIndependent, false);
    assert.equal(varying.thin, true);
    const single = computeMargins([spec], [], [check({ threshold: 20, perSeed: seeds([20]) })], starter)[0];
    assert.equal(single.seedIndependent, false);
    assert.equal(single.thin, true);
  });

  it('formats margins with their unit and sign', () => {
    assert.equal(formatMargin(0.4213, 'decades'), '+0.42 dec');
    assert.equal(formatMargin(-0.25, 'relative'), '-25 %');
    assert.equal(formatMargin(0.05, 'relative'), '+5.0 %');
    assert.equal(formatMargin(null, 'relative'), '-');
    assert.equal(formatMargin(-1.25e9, 'relative'), '-1.25e11 %');
  });
});

describe('grading validate judgement', () => {
  const dir = path.join('/packs', 'p', 'clip-global-norm');
  const exercise = loadedExercise(dir, manifest({ checks: [checkSpec({ threshold: 1 })] }));
  const passing = gradeResult({ checks: [check({ threshold: 1, measured: 0.5, perSeed: [{ seed: 1, measured: 0.5, passed: true }] })] });
  const failing = gradeResult({ checks: [check({ threshold: 1, passed: false, points: 0, measured: 2, perSeed: [{ seed: 1, measured: 2, passed: false }] })] });

  it('passes when the reference passes and the starter fails', () => {
    const v = judgeExercise(exercise, passing, failing);
    assert.equal(v.referencePasses, true);
    assert.equal(v.starterFails, true);
    assert.deepEqual(v.problems, []);
  });

  it('reports a failing reference against the check in exercise.json, with the seed and value', () => {
    const v = judgeExercise(exercise, failing, failing, (pointer) => (pointer === '/checks/0' ? { line: 42, column: 5 } : {}));
    assert.equal(v.referencePasses, false);
    const problem = v.problems.find((p) => p.severity === 'error')!;
    assert.equal(problem.file, path.join(dir, 'exercise.json'));
    assert.equal(problem.jsonPath, '/checks/0');
    assert.equal(problem.line, 42);
    assert.match(problem.message, /seed 1: 2/);
  });

  it('reports a starter that passes as an error on the starter file', () => {
    const v = judgeExercise(exercise, passing, passing);
    assert.equal(v.starterFails, false);
    assert.ok(v.problems.some((p) => p.severity === 'error' && p.file === exercise.paths.starter));
  });

  it('reports a reference that crashes on its own file and line', () => {
    const crashed = gradeResult({ checks: [check({ passed: false, measured: null })], error: { kind: 'exception', message: 'boom', line: 7, file: 'solution.ts' } });
    const v = judgeExercise(exercise, crashed, failing);
    const problem = v.problems.find((p) => p.file === exercise.paths.solution)!;
    assert.equal(problem.line, 7);
    assert.match(problem.message, /boom/);
  });

  it('warns about a thin reference margin without making the pack invalid', () => {
    const barely = gradeResult({ checks: [check({ threshold: 1, measured: 0.99, perSeed: [{ seed: 1, measured: 0.99, passed: true }] })] });
    const v = judgeExercise(exercise, barely, failing);
    assert.equal(v.referencePasses, true);
    const warning = v.problems.find((p) => p.severity === 'warning')!;
    assert.equal(warning.jsonPath, '/checks/0/threshold');
    assert.match(warning.message, /\+1\.0 %/);
    assert.ok(!v.problems.some((p) => p.severity === 'error'));
  });
});

describe('grading validateLoadedPack with its own deps (no CLI types)', () => {
  it('grades every solution and starter on the same seeds with hidden checks revealed and one shared cache', async () => {
    const { pack } = makePackDir([manifest({ id: 'a', seeds: [4, 5] }), manifest({ id: 'b', seeds: [4, 5] })]);
    const calls: Array<{ exercise: string; file: string; opts: ValidateGradeOptions }> = [];
    const cache = { name: 'the one cache' };
    const deps: ValidateDeps = {
      createReferenceCache: () => cache,
      gradeExercise: async (exercise, submission, opts) => {
        calls.push({ exercise: exercise.manifest.id, file: path.basename(submission.file), opts });
        const isSolution = submission.file === exercise.paths.solution;
        return gradeResult({ checks: [check({ passed: isSolution, points: isSolution ? 2 : 0, measured: isSolution ? 0.5 : 2, threshold: 1, perSeed: [{ seed: 4, measured: isSolution ? 0.5 : 2, passed: isSolution }] })] });
      },
    };
    const done: string[] = [];
    const report = await validateLoadedPack(pack, deps, { jobs: 2, seedCount: 3, onExerciseDone: (v) => done.push(v.id) });
    assert.equal(report.valid, true);
    assert.equal(report.seeds, '1..3');
    assert.deepEqual(report.exercises.map((e) => [e.id, e.referencePasses, e.starterFails]), [['a', true, true], ['b', true, true]]);
    assert.deepEqual(calls.map((c) => `${c.exercise}/${c.file}`).sort(), ['a/solution.ts', 'a/starter.ts', 'b/solution.ts', 'b/starter.ts']);
    for (const c of calls) {
      assert.deepEqual(c.opts.seeds, [1, 2, 3]);
      assert.equal(c.opts.revealHidden, true);
      assert.equal(c.opts.referenceCache, cache);
    }
    assert.deepEqual(done.sort(), ['a', 'b']);
  });

  it('reports a grader crash on its exercise and still validates the others', async () => {
    const { pack } = makePackDir([manifest({ id: 'a' }), manifest({ id: 'b' })]);
    const deps: ValidateDeps = {
      createReferenceCache: () => new Map(),
      gradeExercise: async (exercise, submission) => {
        if (exercise.manifest.id === 'a') throw new Error('sandbox host missing');
        const isSolution = submission.file === exercise.paths.solution;
        return gradeResult({ checks: [check({ passed: isSolution, points: isSolution ? 2 : 0 })] });
      },
    };
    const report = await validateLoadedPack(pack, deps, { jobs: 1 });
    assert.equal(report.valid, false);
    assert.match(report.exercises[0].problems[0].message, /could not grade this exercise: sandbox host missing/);
    assert.deepEqual(report.exercises[0].seeds, [1, 2, 3]);
    assert.equal(report.exercises[1].referencePasses, true);
  });
});
