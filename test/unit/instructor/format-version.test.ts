/**
 * The format-version guard as an instructor or student meets it on the command line: a pack whose
 * pack.json declares a newer "formatVersion" than this GradLab reads is refused by every command
 * with one clear problem naming the file (with line and column), the field and the fix — not a
 * dump of schema errors about fields this GradLab does not know.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACK_FORMAT_VERSION } from '../../../src/pack/types';
import { gradlab, ROOT, tempDir } from './helpers';

const FIXTURE = path.join(ROOT, 'test/fixtures/packs/future-format');

describe('a pack from a newer GradLab pack format', function () {
  this.timeout(60_000);
  let work: string;
  let pack: string;
  let where: string;
  let declared: number;
  before(() => {
    work = tempDir('gradlab-future-');
    pack = path.join(work, 'future-pack');
    fs.cpSync(FIXTURE, pack, { recursive: true });
    const text = fs.readFileSync(path.join(pack, 'pack.json'), 'utf8');
    declared = JSON.parse(text).formatVersion;
    assert.ok(declared > PACK_FORMAT_VERSION, 'the fixture must declare a newer format than this GradLab reads');
    // Line and column of the value, computed from the file itself.
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"formatVersion"'));
    where = `future-pack/pack.json:${line + 1}:${lines[line].indexOf(String(declared)) + 1}`;
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  const commands: Array<[string, string[]]> = [
    ['validate', ['validate', 'future-pack']],
    ['grade', ['grade', 'future-pack', '.']],
    ['check', ['check', 'future-pack/sigmoid-grad']],
    ['list', ['list', 'future-pack']],
  ];
  for (const [name, argv] of commands) {
    it(`${name}: exit 2 with the file:line:col, /formatVersion, both versions and the fix`, async () => {
      const r = await gradlab(argv, work);
      assert.equal(r.code, 2, r.out + r.err);
      assert.equal(r.out, '');
      assert.match(r.err, /the pack is invalid \(1 problem\)/);
      assert.ok(r.err.includes(`${where}  /formatVersion`), r.err);
      assert.ok(r.err.includes(`This pack needs GradLab pack format ${declared}; this GradLab reads format ${PACK_FORMAT_VERSION}.`), r.err);
      assert.match(r.err, /fix: Update the GradLab extension\/CLI\./);
      assert.doesNotMatch(r.err, /requires|Unknown property/, 'fields of the newer format are not reported one by one');
    });
  }

  it('--json carries the same single problem for scripts', async () => {
    const r = await gradlab(['validate', 'future-pack', '--json'], work);
    assert.equal(r.code, 2);
    const { error } = JSON.parse(r.out);
    assert.equal(error.kind, 'invalid-pack');
    assert.equal(error.problems.length, 1);
    const [problem] = error.problems;
    assert.equal(problem.file, path.join(pack, 'pack.json'));
    assert.equal(problem.jsonPath, '/formatVersion');
    assert.equal(problem.severity, 'error');
    assert.match(problem.fix, /Update the GradLab/);
  });
});
