/**
 * validatePackManifest / validateExerciseManifest on in-memory text (what the extension does with an
 * unsaved editor buffer): problems, not exceptions, at the right JSON pointer and line.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { validateExerciseManifest, validatePackManifest, analyzeExerciseManifest } from '../../../src/pack/validate';
import { setEngineExportNamesForTest } from '../../../src/pack/engine-exports';
import type { PackProblem } from '../../../src/pack/types';
import { EXAMPLE_PACK } from './helpers';

const FILE = '/virtual/ex/exercise.json';
const exampleText = fs.readFileSync(path.join(EXAMPLE_PACK, 'sigmoid-grad', 'exercise.json'), 'utf8');
const example = () => JSON.parse(exampleText);

function problemsFor(manifest: unknown): PackProblem[] {
  return validateExerciseManifest(JSON.stringify(manifest, null, 2), FILE, { checkFiles: false });
}

function only(problems: PackProblem[], jsonPath: string, severity: 'error' | 'warning' = 'error'): PackProblem {
  const found = problems.filter((p) => p.jsonPath === jsonPath && p.severity === severity);
  assert.strictEqual(found.length, 1, `expected one ${severity} at ${jsonPath}, got ${JSON.stringify(problems, null, 2)}`);
  return found[0];
}

describe('validateExerciseManifest (in-memory text)', () => {
  afterEach(() => setEngineExportNamesForTest(undefined));

  it('the example exercise has no errors', () => {
    setEngineExportNamesForTest(['sigmoid', 'tensor']);
    const problems = validateExerciseManifest(exampleText, path.join(EXAMPLE_PACK, 'sigmoid-grad', 'exercise.json'));
    assert.deepStrictEqual(problems, []);
  });

  it('applies the documented defaults to a minimal manifest', () => {
    const minimal = {
      id: 'tiny', title: 'Tiny', learnerFile: 'tiny.ts', exports: [{ name: 'f' }],
      metrics: { m: { description: 'd', kind: 'scalar' } },
      checks: [{ id: 'c', title: 'C', metric: 'm', op: 'finite', messages: { pass: 'p', fail: 'f' } }],
    };
    const { manifest, problems } = analyzeExerciseManifest(JSON.stringify(minimal), FILE, { checkFiles: false });
    assert.ok(manifest, JSON.stringify(problems));
    assert.deepStrictEqual(manifest.seeds, [1, 2, 3]);
    assert.deepStrictEqual(manifest.limits, { timeMs: 5000, memoryMb: 256 });
    assert.deepStrictEqual(manifest.files, { starter: 'starter.ts', solution: 'solution.ts', harness: 'harness.ts', readme: 'README.md' });
    assert.deepStrictEqual([manifest.hints, manifest.bannedHelpers, manifest.topics, manifest.charts], [[], [], [], []]);
    assert.strictEqual(manifest.exports[0].kind, 'function');
    const c = manifest.checks[0];
    assert.deepStrictEqual([c.reduce, c.across, c.points, c.hidden], ['value', 'every', 1, false]);
    // Zero hints is allowed by the schema but warned about.
    assert.match(only(problems, '/hints', 'warning').message, /0 hints; 2–4/);
  });

  it('chart defaults: compareReference and logScale are true', () => {
    const m = example();
    m.charts = [{ id: 'c', title: 'C', kind: 'layerNorms', metrics: ['curve'] }];
    const { manifest } = analyzeExerciseManifest(JSON.stringify(m), FILE, { checkFiles: false });
    assert.ok(manifest);
    assert.strictEqual(manifest.charts[0].compareReference, true);
    assert.strictEqual(manifest.charts[0].logScale, true);
  });

  it('between: a number instead of [lo, hi], a triple, and lo > hi each get their own message', () => {
    const m = example();
    m.checks[1].threshold = 0.25;
    assert.match(only(problemsFor(m), '/checks/1/threshold').fix, /pair \[lo, hi\]/);
    m.checks[1].threshold = [0.1, 0.2, 0.3];
    assert.match(only(problemsFor(m), '/checks/1/threshold').message, /must be a pair \[lo, hi\] \(got 3 numbers\)/);
    m.checks[1].threshold = [0.3, 0.2];
    const p = only(problemsFor(m), '/checks/1/threshold');
    assert.match(p.message, /lo ≤ hi \(got \[0\.3, 0\.2\]\)/);
    assert.match(p.fix, /Swap them: \[0\.2, 0\.3\]/);
  });

  it('threshold rules per op: <= needs a number, finite/true/closeToReference take none, equals may omit it', () => {
    const m = example();
    m.checks[0].threshold = [1, 2];
    assert.match(only(problemsFor(m), '/checks/0/threshold').message, /expected a number, got an array .* \(for op "<="\)/);
    m.checks[0].op = 'finite';
    m.checks[0].threshold = 1;
    assert.match(only(problemsFor(m), '/checks/0/threshold').message, /"threshold" is not used with op "finite"/);
    m.checks[0].op = 'closeToReference';
    m.checks[0].rtol = 1e-6;
    assert.match(only(problemsFor(m), '/checks/0/threshold').fix, /rtol and\/or atol/);
    delete m.checks[0].threshold;
    m.checks[0].op = 'equals';
    assert.deepStrictEqual(problemsFor(m).filter((p) => p.severity === 'error'), []);
    m.checks[0].op = '<=';
    m.checks[0].threshold = 1;
    assert.match(only(problemsFor(m), '/checks/0/rtol').message, /"rtol" is not used with op "<="/);
  });

  it('reduce must fit the metric kind: a vector needs a reduction, a scalar takes none', () => {
    const m = example();
    delete m.checks[1].reduce; // curve is a vector; default reduce is "value"
    const p = only(problemsFor(m), '/checks/1/reduce');
    assert.match(p.message, /"curve" is a vector metric/);
    assert.match(p.fix, /"max"/);
    const m2 = example();
    m2.checks[0].reduce = 'max';
    assert.match(only(problemsFor(m2), '/checks/0/reduce').message, /"maxRelError" is a scalar metric; reduce "max"/);
  });

  it('explain conditions are checked like checks (undeclared metric, missing reduction)', () => {
    const m = example();
    m.checks[0].explain[0].when.metric = 'curv';
    assert.match(only(problemsFor(m), '/checks/0/explain/0/when/metric').fix, /Did you mean "curve"/);
    const m2 = example();
    delete m2.checks[0].explain[0].when.reduce;
    assert.match(only(problemsFor(m2), '/checks/0/explain/0/when/reduce').message, /vector metric/);
  });

  it('bannedHelpers: unknown names warn while the engine is small and are errors once it is complete', () => {
    const m = example();
    m.bannedHelpers = ['clipGradNorm'];
    setEngineExportNamesForTest(['clipGradNorm_', 'tensor']);
    const warning = only(problemsFor(m), '/bannedHelpers/0', 'warning');
    assert.match(warning.message, /"clipGradNorm" is not an export of the GradLab engine/);
    assert.match(warning.fix, /Did you mean "clipGradNorm_"/);
    setEngineExportNamesForTest(['clipGradNorm_', ...Array.from({ length: 25 }, (_, i) => `op${i}`)]);
    assert.strictEqual(only(problemsFor(m), '/bannedHelpers/0', 'error').fix, 'Did you mean "clipGradNorm_"?');
    m.bannedHelpers = ['clipGradNorm_'];
    assert.deepStrictEqual(problemsFor(m).filter((p) => p.jsonPath.startsWith('/bannedHelpers')), []);
  });

  it('warnings: more than 4 hints, fewer than 3 seeds, unknown placeholders', () => {
    const m = example();
    m.hints = ['a', 'b', 'c', 'd', 'e'];
    m.seeds = [7];
    m.checks[0].messages.fail = 'got {measurd}';
    const problems = problemsFor(m);
    assert.match(only(problems, '/hints', 'warning').message, /5 hints/);
    assert.match(only(problems, '/seeds', 'warning').fix, /at least 3 seeds/);
    assert.match(only(problems, '/checks/0/messages/fail', 'warning').fix, /Did you mean \{measured\}/);
    assert.ok(problems.every((p) => p.severity === 'warning'));
    m.hints = ['1', '2', '3', '4', '5', '6', '7'];
    assert.match(only(problemsFor(m), '/hints').message, /at most 6 items \(has 7\)/);
  });

  it('an unknown top-level key far from any known one lists the allowed keys', () => {
    const m = example();
    m.difficulty = 'hard';
    const p = only(problemsFor(m), '/difficulty');
    assert.match(p.fix, /Allowed here: .*learnerFile.*bannedHelpers/);
  });

  it('files must stay inside the exercise folder; learnerFile must not be the solution', () => {
    const m = example();
    m.files = { solution: '../other/solution.ts' };
    m.learnerFile = 'harness.ts';
    const problems = problemsFor(m);
    assert.match(only(problems, '/files/solution').message, /outside the exercise folder/);
    assert.match(only(problems, '/learnerFile').message, /same file as files\.harness/);
  });

  it('text that is not an object, or empty, is one clear problem at line 1', () => {
    const arr = validateExerciseManifest('[1, 2]', FILE);
    assert.strictEqual(arr.length, 1);
    assert.match(arr[0].message, /must contain a JSON object, not an array/);
    const empty = validateExerciseManifest('  \n', FILE);
    assert.deepStrictEqual([empty.length, empty[0].line, empty[0].column], [1, 1, 1]);
    assert.match(empty[0].message, /empty/);
  });

  it('comments are reported at their position (these files are strict JSON)', () => {
    const text = '{\n  // the id\n  "id": "x"\n}';
    const [p] = validateExerciseManifest(text, FILE);
    assert.deepStrictEqual([p.line, p.column], [2, 3]);
    assert.match(p.message, /comments are not allowed/);
  });
});

describe('validatePackManifest (in-memory text)', () => {
  const PACK = '/virtual/pack/pack.json';
  const good = { id: 'p', title: 'P', version: '1.0.0', formatVersion: 1, description: 'd', exercises: ['a'] };

  it('a valid pack has no problems (checkFiles off: no folder on disk)', () => {
    assert.deepStrictEqual(validatePackManifest(JSON.stringify(good), PACK, { checkFiles: false }), []);
  });

  it('semver, kebab-case id and required fields are checked with readable messages', () => {
    const bad = { ...good, id: 'My Pack', version: '1.0', exercises: [] } as Record<string, unknown>;
    delete bad.description;
    const problems = validatePackManifest(JSON.stringify(bad, null, 2), PACK, { checkFiles: false });
    assert.match(only(problems, '/id').message, /not a lowercase kebab-case id/);
    assert.match(only(problems, '/version').message, /"1\.0" is not a semantic version/);
    assert.match(only(problems, '/exercises').message, /at least 1 item \(has 0\)/);
    const missing = only(problems, '/description');
    assert.match(missing.message, /"description" is required/);
    assert.strictEqual(missing.line, 1); // located at the object that lacks it
  });

  it('a future formatVersion hides everything else', () => {
    const problems = validatePackManifest(JSON.stringify({ formatVersion: 3, whatever: true }), PACK);
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].message, 'This pack needs GradLab pack format 3; this GradLab reads format 1.');
  });
});
