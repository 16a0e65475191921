/**
 * A scaffolded pack gives its author an editor that knows GradLab: `gradlab new pack` writes a
 * tsconfig.json and copies the engine's declarations (dist/types) plus 'gradlab/harness' into
 * .gradlab/types, so `tsc --noEmit -p <pack>` type-checks starters, solutions and harnesses — and
 * reports a deliberate type error.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { scaffoldPack } from '../../../src/pack';
import { HARNESS_DTS } from '../../../src/pack/scaffold-harness-types';
import { editorTsconfig } from '../../../src/pack/scaffold-editor-templates';
import { learnerTsconfig } from '../../../src/extension/core/course-plan';
import { gradlab, haveTypes, ROOT, tempDir, typecheck } from './helpers';

describe('editor support in scaffolded packs', function () {
  this.timeout(180_000);
  let tmp: string;
  beforeEach(() => {
    tmp = tempDir('gradlab-editor-');
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("the shipped 'gradlab/harness' declarations are exactly what TypeScript declares for src/runner/harness-api.ts", () => {
    const source = fs.readFileSync(path.join(ROOT, 'src/runner/harness-api.ts'), 'utf8');
    const declared = ts.transpileDeclaration(source, { fileName: 'harness-api.ts', compilerOptions: { removeComments: false } });
    assert.deepEqual(declared.diagnostics ?? [], []);
    const expected = declared.outputText.replace("from '../engine/index'", "from './index'");
    assert.notEqual(expected, declared.outputText, "harness-api.ts no longer imports '../engine/index': update the rewrite here and in src/pack/scaffold-harness-types.ts");
    assert.equal(HARNESS_DTS, expected, `src/pack/scaffold-harness-types.ts is out of date with src/runner/harness-api.ts; set HARNESS_DTS to:\n${expected}`);
  });

  it('packs and courses share one tsconfig; only the pack maps gradlab/harness', () => {
    const pack = JSON.parse(editorTsconfig({ harness: true }));
    const course = JSON.parse(learnerTsconfig());
    assert.deepEqual(pack.compilerOptions.paths, { gradlab: ['.gradlab/types/index.d.ts'], 'gradlab/harness': ['.gradlab/types/harness.d.ts'] });
    assert.deepEqual(course.compilerOptions.paths, { gradlab: ['.gradlab/types/index.d.ts'] });
    const { paths: _p, ...packRest } = pack.compilerOptions;
    const { paths: _c, ...courseRest } = course.compilerOptions;
    assert.deepEqual(packRest, courseRest);
    assert.deepEqual(pack.include, course.include);
  });

  it('without declarations to copy, the pack is still created and the CLI says what is missing', async () => {
    const result = await scaffoldPack(path.join(tmp, 'p'), { typesDir: path.join(tmp, 'no-such-types') });
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0], /No engine type declarations at .*no-such-types.*Copy GradLab's dist\/types there/);
    assert.ok(fs.existsSync(path.join(tmp, 'p', 'tsconfig.json')));
    assert.ok(fs.existsSync(path.join(tmp, 'p', '.gradlab', 'types', 'harness.d.ts')));
  });

  it('an existing .gitignore is kept, with a warning naming the line to add', async () => {
    fs.mkdirSync(path.join(tmp, 'p'));
    fs.writeFileSync(path.join(tmp, 'p', '.gitignore'), 'node_modules/\n');
    const result = await scaffoldPack(path.join(tmp, 'p'), { typesDir: path.join(ROOT, 'dist', 'types') });
    assert.equal(fs.readFileSync(path.join(tmp, 'p', '.gitignore'), 'utf8'), 'node_modules/\n');
    assert.ok(result.warnings.some((w) => /add the line "\.gradlab\/"/.test(w)), result.warnings.join('\n'));
  });

  describe('gradlab new pack → tsc --noEmit -p <pack>', () => {
    before(function () {
      // Reason: the declarations are a build product (scripts/build-types.mjs); run `npm run build`.
      if (!haveTypes()) this.skip();
    });

    it('writes tsconfig.json, .gitignore and .gradlab/types; the pack (with a second exercise) type-checks clean', async () => {
      const made = await gradlab(['new', 'pack', path.join(tmp, 'course')]);
      assert.equal(made.code, 0, made.err);
      const pack = path.join(tmp, 'course');
      for (const f of ['tsconfig.json', '.gitignore', '.gradlab/types/index.d.ts', '.gradlab/types/harness.d.ts', '.gradlab/types/sandbox-globals.d.ts']) {
        assert.ok(fs.existsSync(path.join(pack, f)), `${f} was not written`);
      }
      assert.match(fs.readFileSync(path.join(pack, '.gitignore'), 'utf8'), /^\.gradlab\/$/m);
      assert.equal((await gradlab(['new', 'exercise', pack, 'relu-backward'])).code, 0);

      const clean = typecheck(pack);
      assert.equal(clean.code, 0, `a fresh pack should type-check:\n${clean.out}${clean.err}`);
      // The pack still loads: the editor files are not mistaken for exercises.
      const list = await gradlab(['list', pack, '--json']);
      assert.equal(list.code, 0, list.err);
      assert.deepEqual(JSON.parse(list.out).exercises.map((e: { id: string }) => e.id), ['sigmoid-grad', 'relu-backward']);
    });

    it('gradlab new types restores a cloned pack (no .gradlab/) and keeps the author\'s tsconfig', async () => {
      const pack = path.join(tmp, 'course');
      assert.equal((await gradlab(['new', 'pack', pack])).code, 0);
      // A clone: .gradlab/ is git-ignored, and the author has edited tsconfig.json.
      fs.rmSync(path.join(pack, '.gradlab'), { recursive: true });
      const authored = fs.readFileSync(path.join(pack, 'tsconfig.json'), 'utf8').replace('{', '{\n  // mine\n');
      fs.writeFileSync(path.join(pack, 'tsconfig.json'), authored);
      assert.notEqual(typecheck(pack).code, 0, "without the declarations 'gradlab' must not resolve");
      // A stale file from an older GradLab is dropped by the refresh.
      fs.mkdirSync(path.join(pack, '.gradlab', 'types'), { recursive: true });
      fs.writeFileSync(path.join(pack, '.gradlab', 'types', 'stale.d.ts'), 'declare const stale: number;\n');

      const r = await gradlab(['new', 'types', pack]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /\.gradlab[\\/]types[\\/]index\.d\.ts/);
      assert.equal(fs.readFileSync(path.join(pack, 'tsconfig.json'), 'utf8'), authored);
      assert.ok(!fs.existsSync(path.join(pack, '.gradlab', 'types', 'stale.d.ts')));
      const clean = typecheck(pack);
      assert.equal(clean.code, 0, `the refreshed pack should type-check:\n${clean.out}${clean.err}`);
    });

    it('gradlab new types on a folder without pack.json is a usage error that says what to pass', async () => {
      const r = await gradlab(['new', 'types', tmp]);
      assert.equal(r.code, 2);
      assert.match(r.err, /pack\.json/);
    });

    it('reports deliberate type errors in a solution and in a harness, with file and line', async () => {
      const pack = path.join(tmp, 'course');
      assert.equal((await gradlab(['new', 'pack', pack])).code, 0);
      const solution = path.join(pack, 'sigmoid-grad', 'solution.ts');
      fs.appendFileSync(solution, "\nexport const wrong: number = 'not a number';\n");
      const harness = path.join(pack, 'sigmoid-grad', 'harness.ts');
      fs.writeFileSync(harness, fs.readFileSync(harness, 'utf8').replace("ctx.record('maxRelError', maxRelError);", "ctx.recordd('maxRelError', maxRelError);"));

      const r = typecheck(pack);
      assert.notEqual(r.code, 0);
      const lines = solutionLines(solution);
      assert.match(r.out, new RegExp(`sigmoid-grad/solution\\.ts\\(${lines},\\d+\\): error TS2322: Type 'string' is not assignable to type 'number'`));
      assert.match(r.out, /sigmoid-grad\/harness\.ts\(\d+,\d+\): error TS2551: Property 'recordd' does not exist on type 'HarnessContext'\. Did you mean 'record'\?/);
    });
  });
});

/** The 1-based line of the appended `wrong` declaration. */
function solutionLines(file: string): number {
  return fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('export const wrong')) + 1;
}
