import * as assert from 'assert';
import * as path from 'path';
import { findPackRoot, loadExercise, loadPack } from '../../../src/pack/load';
import { EXAMPLE_PACK, FIXTURES, expectLoadError, positionOf, problemAt } from './helpers';

const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);

describe('pack loading: the example pack', () => {
  it('loads examples/minimal-pack with absolute paths and defaults applied', async () => {
    const pack = await loadPack(EXAMPLE_PACK);
    assert.strictEqual(pack.manifest.id, 'minimal-pack');
    assert.strictEqual(pack.dir, EXAMPLE_PACK);
    assert.deepStrictEqual(pack.exercises.map((e) => e.manifest.id), ['sigmoid-grad']);
    const ex = pack.exercises[0];
    assert.strictEqual(ex.dir, path.join(EXAMPLE_PACK, 'sigmoid-grad'));
    assert.strictEqual(ex.paths.harness, path.join(EXAMPLE_PACK, 'sigmoid-grad', 'harness.ts'));
    // exercise.json omits "files" and most check fields: the loader fills in the documented defaults.
    assert.deepStrictEqual(ex.manifest.files, { starter: 'starter.ts', solution: 'solution.ts', harness: 'harness.ts', readme: 'README.md' });
    const peak = ex.manifest.checks.find((c) => c.id === 'peak-is-quarter')!;
    assert.strictEqual(peak.across, 'every');
    assert.strictEqual(peak.points, 1);
    assert.strictEqual(peak.hidden, false);
    assert.ok(Array.isArray(pack.warnings));
  });

  it('loads one exercise folder on its own and finds its pack root', async () => {
    const dir = path.join(EXAMPLE_PACK, 'sigmoid-grad');
    const ex = await loadExercise(dir);
    assert.strictEqual(ex.manifest.learnerFile, 'sigmoid-grad.ts');
    assert.strictEqual(findPackRoot(dir), EXAMPLE_PACK);
    assert.strictEqual(findPackRoot(path.parse(EXAMPLE_PACK).root), undefined);
  });
});

describe('pack loading: malformed packs', () => {
  it('bad JSON in exercise.json: points at the missing comma with line and column', async () => {
    const err = await expectLoadError(() => loadPack(fixture('bad-json')));
    const file = fixture('bad-json', 'sigmoid-grad', 'exercise.json');
    assert.strictEqual(err.errors.length, 1);
    const p = err.errors[0];
    assert.strictEqual(p.file, file);
    // The parser notices the missing comma where the next property starts.
    assert.deepStrictEqual({ line: p.line, column: p.column }, positionOf(file, '"topics"'));
    assert.match(p.message, /comma was expected/);
    assert.match(p.fix, /comma/);
    assert.match(err.message, /bad-json\/sigmoid-grad\/exercise\.json:\d+:\d+: Invalid JSON/);
  });

  it('bad JSON in pack.json: a trailing comma is named as such, at the comma', async () => {
    const err = await expectLoadError(() => loadPack(fixture('bad-json-pack')));
    const file = fixture('bad-json-pack', 'pack.json');
    assert.strictEqual(err.problems.length, 1);
    const p = err.problems[0];
    assert.strictEqual(p.file, file);
    const mit = positionOf(file, '"MIT",');
    assert.deepStrictEqual({ line: p.line, column: p.column }, { line: mit.line, column: mit.column + '"MIT"'.length });
    assert.match(p.message, /trailing comma/);
    assert.match(p.fix, /Delete the comma/);
  });

  describe('schema violations', () => {
    const file = fixture('schema-violations', 'sigmoid-grad', 'exercise.json');
    let problems: import('../../../src/pack/types').PackProblem[];
    before(async () => {
      problems = (await expectLoadError(() => loadPack(fixture('schema-violations')))).problems;
    });

    it('an unknown key names the key, is located at the key and suggests the closest known key', () => {
      const p = problemAt(problems, file, '/checks/0/treshold');
      assert.deepStrictEqual({ line: p.line, column: p.column }, positionOf(file, '"treshold"'));
      assert.match(p.message, /Unknown property "treshold"/);
      assert.match(p.fix, /Did you mean "threshold"/);
    });

    it('a missing required threshold names the op that needs it', () => {
      const p = problemAt(problems, file, '/checks/0/threshold');
      assert.match(p.message, /"threshold" is required \(op "<=" compares with a threshold\)/);
      assert.match(p.fix, /Add "threshold"/);
      // Located at the check object that lacks it (its opening brace).
      assert.strictEqual(p.line, positionOf(file, '"id": "matches-autograd"').line - 1);
    });

    it('a bad enum value lists the allowed values and maps "lte" to "<="', () => {
      const p = problemAt(problems, file, '/checks/1/op');
      assert.deepStrictEqual({ line: p.line, column: p.column }, positionOf(file, '"lte"'));
      for (const op of ['<=', '>=', 'between', 'closeToReference', 'equals']) assert.ok(p.message.includes(`"${op}"`), p.message);
      assert.match(p.message, /got "lte"/);
      assert.match(p.fix, /Did you mean "<="/);
    });

    it('a wrong type says what was expected and what was found', () => {
      const p = problemAt(problems, file, '/limits/timeMs');
      assert.deepStrictEqual({ line: p.line, column: p.column }, positionOf(file, '"5s"'));
      assert.match(p.message, /expected a whole number, got a string \("5s"\)/);
    });

    it('an id that is not kebab-case says so (and does not suggest renaming the folder to it)', () => {
      const p = problemAt(problems, file, '/id');
      assert.match(p.message, /"Sigmoid_Grad" is not a lowercase kebab-case id/);
      assert.match(p.fix, /lowercase letters, digits and single hyphens/);
    });

    it('the error message lists every problem as file:line:col pointer: message — fix', async () => {
      const err = await expectLoadError(() => loadPack(fixture('schema-violations')));
      const { line, column } = positionOf(file, '"lte"');
      assert.ok(err.message.includes(`schema-violations/sigmoid-grad/exercise.json:${line}:${column} /checks/1/op: must be one of`), err.message);
      assert.strictEqual(err.message.split('\n').length, 1 + err.problems.length);
      assert.ok(err.message.split('\n').slice(1).every((l) => l.includes(' — fix: ')));
    });
  });

  it('missing harness and README are errors naming the file looked for', async () => {
    const err = await expectLoadError(() => loadPack(fixture('missing-files')));
    const file = fixture('missing-files', 'sigmoid-grad', 'exercise.json');
    assert.deepStrictEqual(err.errors.map((p) => p.jsonPath).sort(), ['/files/harness', '/files/readme']);
    const harness = problemAt(err.problems, file, '/files/harness');
    assert.ok(harness.message.includes(fixture('missing-files', 'sigmoid-grad', 'harness.ts')), harness.message);
    assert.match(harness.fix, /Create harness\.ts/);
    assert.strictEqual(harness.line, 1); // "files" is defaulted, so the problem is shown at the top of the file
  });

  it('duplicate exercise entries, check ids and chart ids are all reported in one run', async () => {
    const err = await expectLoadError(() => loadPack(fixture('duplicate-ids')));
    const packFile = fixture('duplicate-ids', 'pack.json');
    const exFile = fixture('duplicate-ids', 'sigmoid-grad', 'exercise.json');
    const listed = problemAt(err.problems, packFile, '/exercises/1');
    assert.match(listed.message, /"sigmoid-grad" is listed twice/);
    assert.deepStrictEqual({ line: listed.line, column: listed.column }, positionOf(packFile, '"sigmoid-grad"', 2));
    const check = problemAt(err.problems, exFile, '/checks/1/id');
    assert.match(check.message, /Duplicate check id "matches-autograd" \(also at \/checks\/0\)/);
    assert.deepStrictEqual({ line: check.line, column: check.column }, positionOf(exFile, '"matches-autograd"', 2));
    const chart = problemAt(err.problems, exFile, '/charts/1/id');
    assert.match(chart.message, /Duplicate chart id "curve"/);
    assert.match(chart.fix, /unique/);
  });

  it('a check on an undeclared metric suggests the declared one; a chart on a scalar metric is refused', async () => {
    const err = await expectLoadError(() => loadPack(fixture('undeclared-metric')));
    const file = fixture('undeclared-metric', 'sigmoid-grad', 'exercise.json');
    const metric = problemAt(err.problems, file, '/checks/0/metric');
    assert.deepStrictEqual({ line: metric.line, column: metric.column }, positionOf(file, '"maxRelErr"'));
    assert.match(metric.message, /Metric "maxRelErr" is not declared in "metrics" \(declared: maxRelError, curve\)/);
    assert.match(metric.fix, /Did you mean "maxRelError"/);
    const chart = problemAt(err.problems, file, '/charts/0/metrics/0');
    assert.match(chart.message, /scalar metric/);
    assert.match(chart.fix, /recordVector/);
  });

  it('a newer formatVersion gives one clear message, not a schema dump', async () => {
    const err = await expectLoadError(() => loadPack(fixture('future-format')));
    const file = fixture('future-format', 'pack.json');
    assert.strictEqual(err.problems.length, 1, err.message); // the unknown "requires" key is NOT reported
    const p = err.problems[0];
    assert.strictEqual(p.jsonPath, '/formatVersion');
    assert.strictEqual(p.message, 'This pack needs GradLab pack format 2; this GradLab reads format 1.');
    assert.match(p.fix, /Update the GradLab extension\/CLI/);
    assert.deepStrictEqual({ line: p.line, column: p.column }, { line: positionOf(file, '"formatVersion"').line, column: positionOf(file, '2,').column });
    // Loading one exercise of that pack reports the same thing.
    const alone = await expectLoadError(() => loadExercise(fixture('future-format', 'sigmoid-grad')));
    assert.strictEqual(alone.problems[0].message, p.message);
  });

  it('a listed folder that does not exist and an id that differs from its folder are errors; an unlisted folder warns', async () => {
    const err = await expectLoadError(() => loadPack(fixture('folder-problems')));
    const packFile = fixture('folder-problems', 'pack.json');
    const missing = problemAt(err.problems, packFile, '/exercises/1');
    assert.match(missing.message, /Exercise folder "no-such-exercise" does not exist/);
    assert.match(missing.fix, /gradlab new exercise .* no-such-exercise/);
    const renamed = problemAt(err.problems, fixture('folder-problems', 'renamed', 'exercise.json'), '/id');
    assert.strictEqual(renamed.severity, 'error');
    assert.match(renamed.message, /"old-name" differs from the folder name "renamed"/);
    const unlisted = problemAt(err.problems, packFile, '/exercises');
    assert.strictEqual(unlisted.severity, 'warning');
    assert.match(unlisted.message, /"forgotten" .* not listed/);
    // Errors come before warnings in the list and the message.
    assert.strictEqual(err.problems[err.problems.length - 1], unlisted);
  });

  it('a folder that is not an exercise says so and how to make one', async () => {
    const err = await expectLoadError(() => loadExercise(FIXTURES));
    assert.strictEqual(err.problems[0].file, path.join(FIXTURES, 'exercise.json'));
    assert.match(err.problems[0].message, /No exercise\.json here/);
    assert.match(err.problems[0].fix, /gradlab new exercise/);
  });

  it('loading a lone exercise whose id differs from its folder only warns', async () => {
    const ex = await loadExercise(fixture('folder-problems', 'renamed'));
    assert.strictEqual(ex.manifest.id, 'old-name');
    assert.ok(ex.warnings?.some((w) => w.jsonPath === '/id' && w.severity === 'warning'));
  });
});
