/**
 * examples/clipping-init-pack, the second example pack: it stays on the public authoring path
 * (imports only 'gradlab' and 'gradlab/harness'), passes the two-way check on several seeds, and
 * batch-grades its sample class into the CSV, JSON and JUnit the instructor docs describe.
 *
 * Expected outcomes per student come from what each sample submission was written to be (see
 * examples/clipping-init-pack/README.md): ada correct, ben the classic mistakes, cy broken.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCsv } from '../../../src/cli/output/csv';
import { childrenNamed, parseXml, type XmlElement } from '../cli/xml';
import { gradlab, haveSandbox, ROOT, tempDir } from './helpers';

const PACK = path.join(ROOT, 'examples/clipping-init-pack');
const CLASS = path.join(PACK, 'sample-submissions');

/** Points per exercise, read from the manifests (not from a grading run). */
function maxPoints(exercise: string): number {
  const manifest = JSON.parse(fs.readFileSync(path.join(PACK, exercise, 'exercise.json'), 'utf8'));
  return manifest.checks.reduce((sum: number, c: { points?: number }) => sum + (c.points ?? 1), 0);
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('examples/clipping-init-pack', function () {
  this.timeout(240_000);

  it('imports nothing but the public engine and harness modules', () => {
    const files = tsFiles(PACK);
    assert.ok(files.length >= 12, `expected starters, solutions, harnesses and submissions, found ${files.length}`);
    for (const file of files) {
      const specifiers = [...fs.readFileSync(file, 'utf8').matchAll(/\bfrom\s+['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)|\bimport\(\s*['"]([^'"]+)['"]/g)]
        .map((m) => m[1] ?? m[2] ?? m[3]);
      for (const s of specifiers) assert.ok(s === 'gradlab' || s === 'gradlab/harness', `${path.relative(ROOT, file)} imports "${s}": example packs use only 'gradlab' and 'gradlab/harness'`);
    }
  });

  describe('with the real grader', () => {
    let out: string;
    before(function () {
      // Reason: the sandbox runs from the built bundles; run `npm run build` (npm test does).
      if (!haveSandbox()) this.skip();
      out = tempDir('gradlab-example-pack-');
    });
    after(() => out && fs.rmSync(out, { recursive: true, force: true }));

    it('validate --seeds 4: every reference passes, every starter fails, no thin margins', async () => {
      const r = await gradlab(['validate', PACK, '--seeds', '4', '--json']);
      assert.equal(r.code, 0, r.out + r.err);
      const report = JSON.parse(r.out);
      assert.equal(report.valid, true);
      assert.deepEqual(report.exercises.map((e: { id: string }) => e.id), ['clip-global-norm', 'tanh-init-scale']);
      for (const e of report.exercises) {
        assert.equal(e.referencePasses, true, e.id);
        assert.equal(e.starterFails, true, e.id);
        assert.deepEqual(e.seeds, [1, 2, 3, 4]);
        // No problems at all: no errors, and no warnings (thin margins, hint counts, placeholders).
        assert.deepEqual(e.problems, [], e.id);
      }
    });

    it('grade writes CSV (one row per student, a column per exercise + total), JUnit and JSON that agree', async () => {
      const csvFile = path.join(out, 'results.csv');
      const junitFile = path.join(out, 'results.xml');
      const r = await gradlab(['grade', PACK, CLASS, '--out', csvFile, '--junit', junitFile, '--json', '--jobs', '1']);
      assert.equal(r.code, 0, r.err);
      const clipMax = maxPoints('clip-global-norm');
      const initMax = maxPoints('tanh-init-scale');

      // CSV
      const rows = parseCsv(fs.readFileSync(csvFile, 'utf8'));
      assert.deepEqual(rows[0], ['student', 'clip-global-norm', 'tanh-init-scale', 'total', 'max']);
      const byStudent = new Map(rows.slice(1).map((row) => [row[0], row.slice(1).map(Number)]));
      assert.deepEqual([...byStudent.keys()], ['ada', 'ben', 'cy']);
      assert.deepEqual(byStudent.get('ada'), [clipMax, initMax, clipMax + initMax, clipMax + initMax]);
      assert.deepEqual(byStudent.get('cy'), [0, 0, 0, clipMax + initMax]);
      const ben = byStudent.get('ben')!;
      assert.ok(ben[0] < clipMax && ben[1] < initMax && ben[2] === ben[0] + ben[1], `ben: ${ben}`);

      // JSON: every check, with the reasons
      const report = JSON.parse(r.out);
      const cell = (student: string, exercise: string) =>
        report.students.find((s: { student: string }) => s.student === student).exercises.find((c: { exercise: string }) => c.exercise === exercise);
      const check = (student: string, exercise: string, id: string) => cell(student, exercise).result.checks.find((c: { id: string }) => c.id === id);
      assert.equal(cell('ada', 'clip-global-norm').file, 'ada/clip-global-norm/clip-global-norm.ts'); // nested layout
      assert.equal(cell('ada', 'tanh-init-scale').file, 'ada/tanh-init-scale.ts'); // flat layout
      assert.equal(check('ben', 'clip-global-norm', 'global-norm-is-max').passed, false);
      assert.match(check('ben', 'clip-global-norm', 'global-norm-is-max').message, /clipped each tensor on its own/);
      assert.equal(check('ben', 'tanh-init-scale', 'signal-kept').passed, false);
      assert.match(check('ben', 'tanh-init-scale', 'signal-kept').message, /forget tanh's gain of 5\/3/);
      assert.equal(check('ben', 'tanh-init-scale', 'gradients-flat').passed, true);
      assert.equal(cell('cy', 'clip-global-norm').status, 'graded'); // a learner error is a graded failure, not a batch error
      assert.equal(cell('cy', 'clip-global-norm').result.error.kind, 'exception');
      assert.match(cell('cy', 'clip-global-norm').result.error.message, /TypeError/);
      assert.equal(cell('cy', 'clip-global-norm').result.error.line, 6);
      assert.equal(cell('cy', 'tanh-init-scale').result.error.kind, 'missing-export');
      assert.match(cell('cy', 'tanh-init-scale').result.error.message, /tanhInitStd/);
      // Hidden checks: pass/fail only, no values, unless --reveal-hidden.
      const hidden = check('ben', 'clip-global-norm', 'small-untouched');
      assert.equal(hidden.hidden, true);
      assert.equal(hidden.measured, null);

      // JUnit: a testsuite per student, a testcase per check, failures where the JSON says so
      const suites = childrenNamed(parseXml(fs.readFileSync(junitFile, 'utf8')), 'testsuite');
      assert.deepEqual(suites.map((s) => s.attrs.name), ['ada', 'ben', 'cy']);
      const failed = (suite: XmlElement) => childrenNamed(suite, 'testcase').filter((t) => childrenNamed(t, 'failure').length > 0).map((t) => t.attrs.name.split(':')[0]);
      assert.deepEqual(failed(suites[0]), []);
      assert.deepEqual(failed(suites[1]).sort(), ['global-norm-is-max', 'matches-formula', 'signal-kept', 'uses-both-fans'].sort());
      assert.ok(failed(suites[2]).length >= 6, `cy fails every check: ${failed(suites[2])}`);
    });
  });
});
