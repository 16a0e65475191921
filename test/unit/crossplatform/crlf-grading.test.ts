/**
 * A learner on Windows saves with CRLF, and a pack cloned with git's core.autocrlf has CRLF starters,
 * harnesses, READMEs and manifests. These tests convert real pack files to CRLF (and add a UTF-8 BOM)
 * in a temp folder, grade them through the real runner, and require the same outcome and the same
 * reported line/column as the LF originals — the LF run is the independent reference here.
 * Needs dist/ (the sandbox bundles); skipped with that reason when absent.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gradeExercise } from '../../../src/grading/grade-exercise';
import type { GradeResult } from '../../../src/grading/types';
import { loadExercise, loadPack, PackLoadError } from '../../../src/pack/index';
import type { LoadedExercise, PackProblem } from '../../../src/pack/types';

const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'dist');
const MINIMAL_PACK = path.join(ROOT, 'examples/minimal-pack');
const COURSE_EXERCISE = path.join(ROOT, 'exercises/m6-clip-global-norm');

const toCrlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const TEXT_FILE = /\.(ts|json|md)$/;

/** Copies `from` to `to`, converting every text file to CRLF (what git autocrlf checks out). */
function copyAsCrlf(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copyAsCrlf(src, dst);
    else if (TEXT_FILE.test(entry.name)) fs.writeFileSync(dst, toCrlf(fs.readFileSync(src, 'utf8')));
    else fs.copyFileSync(src, dst);
  }
}

/** What a learner sees of a grade: outcome, error kind and position, per-check pass/fail. */
function essentials(r: GradeResult) {
  return {
    passed: r.passed,
    score: r.score,
    error: r.error && { kind: r.error.kind, line: r.error.line, column: r.error.column },
    checks: r.checks.map((c) => `${c.id}:${c.passed}`),
  };
}

function problemPositions(err: unknown): Array<Pick<PackProblem, 'jsonPath' | 'line' | 'column' | 'message'>> {
  assert.ok(err instanceof PackLoadError, `expected a PackLoadError, got ${String(err)}`);
  return err.problems.map(({ jsonPath, line, column, message }) => ({ jsonPath, line, column, message }));
}

describe('cross-platform: CRLF and BOM files grade like LF files', function () {
  this.timeout(120_000);
  let tmp: string;
  let lfExercise: LoadedExercise;
  let crlfExercise: LoadedExercise;

  before(async function () {
    // Reason: grading starts the sandbox from dist/; run `npm run build` first (npm test does).
    if (!fs.existsSync(path.join(DIST, 'sandbox-host.js'))) this.skip();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlab-crlf-'));
    copyAsCrlf(MINIMAL_PACK, path.join(tmp, 'minimal-pack'));
    lfExercise = await loadExercise(path.join(MINIMAL_PACK, 'sigmoid-grad'));
    crlfExercise = await loadExercise(path.join(tmp, 'minimal-pack/sigmoid-grad'));
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Grades `source` (LF) as the LF exercise and its CRLF (+BOM) variant as the CRLF exercise. */
  async function gradeBoth(source: string, bom = false) {
    const name = 'sigmoid-grad.ts';
    const lf = await gradeExercise(lfExercise, { file: path.join(lfExercise.dir, name), source }, { distDir: DIST, seeds: [1] });
    const crlfSource = (bom ? '\uFEFF' : '') + toCrlf(source);
    const crlf = await gradeExercise(crlfExercise, { file: path.join(crlfExercise.dir, name), source: crlfSource }, { distDir: DIST, seeds: [1] });
    return { lf, crlf };
  }

  it('the CRLF pack loads with the same manifests as the LF pack', async () => {
    const lf = await loadPack(MINIMAL_PACK);
    const crlf = await loadPack(path.join(tmp, 'minimal-pack'));
    assert.deepEqual(crlf.manifest, lf.manifest);
    assert.deepEqual(crlf.exercises.map((e) => e.manifest), lf.exercises.map((e) => e.manifest));
    assert.deepEqual(crlf.warnings, (lf.warnings ?? []).map((w) => ({ ...w, file: w.file.replace(MINIMAL_PACK, path.join(tmp, 'minimal-pack')) })));
  });

  it('the CRLF reference solution passes, with a CRLF harness, and the CRLF starter fails', async () => {
    const solution = await gradeExercise(crlfExercise, { file: crlfExercise.paths.solution }, { distDir: DIST, seeds: [1] });
    assert.equal(solution.passed, true, JSON.stringify(solution.error ?? solution.checks.filter((c) => !c.passed)));
    const starter = await gradeExercise(crlfExercise, { file: crlfExercise.paths.starter }, { distDir: DIST, seeds: [1] });
    assert.equal(starter.passed, false);
  });

  it('a BOM + CRLF copy of the reference passes', async () => {
    const source = fs.readFileSync(lfExercise.paths.solution, 'utf8');
    const { crlf } = await gradeBoth(source, true);
    assert.equal(crlf.passed, true, JSON.stringify(crlf.error));
  });

  it('a syntax error is reported at the same line and column', async () => {
    const source = 'export function sigmoidGrad(x: number): number {\n  const s = 1 / (1 + Math.exp(-x));\n\n  return s * (1 - s;\n}\n';
    for (const bom of [false, true]) {
      const { lf, crlf } = await gradeBoth(source, bom);
      assert.equal(lf.error?.kind, 'syntax');
      assert.equal(lf.error?.line, 4);
      assert.deepEqual(essentials(crlf), essentials(lf), `bom=${bom}`);
      assert.match(crlf.error?.message ?? '', /The line reads: return s \* \(1 - s;$/, 'the excerpt must not carry a \\r');
    }
  });

  it('a BOM does not shift the column of a syntax error on line 1', async () => {
    const source = 'export function sigmoidGrad(x: number): number { return x +; }\n';
    const { lf, crlf } = await gradeBoth(source, true);
    assert.equal(lf.error?.kind, 'syntax');
    assert.deepEqual(essentials(crlf), essentials(lf));
  });

  it('old-Mac line endings (a lone \\r, a line break to VS Code and V8) keep syntax, banned-use and runtime lines', async () => {
    const sources = [
      'export function sigmoidGrad(x: number): number {\n  const s = 1;\n  return s * (1 - s;\n}\n',
      "import { sigmoid } from 'gradlab';\n\nexport function sigmoidGrad(x: number): number {\n  return sigmoid(x);\n}\n",
      'export function sigmoidGrad(x: number): number {\n  const s = 1;\n  throw new Error(`${s}`);\n}\n',
    ];
    for (const source of sources) {
      const lf = await gradeExercise(lfExercise, { file: path.join(lfExercise.dir, 'sigmoid-grad.ts'), source }, { distDir: DIST, seeds: [1] });
      const cr = await gradeExercise(lfExercise, { file: path.join(lfExercise.dir, 'sigmoid-grad.ts'), source: source.replace(/\n/g, '\r') }, { distDir: DIST, seeds: [1] });
      assert.ok(lf.error?.line !== undefined && lf.error.line > 1, JSON.stringify(lf.error));
      assert.deepEqual(essentials(cr), essentials(lf));
    }
  });

  it('a banned helper is reported at the same line', async () => {
    const source = "import * as gl from 'gradlab';\n\n// uses the engine's own sigmoid\nexport function sigmoidGrad(x: number): number {\n  const s = gl.sigmoid(gl.tensor([x])).item();\n  return s * (1 - s);\n}\n";
    for (const bom of [false, true]) {
      const { lf, crlf } = await gradeBoth(source, bom);
      assert.equal(lf.error?.kind, 'banned-helper');
      assert.equal(lf.error?.line, 5);
      assert.deepEqual(essentials(crlf), essentials(lf), `bom=${bom}`);
    }
  });

  it('a runtime error is located at the same line', async () => {
    const source = '/** doc */\nexport function sigmoidGrad(x: number): number {\n  if (x > -100) {\n    throw new Error("not yet");\n  }\n  return x;\n}\n';
    for (const bom of [false, true]) {
      const { lf, crlf } = await gradeBoth(source, bom);
      assert.equal(lf.error?.line, 4, JSON.stringify(lf.error));
      assert.deepEqual(essentials(crlf), essentials(lf), `bom=${bom}`);
    }
  });

  it('a course exercise with every file in CRLF: reference passes, starter fails', async () => {
    const dir = path.join(tmp, 'course', path.basename(COURSE_EXERCISE));
    copyAsCrlf(COURSE_EXERCISE, dir);
    const ex = await loadExercise(dir);
    const solution = await gradeExercise(ex, { file: ex.paths.solution }, { distDir: DIST, seeds: [ex.manifest.seeds[0]] });
    assert.equal(solution.passed, true, JSON.stringify(solution.error ?? solution.checks.filter((c) => !c.passed)));
    const starter = await gradeExercise(ex, { file: ex.paths.starter }, { distDir: DIST, seeds: [ex.manifest.seeds[0]] });
    assert.equal(starter.passed, false);
  });

  it('manifest problems point at the same line and column in a CRLF exercise.json', async () => {
    const broken = (text: string) => text.replace('"timeMs": 5000', '"timeMs": "fast"').replace('"seeds": [1, 2, 3],', '"seeds": [1, 2, 3],\n  "colour": "blue",');
    const lfDir = path.join(tmp, 'lf-broken', 'sigmoid-grad');
    const crlfDir = path.join(tmp, 'crlf-broken', 'sigmoid-grad');
    copyAsCrlf(lfExercise.dir, crlfDir);
    fs.mkdirSync(lfDir, { recursive: true });
    for (const f of fs.readdirSync(lfExercise.dir)) fs.copyFileSync(path.join(lfExercise.dir, f), path.join(lfDir, f));
    const manifest = fs.readFileSync(path.join(lfExercise.dir, 'exercise.json'), 'utf8');
    assert.ok(broken(manifest) !== manifest, 'the edit must apply to the example manifest');
    fs.writeFileSync(path.join(lfDir, 'exercise.json'), broken(manifest));
    fs.writeFileSync(path.join(crlfDir, 'exercise.json'), '\uFEFF' + toCrlf(broken(manifest)));
    const lfProblems = problemPositions(await loadExercise(lfDir).then(() => undefined, (e: unknown) => e));
    const crlfProblems = problemPositions(await loadExercise(crlfDir).then(() => undefined, (e: unknown) => e));
    assert.ok(lfProblems.some((p) => p.jsonPath === '/limits/timeMs'), JSON.stringify(lfProblems));
    assert.deepEqual(crlfProblems, lfProblems);
  });
});
