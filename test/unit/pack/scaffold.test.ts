import * as assert from 'assert';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import { loadPack } from '../../../src/pack/load';
import { scaffoldExercise, scaffoldPack, ScaffoldError } from '../../../src/pack/scaffold';
import { EXAMPLE_PACK } from './helpers';

/** Independent reference: σ'(x) by a centered finite difference of σ (no autograd, no shared code). */
function sigmoidDerivativeFD(x: number): number {
  const s = (t: number) => 1 / (1 + Math.exp(-t));
  const h = 1e-5;
  return (s(x + h) - s(x - h)) / (2 * h);
}

type SigmoidGrad = (x: number) => number;

/**
 * Loads a submission file directly (the tsx hook mocha runs under compiles it); running it through
 * the sandboxed runner is the runner's and `gradlab validate`'s job.
 */
async function sigmoidGradFrom(file: string): Promise<SigmoidGrad> {
  const load = createRequire(__filename);
  return (load(file) as { sigmoidGrad: SigmoidGrad }).sigmoidGrad;
}

describe('scaffolding packs and exercises', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gradlab-pack-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('scaffoldPack writes a pack that loads without errors, id derived from the folder name', async () => {
    const dir = path.join(tmp, 'My Course');
    const result = await scaffoldPack(dir, { title: 'My course' });
    assert.deepStrictEqual(result.files.map((f) => path.relative(dir, f)).sort(), [
      'README.md', 'pack.json', 'sigmoid-grad/README.md', 'sigmoid-grad/exercise.json',
      'sigmoid-grad/harness.ts', 'sigmoid-grad/solution.ts', 'sigmoid-grad/starter.ts',
    ].map((f) => f.split('/').join(path.sep)));
    const pack = await loadPack(dir);
    assert.strictEqual(pack.manifest.id, 'my-course');
    assert.strictEqual(pack.manifest.title, 'My course');
    assert.deepStrictEqual(pack.exercises.map((e) => e.manifest.id), ['sigmoid-grad']);
    assert.deepStrictEqual((pack.warnings ?? []).filter((w) => !w.jsonPath.startsWith('/bannedHelpers')), []);
  });

  it('the scaffolded solution meets the template checks and the starter does not', async () => {
    const dir = path.join(tmp, 'p');
    await scaffoldPack(dir, { id: 'p' });
    {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'sigmoid-grad', 'exercise.json'), 'utf8'));
      const [tolerance] = [manifest.checks[0].threshold as number];
      const [lo, hi] = manifest.checks[1].threshold as [number, number];
      const solution = await sigmoidGradFrom(path.join(dir, 'sigmoid-grad', 'solution.ts'));
      const starter = await sigmoidGradFrom(path.join(dir, 'sigmoid-grad', 'starter.ts'));
      const xs = Array.from({ length: 33 }, (_, i) => -8 + i * 0.5);
      const relErr = (f: SigmoidGrad) => Math.max(...xs.map((x) => Math.abs(f(x) - sigmoidDerivativeFD(x)) / sigmoidDerivativeFD(x)));
      // FD has truncation error ~h² ≈ 1e-10 relative, so compare against it at 1e-6; the template's
      // own 1e-9 threshold is met against autograd (exact), which the runner tests cover.
      assert.ok(relErr(solution) < 1e-6, `solution rel. error ${relErr(solution)}`);
      assert.ok(tolerance < 1e-6);
      const peak = (f: SigmoidGrad) => Math.max(...Array.from({ length: 25 }, (_, i) => f(-6 + i * 0.5)));
      assert.ok(peak(solution) >= lo && peak(solution) <= hi, `solution peak ${peak(solution)}`);
      assert.ok(relErr(starter) > tolerance, 'the starter must fail matches-autograd');
      assert.ok(!(peak(starter) >= lo && peak(starter) <= hi), 'the starter must fail peak-is-quarter');
    }
  });

  it('the example pack\'s solution and starter behave the same way', async () => {
    const solution = await sigmoidGradFrom(path.join(EXAMPLE_PACK, 'sigmoid-grad', 'solution.ts'));
    const starter = await sigmoidGradFrom(path.join(EXAMPLE_PACK, 'sigmoid-grad', 'starter.ts'));
    for (const x of [-7.3, -2, 0, 0.4, 5.5]) {
      assert.ok(Math.abs(solution(x) - sigmoidDerivativeFD(x)) <= 1e-8 * sigmoidDerivativeFD(x) + 1e-12, `x=${x}`);
    }
    assert.strictEqual(solution(0), 0.25);
    assert.strictEqual(starter(0), 0);
  });

  it('scaffoldExercise adds a folder and lists it in pack.json, keeping the pack loadable', async () => {
    const dir = path.join(tmp, 'pack');
    await scaffoldPack(dir, { id: 'pack', title: 'Pack' });
    const result = await scaffoldExercise(dir, 'clip-by-norm', { title: 'Clip by global norm' });
    assert.strictEqual(result.dir, path.join(dir, 'clip-by-norm'));
    const pack = await loadPack(dir);
    assert.deepStrictEqual(pack.manifest.exercises, ['sigmoid-grad', 'clip-by-norm']);
    const ex = pack.exercises[1].manifest;
    assert.deepStrictEqual([ex.id, ex.title, ex.learnerFile], ['clip-by-norm', 'Clip by global norm', 'clip-by-norm.ts']);
    // pack.json keeps its 2-space formatting after the edit.
    assert.match(fs.readFileSync(path.join(dir, 'pack.json'), 'utf8'), /\n {2}"exercises": \[/);
  });

  it('refuses to overwrite, and names what exists', async () => {
    const dir = path.join(tmp, 'pack');
    await scaffoldPack(dir, { id: 'pack' });
    await assert.rejects(scaffoldPack(dir, { id: 'pack' }), (e: Error) =>
      e instanceof ScaffoldError && e.message.includes(path.join(dir, 'pack.json')) && /never overwrites/.test(e.message));
    fs.mkdirSync(path.join(dir, 'taken'));
    await assert.rejects(scaffoldExercise(dir, 'taken'), (e: Error) => e instanceof ScaffoldError && e.message.includes('taken'));
    await assert.rejects(scaffoldExercise(dir, 'sigmoid-grad'), /already listed/);
    // Nothing was half-written by the refusals.
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'taken')), []);
  });

  it('rejects ids that are not kebab-case and folders that are not packs', async () => {
    await assert.rejects(scaffoldPack(path.join(tmp, 'x'), { id: 'Bad Id' }), /Invalid pack id "Bad Id".*"bad-id"/);
    await assert.rejects(scaffoldExercise(tmp, 'fine-id'), /not a GradLab pack \(no pack\.json\)/);
    assert.strictEqual(fs.existsSync(path.join(tmp, 'x')), false);
  });
});
