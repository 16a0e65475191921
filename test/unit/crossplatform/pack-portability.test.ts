/**
 * exercise.json rules that make a pack written on Linux safe for learners on Windows and macOS:
 * run through the real manifest analysis on the example exercise with one field changed.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeExerciseManifest } from '../../../src/pack/validate';

const ROOT = path.resolve(__dirname, '../../..');
const MANIFEST = path.join(ROOT, 'examples/minimal-pack/sigmoid-grad/exercise.json');

function problemsWith(change: (m: Record<string, unknown>) => void) {
  const m = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Record<string, unknown>;
  change(m);
  // checkFiles: false — only the rules are under test, not whether renamed files exist on disk.
  return analyzeExerciseManifest(JSON.stringify(m, null, 2), MANIFEST, { checkFiles: false }).problems.filter((p) => p.severity === 'error');
}

describe('cross-platform: exercise.json names that break on Windows or macOS', () => {
  it('the unchanged example has no errors (the baseline for the cases below)', () => {
    assert.deepEqual(problemsWith(() => {}), []);
  });

  for (const name of ['clip?.ts', 'a:b.ts', 'con.ts', 'AUX.ts', 'lpt1.ts', 'say"hi".ts']) {
    it(`learnerFile "${name}" is refused: Windows cannot create it`, () => {
      const problems = problemsWith((m) => { m.learnerFile = name; });
      assert.ok(problems.some((p) => p.jsonPath === '/learnerFile' && /Windows/.test(p.message)), JSON.stringify(problems));
    });
  }

  for (const name of ['clip.ts', 'console.ts', 'con-trol.ts', 'grad norm.ts', 'größe.ts']) {
    it(`learnerFile "${name}" is accepted`, () => {
      assert.deepEqual(problemsWith((m) => { m.learnerFile = name; }), []);
    });
  }

  it('a learnerFile differing from the solution only in case is refused (it would overwrite the solution on Windows and macOS)', () => {
    const problems = problemsWith((m) => { m.learnerFile = 'Solution.ts'; });
    assert.ok(problems.some((p) => p.jsonPath === '/learnerFile' && /files\.solution/.test(p.message)), JSON.stringify(problems));
  });

  for (const starter of ['C:\\packs\\starter.ts', 'C:starter.ts', 'd:/x/starter.ts']) {
    it(`files.starter "${starter}" is refused on every OS: on Windows it leaves the exercise folder`, () => {
      const problems = problemsWith((m) => { m.files = { starter }; });
      assert.ok(problems.some((p) => p.jsonPath === '/files/starter'), JSON.stringify(problems));
    });
  }
});
