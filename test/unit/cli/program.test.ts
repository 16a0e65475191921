/**
 * The whole CLI driven in-process (runCli with captured IO and fake layers): argument parsing,
 * exit codes, JSON shapes and error reporting. No sandbox runs here; see cli.integration.test.ts.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/program';
import type { GradeResult } from '../../../src/grading/types';
import { parseCsv } from '../../../src/cli/output/csv';
import { captureIO, check, checkSpec, FakePackLoadError, fakeDeps, gradeResult, makePackDir, manifest, tempDir, type CapturedIO } from './helpers';
import { childrenNamed, parseXml } from './xml';

async function cli(argv: string[], deps: ReturnType<typeof fakeDeps>, io: CapturedIO = captureIO()) {
  const code = await runCli(argv, io, { deps });
  return { code, out: io.out, err: io.err, io };
}

const failing = () => gradeResult({ checks: [check({ passed: false, points: 0, measured: 2 })], summary: '0 of 1 checks passed (0/2 points)' });

describe('cli: global behaviour', () => {
  it('--version prints the version from package.json', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
    const r = await cli(['--version'], fakeDeps({}));
    assert.equal(r.code, 0);
    assert.equal(r.out.trim(), pkg.version);
  });

  it('--help lists every command with examples; every command has its own help with examples', async () => {
    const r = await cli(['--help'], fakeDeps({}));
    assert.equal(r.code, 0);
    for (const command of ['check', 'validate', 'grade', 'new', 'list']) assert.match(r.out, new RegExp(`\\b${command}\\b`));
    assert.match(r.out, /Examples:/);
    for (const command of [['check'], ['validate'], ['grade'], ['list'], ['new', 'pack'], ['new', 'exercise']]) {
      const sub = await cli([...command, '--help'], fakeDeps({}));
      assert.equal(sub.code, 0, command.join(' '));
      assert.match(sub.out, /Example/, command.join(' '));
    }
  });

  it('an unknown command exits 2 with a suggestion', async () => {
    const r = await cli(['chek', 'x'], fakeDeps({}));
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown command 'chek'/);
    assert.match(r.err, /Did you mean check\?/);
  });

  it('an unknown flag exits 2 with a suggestion', async () => {
    const r = await cli(['check', 'x', '--jsn'], fakeDeps({}));
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown option '--jsn'/);
    assert.match(r.err, /Did you mean --json\?/);
  });

  it('a missing argument, a bad number and no command at all exit 2', async () => {
    assert.equal((await cli(['check'], fakeDeps({}))).code, 2);
    assert.equal((await cli(['check', 'x', '--seed', 'abc'], fakeDeps({}))).code, 2);
    assert.equal((await cli(['validate', 'x', '--seeds', '0'], fakeDeps({}))).code, 2);
    assert.equal((await cli(['grade', 'x', 'y', '--jobs', '-1'], fakeDeps({}))).code, 2);
    assert.equal((await cli([], fakeDeps({}))).code, 2);
    assert.equal((await cli(['new'], fakeDeps({}))).code, 2);
  });
});

describe('cli: gradlab check', () => {
  const { dir, pack } = makePackDir([manifest()]);
  const exerciseDir = path.join(dir, 'clip-global-norm');

  it('exits 0 when every check passes and grades the starter when there is no learner file (and says so)', async () => {
    const deps = fakeDeps({ pack });
    const r = await cli(['check', exerciseDir], deps);
    assert.equal(r.code, 0, r.err);
    assert.equal(deps.calls[0].file, path.join(exerciseDir, 'starter.ts'));
    assert.match(r.out, /the starter: no clip\.ts yet/);
    assert.match(r.out, /All checks passed/);
  });

  it('grades the learner file when it exists, and --file when given', async () => {
    const { dir: withLearner, pack: p } = makePackDir([manifest()], { withLearnerFile: true });
    const ex = path.join(withLearner, 'clip-global-norm');
    const deps = fakeDeps({ pack: p });
    await cli(['check', ex], deps);
    assert.equal(deps.calls[0].file, path.join(ex, 'clip.ts'));
    const io = captureIO({ cwd: ex });
    await cli(['check', '.', '--file', 'solution.ts', '--seed', '7'], deps, io);
    assert.equal(deps.calls[1].file, path.join(ex, 'solution.ts'));
    assert.deepEqual(deps.calls[1].opts.seeds, [7]);
  });

  it('exits 1 when a check fails and when the learner code fails', async () => {
    assert.equal((await cli(['check', exerciseDir], fakeDeps({ pack, grade: failing }))).code, 1);
    const crashed = () => gradeResult({ passed: false, checks: [check({ passed: false, points: 0 })], error: { kind: 'exception', message: 'x is not defined', line: 4, file: 'clip.ts' } });
    const r = await cli(['check', exerciseDir], fakeDeps({ pack, grade: crashed }));
    assert.equal(r.code, 1);
    assert.match(r.out, /Your code failed: exception at clip\.ts:4/);
  });

  it('--json prints exactly one GradeResult object with the design contract fields', async () => {
    const result = gradeResult({ checks: [check({ passed: false, points: 0 })], error: { kind: 'syntax', message: 'bad', line: 2 }, passed: false });
    const r = await cli(['check', exerciseDir, '--json'], fakeDeps({ pack, grade: () => result }));
    assert.equal(r.code, 1);
    const parsed = JSON.parse(r.out) as GradeResult;
    assert.deepEqual(parsed, JSON.parse(JSON.stringify(result)));
    for (const key of ['exercise', 'passed', 'score', 'maxScore', 'checks', 'charts', 'error', 'durationMs']) assert.ok(key in parsed, key);
    for (const key of ['id', 'title', 'passed', 'measured', 'threshold', 'message']) assert.ok(key in parsed.checks[0], key);
    assert.deepEqual(Object.keys(parsed.error!).sort(), ['kind', 'line', 'message']);
  });

  it('an invalid exercise exits 2 and lists each problem with file:line, JSON path and fix, no stack trace', async () => {
    const problems = [{ file: path.join(exerciseDir, 'exercise.json'), jsonPath: '/checks/0/op', line: 12, column: 7, message: 'must be one of <=, >=', fix: 'use "<="', severity: 'error' as const }];
    const r = await cli(['check', exerciseDir], fakeDeps({ loadError: new FakePackLoadError(problems) }));
    assert.equal(r.code, 2);
    assert.match(r.err, /exercise\.json:12:7 +\/checks\/0\/op/);
    assert.match(r.err, /must be one of/);
    assert.match(r.err, /fix: use "<="/);
    assert.doesNotMatch(r.err, /\n\s+at /);
  });

  it('with --json an invalid exercise still prints JSON ({error: {kind: "invalid-pack", problems}})', async () => {
    const problems = [{ file: 'x', jsonPath: '', message: 'm', fix: 'f', severity: 'error' as const }];
    const r = await cli(['check', exerciseDir, '--json'], fakeDeps({ loadError: new FakePackLoadError(problems) }));
    assert.equal(r.code, 2);
    assert.equal(JSON.parse(r.out).error.kind, 'invalid-pack');
  });

  it('a folder that does not exist, or is not an exercise, exits 2 with a fix', async () => {
    const r = await cli(['check', path.join(dir, 'nope')], fakeDeps({ pack }));
    assert.equal(r.code, 2);
    assert.match(r.err, /no such folder/);
    const r2 = await cli(['check', dir], fakeDeps({ pack }));
    assert.equal(r2.code, 2);
    assert.match(r2.err, /no exercise\.json/);
  });

  it('an unexpected internal error exits 2 without a stack trace, unless GRADLAB_DEBUG=1', async () => {
    const boom = () => {
      throw new Error('kaboom');
    };
    const r = await cli(['check', exerciseDir], fakeDeps({ pack, grade: boom }));
    assert.equal(r.code, 2);
    assert.match(r.err, /internal error: kaboom/);
    assert.doesNotMatch(r.err, /\n\s+at /);
    const debug = await cli(['check', exerciseDir], fakeDeps({ pack, grade: boom }), captureIO({ env: { GRADLAB_DEBUG: '1' } }));
    assert.match(debug.err, /\n\s+at /);
  });

  it('--no-color and NO_COLOR give plain ASCII even on a UTF-8 TTY', async () => {
    const tty = () => captureIO({ stdoutIsTTY: true });
    const coloured = await cli(['check', exerciseDir], fakeDeps({ pack }), tty());
    assert.match(coloured.out, /\u001b\[/);
    const plain = await cli(['check', exerciseDir, '--no-color'], fakeDeps({ pack }), tty());
    assert.doesNotMatch(plain.out, /\u001b\[|✓/);
    assert.match(plain.out, /PASS/);
    const env = await cli(['check', exerciseDir], fakeDeps({ pack }), captureIO({ stdoutIsTTY: true, env: { LANG: 'en_US.UTF-8', NO_COLOR: '1' } }));
    assert.doesNotMatch(env.out, /\u001b\[|✓/);
  });
});

describe('cli: gradlab validate', () => {
  const m = manifest({ checks: [checkSpec({ threshold: 1 })] });
  const { dir, pack } = makePackDir([m]);
  const passing = gradeResult({ checks: [check({ threshold: 1, measured: 0.5, perSeed: [{ seed: 1, measured: 0.5, passed: true }] })] });
  const failingStarter = gradeResult({ checks: [check({ threshold: 1, passed: false, points: 0, measured: 3, perSeed: [{ seed: 1, measured: 3, passed: false }] })] });
  const byFile = (ref: GradeResult, starter: GradeResult) => (_e: unknown, file: string) => (file.endsWith('solution.ts') ? ref : starter);

  it('exits 0 when every reference passes and every starter fails, grading both on the exercise seeds with hidden values revealed', async () => {
    const deps = fakeDeps({ pack, grade: byFile(passing, failingStarter) });
    const r = await cli(['validate', dir, '--json'], deps);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out);
    assert.equal(report.pack, 'test-pack');
    assert.equal(report.valid, true);
    assert.deepEqual(Object.keys(report.exercises[0]).filter((k) => ['id', 'referencePasses', 'starterFails', 'problems'].includes(k)).sort(), ['id', 'problems', 'referencePasses', 'starterFails']);
    assert.equal(report.exercises[0].referencePasses, true);
    assert.equal(report.exercises[0].starterFails, true);
    assert.equal(report.exercises[0].margins[0].scale, 'relative');
    assert.deepEqual(deps.calls.map((c) => path.basename(c.file)).sort(), ['solution.ts', 'starter.ts']);
    assert.ok(deps.calls.every((c) => c.opts.revealHidden === true && c.opts.seeds!.join() === '1,2,3'));
  });

  it('--seeds N grades on seeds 1..N', async () => {
    const deps = fakeDeps({ pack, grade: byFile(passing, failingStarter) });
    await cli(['validate', dir, '--seeds', '5'], deps);
    assert.ok(deps.calls.every((c) => c.opts.seeds!.join() === '1,2,3,4,5'));
  });

  it('exits 1 when a starter passes, and names the problem in the human report', async () => {
    const r = await cli(['validate', dir], fakeDeps({ pack, grade: byFile(passing, passing) }));
    assert.equal(r.code, 1);
    assert.match(r.out, /starter PASSES/);
    assert.match(r.out, /starter passes every check/);
    assert.match(r.out, /Pack is not valid: clip-global-norm/);
  });

  it('shows the margins table and warns about a thin reference margin', async () => {
    const thin = gradeResult({ checks: [check({ threshold: 1, measured: 0.97, perSeed: [{ seed: 1, measured: 0.97, passed: true }] })] });
    const r = await cli(['validate', dir], fakeDeps({ pack, grade: byFile(thin, failingStarter) }));
    assert.equal(r.code, 0);
    assert.match(r.out, /global-norm +≤ 1 +\+3\.0 % +-200 % +⚠ thin/);
    assert.match(r.out, /Pack is valid.*\(1 warning\)/);
  });

  it('exits 2 for a pack that does not load', async () => {
    const problems = [{ file: path.join(dir, 'pack.json'), jsonPath: '/exercises', line: 3, message: 'm', fix: 'f', severity: 'error' as const }];
    const r = await cli(['validate', dir], fakeDeps({ loadError: new FakePackLoadError(problems) }));
    assert.equal(r.code, 2);
    assert.match(r.err, /pack\.json:3 +\/exercises/);
  });
});

describe('cli: gradlab grade', () => {
  const { dir, pack } = makePackDir([manifest(), manifest({ id: 'second', title: 'Second', learnerFile: 'second.ts', checks: [checkSpec({ id: 'only', points: 3 })] })]);
  const submissions = tempDir();
  const put = (rel: string) => {
    fs.mkdirSync(path.dirname(path.join(submissions, rel)), { recursive: true });
    fs.writeFileSync(path.join(submissions, rel), '// x');
  };
  put('alice/clip-global-norm/clip.ts');
  put('alice/second.ts');
  put('bob/clip.ts');
  fs.mkdirSync(path.join(submissions, 'carol'));
  const grade = (e: { manifest: { id: string } }, file: string) =>
    file.includes('bob') ? failing() : gradeResult({ exercise: e.manifest.id, checks: [check({ points: e.manifest.id === 'second' ? 3 : 2, maxPoints: e.manifest.id === 'second' ? 3 : 2 })] });

  it('writes the CSV and JUnit files, prints a score table, and exits 0 although students failed', async () => {
    const out = path.join(tempDir(), 'results.csv');
    const junit = path.join(tempDir(), 'junit.xml');
    const deps = fakeDeps({ pack, grade });
    const r = await cli(['grade', dir, submissions, '--out', out, '--junit', junit, '--jobs', '2'], deps);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(parseCsv(fs.readFileSync(out, 'utf8')), [
      ['student', 'clip-global-norm', 'second', 'total', 'max'],
      ['alice', '2', '3', '5', '5'],
      ['bob', '0', '0', '0', '5'],
      ['carol', '0', '0', '0', '5'],
    ]);
    const suites = childrenNamed(parseXml(fs.readFileSync(junit, 'utf8')), 'testsuite');
    assert.deepEqual(suites.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures]), [['alice', '2', '0'], ['bob', '2', '2'], ['carol', '2', '2']]);
    assert.match(r.out, /alice +2\/2 +3\/3 +5\/5/);
    assert.match(r.out, /carol +missing +missing +0\/5/);
    assert.match(r.err, /graded 6\/6/);
    assert.equal(deps.calls.length, 3, 'missing submissions are not sent to the grader');
  });

  it('--json prints every student with every check; --out - prints the CSV on stdout', async () => {
    const r = await cli(['grade', dir, submissions, '--json'], fakeDeps({ pack, grade }));
    const report = JSON.parse(r.out);
    assert.deepEqual(report.students.map((s: { student: string }) => s.student), ['alice', 'bob', 'carol']);
    const bob = report.students[1].exercises;
    assert.equal(bob[0].status, 'graded');
    assert.equal(bob[0].file, 'bob/clip.ts');
    assert.equal(bob[0].result.checks[0].passed, false);
    assert.equal(bob[0].result.charts, undefined);
    assert.equal(bob[1].status, 'missing');
    assert.equal(bob[1].message, 'no submission');
    const csv = await cli(['grade', dir, submissions, '--out', '-'], fakeDeps({ pack, grade }));
    assert.equal(parseCsv(csv.out)[0][0], 'student');
  });

  it('--shard i/n grades only every n-th student starting at i (1-based, sorted by name)', async () => {
    const deps = fakeDeps({ pack, grade });
    const r = await cli(['grade', dir, submissions, '--shard', '2/2', '--out', '-'], deps);
    assert.deepEqual(parseCsv(r.out).slice(1).map((row) => row[0]), ['bob']);
    assert.equal((await cli(['grade', dir, submissions, '--shard', '3/2'], fakeDeps({ pack, grade }))).code, 2);
  });

  it('one submission crashing GradLab does not stop the batch', async () => {
    const deps = fakeDeps({
      pack,
      grade: (e, file) => {
        if (file.includes('alice') && e.manifest.id === 'second') throw new Error('sandbox died');
        return grade(e, file);
      },
    });
    const r = await cli(['grade', dir, submissions, '--json'], deps);
    assert.equal(r.code, 0);
    const alice = JSON.parse(r.out).students[0];
    assert.equal(alice.exercises[1].status, 'error');
    assert.match(alice.exercises[1].message, /sandbox died/);
    assert.equal(alice.score, 2);
  });

  it('a missing submissions folder exits 2', async () => {
    const r = await cli(['grade', dir, path.join(submissions, 'nope')], fakeDeps({ pack, grade }));
    assert.equal(r.code, 2);
    assert.match(r.err, /no such folder/);
  });
});

describe('cli: gradlab new and list', () => {
  it('new pack and new exercise call the scaffolder and say what to do next', async () => {
    const target = path.join(tempDir(), 'my-pack');
    const deps = fakeDeps({});
    const r = await cli(['new', 'pack', target], deps);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(deps.scaffolded, [target]);
    assert.match(r.out, /gradlab validate/);
    fs.mkdirSync(target, { recursive: true });
    fs.writeFileSync(path.join(target, 'pack.json'), '{}');
    const r2 = await cli(['new', 'exercise', target, 'relu-backward'], deps);
    assert.equal(r2.code, 0, r2.err);
    assert.equal(deps.scaffolded[1], path.join(target, 'relu-backward'));
  });

  it('a scaffolding refusal exits 2 with its message', async () => {
    const deps = fakeDeps({});
    deps.scaffoldPack = async () => {
      const e = new Error('pack.json already exists');
      e.name = 'ScaffoldError';
      throw e;
    };
    const r = await cli(['new', 'pack', tempDir()], deps);
    assert.equal(r.code, 2);
    assert.match(r.err, /already exists/);
  });

  it('list prints exercises in order with title, topics and points; --json too', async () => {
    const { dir, pack } = makePackDir([manifest(), manifest({ id: 'b-ex', title: 'B', topics: ['M1'], checks: [checkSpec({ points: 5 })] })]);
    const r = await cli(['list', dir], fakeDeps({ pack }));
    assert.equal(r.code, 0);
    assert.match(r.out, /1 +clip-global-norm +Clip by global norm +M6, clipping +2/);
    assert.match(r.out, /2 +b-ex +B +M1 +5/);
    const j = JSON.parse((await cli(['list', dir, '--json'], fakeDeps({ pack }))).out);
    assert.deepEqual(j.exercises.map((e: { id: string; points: number }) => [e.id, e.points]), [['clip-global-norm', 2], ['b-ex', 5]]);
  });
});
