/**
 * Folders a learner or instructor really picks: spaces, apostrophes, parentheses, non-ASCII, and on
 * macOS names handed back decomposed (NFD). Grading and runtime-error lines must work there, and the
 * batch grader must order students the same on every machine (--shard depends on it).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listStudents } from '../../../src/cli/batch/discover';
import { gradeExercise } from '../../../src/grading/grade-exercise';
import { loadExercise } from '../../../src/pack/index';

const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'dist');
const EXAMPLE = path.join(ROOT, 'examples/minimal-pack/sigmoid-grad');

describe('cross-platform: unusual folder names', function () {
  this.timeout(60_000);
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlab-paths-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('grades a learner file in "Zoë\'s course (2) ✓/sigmoid grad/" and locates a runtime error in it', async function () {
    // Reason: grading starts the sandbox from dist/; run `npm run build` first (npm test does).
    if (!fs.existsSync(path.join(DIST, 'sandbox-host.js'))) this.skip();
    const exercise = await loadExercise(EXAMPLE);
    const folder = path.join(tmp, "Zoë's course (2) ✓", 'sigmoid grad');
    fs.mkdirSync(folder, { recursive: true });
    const learner = path.join(folder, exercise.manifest.learnerFile);
    fs.copyFileSync(exercise.paths.solution, learner);
    const passed = await gradeExercise(exercise, { file: learner }, { distDir: DIST, seeds: [1] });
    assert.equal(passed.passed, true, JSON.stringify(passed.error));

    fs.writeFileSync(learner, 'export function sigmoidGrad(x: number): number {\n  const s = x;\n  throw new RangeError(`no ${s}`);\n}\n');
    const failed = await gradeExercise(exercise, { file: learner }, { distDir: DIST, seeds: [1] });
    assert.equal(failed.passed, false);
    assert.equal(failed.error?.line, 3, JSON.stringify(failed.error));
  });

  it('batch grading lists students in the same order whether the file system gives composed or decomposed names', () => {
    const names = ['Zoëy', 'Zof', 'Ángel', 'Anna', 'Bjørn'];
    const composed = path.join(tmp, 'nfc');
    const decomposed = path.join(tmp, 'nfd');
    for (const name of names) {
      fs.mkdirSync(path.join(composed, name.normalize('NFC')), { recursive: true });
      fs.mkdirSync(path.join(decomposed, name.normalize('NFD')), { recursive: true });
    }
    // The bug this guards: "Zoëy" decomposed ("Zoe" + U+0308) sorted before "Zof", composed after it.
    assert.ok('Zoëy'.normalize('NFD') < 'Zof' && 'Zoëy'.normalize('NFC') > 'Zof', 'the fixture must order differently in raw code points');
    const a = listStudents(composed).map((n) => n.normalize('NFC'));
    const b = listStudents(decomposed).map((n) => n.normalize('NFC'));
    assert.deepEqual(b, a);
    assert.deepEqual(a, [...names].map((n) => n.normalize('NFC')).sort());
    // The names returned are the real folder names (they are joined back into paths to read submissions).
    for (const name of listStudents(decomposed)) assert.ok(fs.existsSync(path.join(decomposed, name)));
  });
});
