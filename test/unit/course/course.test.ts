/**
 * The built-in course (exercises/): every reference passes and every starter fails on 5 seeds (the
 * `gradlab validate exercises --seeds 5` contract), and every committed wrong solution in
 * test/fixtures/course/<id>/ fails with the message its @expect line names, while every alternative
 * correct solution passes.
 */
import { strict as assert } from 'assert';
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { loadPack } from '../../../src/pack/index';
import { gradeExercise } from '../../../src/grading/grade-exercise';
import type { LoadedPack } from '../../../src/pack/types';
import type { RunOutcome } from '../../../src/runner/types';
import type { GradeResult } from '../../../src/grading/types';
import { parseExpectations } from './expectations';
import { defaultDeps } from '../../../src/cli/default-deps';
import type { CliDeps } from '../../../src/cli/deps';
import type { CliIO } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/program';
import type { ValidateReport } from '../../../src/grading/validate/validate-pack';

const ROOT = path.resolve(__dirname, '../../..');
const COURSE = path.join(ROOT, 'exercises');
const FIXTURES = path.join(ROOT, 'test/fixtures/course');
const SEEDS = [1, 2, 3, 4, 5];
// The shared CI machine is slower than a laptop: scale each exercise's own time limit.
const TIME_MULTIPLIER = 3;

function describeFailure(r: GradeResult): string {
  const lines = r.checks.filter((c) => !c.passed).map((c) => `  ✗ ${c.id}: ${c.message}`);
  if (r.error) lines.unshift(`  error ${r.error.kind}: ${r.error.message}`);
  return lines.join('\n') || '  (no failing check)';
}

describe('built-in course', function () {
  this.timeout(180_000);
  let pack: LoadedPack;
  const referenceCache = new Map<string, RunOutcome>();

  before(async () => {
    pack = await loadPack(COURSE);
  });

  it('covers every module of the course outline (M0–M9) with at least 18 exercises', () => {
    assert.ok(pack.exercises.length >= 18, `only ${pack.exercises.length} exercises`);
    const modules = new Set(pack.exercises.flatMap((e) => e.manifest.topics.filter((t) => /^M\d$/.test(t))));
    for (let m = 0; m <= 9; m++) assert.ok(modules.has(`M${m}`), `no exercise is tagged M${m}`);
  });

  it('`gradlab validate exercises --seeds 5` exits 0: every reference passes and every starter fails', async function () {
    this.timeout(600_000);
    let out = '';
    let err = '';
    const io: CliIO = {
      stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, stdoutIsTTY: false, stderrIsTTY: false,
      env: { NO_COLOR: '1' }, cwd: ROOT, cpus: 2, platform: process.platform,
    };
    // The real command in-process, with each exercise's time limit scaled for the shared CI machine.
    const real = defaultDeps({ distDir: path.join(ROOT, 'dist') });
    const deps: CliDeps = { ...real, gradeExercise: (e, submission, opts) => real.gradeExercise(e, submission, { ...opts, timeMultiplier: TIME_MULTIPLIER }) };
    const code = await runCli(['validate', 'exercises', '--seeds', '5', '--json'], io, { deps: () => deps });
    const report = JSON.parse(out) as ValidateReport;
    const broken = report.exercises.filter((e) => !e.referencePasses || !e.starterFails).map((e) => e.id);
    assert.deepEqual(broken, [], `exercises failing the two-way check:\n${out}`);
    assert.equal(report.exercises.length, pack.exercises.length);
    assert.equal(code, 0, err || out);
  });

  const ids: string[] = JSON.parse(readFileSync(path.join(COURSE, 'pack.json'), 'utf8')).exercises;
  for (const id of ids) {
    describe(id, () => {
      const ex = () => {
        const found = pack.exercises.find((e) => e.manifest.id === id);
        assert.ok(found, `exercise ${id} did not load`);
        return found;
      };

      it('its reference solution passes on 5 seeds', async () => {
        const r = await gradeExercise(ex(), { file: ex().paths.solution }, { seeds: SEEDS, timeMultiplier: TIME_MULTIPLIER, referenceCache });
        assert.ok(r.passed, `reference fails:\n${describeFailure(r)}`);
      });

      it('its starter fails on 5 seeds', async () => {
        const r = await gradeExercise(ex(), { file: ex().paths.starter }, { seeds: SEEDS, timeMultiplier: TIME_MULTIPLIER, referenceCache });
        assert.ok(!r.passed, 'the starter passes: it gives the answer away');
      });

      const dir = path.join(FIXTURES, id);
      const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).sort() : [];
      it('has at least two wrong solutions and one alternative correct solution', () => {
        assert.ok(files.filter((f) => f.startsWith('wrong-')).length >= 2, `need ≥ 2 wrong-*.ts in ${path.relative(ROOT, dir)}`);
        assert.ok(files.filter((f) => f.startsWith('alt-')).length >= 1, `need ≥ 1 alt-*.ts in ${path.relative(ROOT, dir)}`);
      });

      for (const file of files) {
        it(`${file} is graded as its @expect lines say`, async () => {
          const full = path.join(dir, file);
          const expectations = parseExpectations(readFileSync(full, 'utf8'), full);
          const r = await gradeExercise(ex(), { file: full }, { seeds: [1, 2, 3], timeMultiplier: TIME_MULTIPLIER, referenceCache });
          for (const e of expectations) {
            if (e.type === 'pass') {
              assert.ok(r.passed, `${file} should pass:\n${describeFailure(r)}`);
            } else if (e.type === 'error') {
              assert.equal(r.error?.kind, e.kind, `${file}: expected error ${e.kind}:\n${describeFailure(r)}`);
              assert.ok(r.error!.message.includes(e.text), `${file}: error message lacks "${e.text}":\n${describeFailure(r)}`);
            } else {
              const check = r.checks.find((c) => c.id === e.checkId);
              assert.ok(check, `${file}: no check ${e.checkId}`);
              assert.ok(!check.passed, `${file}: check ${e.checkId} passed but should fail`);
              assert.ok(check.message.includes(e.text), `${file}: ${e.checkId} message "${check.message}" lacks "${e.text}"`);
            }
          }
        });
      }
    });
  }
});
