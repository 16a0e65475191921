/**
 * The CLI with the real layers (pack loader, grader, sandboxed runner) on examples/minimal-pack and
 * the sample class in test/fixtures/submissions-class, in-process via runCli.
 *
 * Needs the sandbox bundles (dist/sandbox-host.js, dist/sandbox-runtime.js) that `npm run build`
 * makes; `npm test` builds first. Without them the suite is skipped, saying why.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultDeps } from '../../../src/cli/default-deps';
import { parseCsv } from '../../../src/cli/output/csv';
import { runCli } from '../../../src/cli/program';
import type { GradeResult } from '../../../src/grading/types';
import { captureIO, tempDir } from './helpers';
import { childrenNamed, parseXml } from './xml';

const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'dist');
const PACK = path.join(ROOT, 'examples/minimal-pack');
const EXERCISE = path.join(PACK, 'sigmoid-grad');
const CLASS = path.join(ROOT, 'test/fixtures/submissions-class');
const haveSandbox = fs.existsSync(path.join(DIST, 'sandbox-host.js')) && fs.existsSync(path.join(DIST, 'sandbox-runtime.js'));

async function cli(argv: string[]) {
  const io = captureIO({ cwd: ROOT, cpus: 2 });
  const code = await runCli(argv, io, { deps: () => defaultDeps({ distDir: DIST }) });
  return { code, out: io.out, err: io.err };
}

describe('cli with the real grader (examples/minimal-pack)', function () {
  this.timeout(120_000);
  before(function () {
    // Reason: the sandbox runs learner code from the built bundles; run `npm run build` (npm test does).
    if (!haveSandbox) this.skip();
  });

  it('check: the starter fails (exit 1), the reference passes (exit 0)', async () => {
    const starter = await cli(['check', EXERCISE]);
    assert.equal(starter.code, 1, starter.out + starter.err);
    assert.match(starter.out, /the starter/);
    const reference = await cli(['check', EXERCISE, '--file', path.join(EXERCISE, 'solution.ts'), '--json']);
    assert.equal(reference.code, 0, reference.out + reference.err);
    const result = JSON.parse(reference.out) as GradeResult;
    assert.equal(result.exercise, 'sigmoid-grad');
    assert.equal(result.passed, true);
    assert.equal(result.score, result.maxScore);
    assert.deepEqual(result.checks.map((c) => c.id), ['matches-autograd', 'peak-is-quarter']);
  });

  it('validate: the example pack is valid (exit 0) with margins for every check', async () => {
    const r = await cli(['validate', PACK, '--json']);
    assert.equal(r.code, 0, r.out + r.err);
    const report = JSON.parse(r.out);
    assert.equal(report.valid, true);
    assert.equal(report.exercises[0].referencePasses, true);
    assert.equal(report.exercises[0].starterFails, true);
    assert.equal(report.exercises[0].margins.length, 2);
  });

  it('grade: the sample class gives the expected CSV rows and JUnit failures', async () => {
    const out = path.join(tempDir(), 'results.csv');
    const junit = path.join(tempDir(), 'results.xml');
    const r = await cli(['grade', PACK, CLASS, '--out', out, '--junit', junit]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(parseCsv(fs.readFileSync(out, 'utf8')), [
      ['student', 'sigmoid-grad', 'total', 'max'],
      ['alice', '3', '3', '3'],
      ['bob', '0', '0', '3'],
      ['dave', '0', '0', '3'],
      ['syntax-error-carol', '0', '0', '3'],
    ]);
    const suites = new Map(childrenNamed(parseXml(fs.readFileSync(junit, 'utf8')), 'testsuite').map((s) => [s.attrs.name, childrenNamed(s, 'testcase')]));
    assert.ok(suites.get('alice')!.every((c) => c.children.length === 0));
    assert.ok(suites.get('bob')!.every((c) => childrenNamed(c, 'failure')[0]?.attrs.type === 'check'));
    assert.ok(suites.get('dave')!.every((c) => childrenNamed(c, 'failure')[0]?.attrs.message === 'no submission'));
    const runs = suites.get('syntax-error-carol')!.find((c) => c.attrs.name === 'sigmoid-grad: runs')!;
    const failure = childrenNamed(runs, 'failure')[0];
    assert.equal(failure.attrs.type, 'syntax');
    assert.match(failure.attrs.message, /sigmoid-grad\.ts:3/);
  });

  it('new pack: the scaffolded pack validates out of the box', async () => {
    const dir = path.join(tempDir(), 'fresh-pack');
    const created = await cli(['new', 'pack', dir]);
    assert.equal(created.code, 0, created.err);
    const added = await cli(['new', 'exercise', dir, 'second-one']);
    assert.equal(added.code, 0, added.err);
    const listed = JSON.parse((await cli(['list', dir, '--json'])).out);
    assert.deepEqual(listed.exercises.map((e: { id: string }) => e.id).slice(-1), ['second-one']);
    const validated = await cli(['validate', dir]);
    assert.equal(validated.code, 0, validated.out + validated.err);
  });
});
