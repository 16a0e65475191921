import { strict as assert } from 'node:assert';
import { findBannedHelper, findBannedHelperUses } from '../../../src/runner/banned-scan';

/** Source lines joined with newlines, so each test can say which line a use is on. */
const src = (...lines: string[]) => lines.join('\n') + '\n';
const scan = (source: string, ...banned: string[]) => findBannedHelper(source, banned);

describe('runner: banned-helper source scan', () => {
  describe('uses that resolve to the gradlab module are flagged at their line', () => {
    it('a named import called later: the call line wins over the import line', () => {
      const s = src(
        "import { Tensor, clipGradNorm_ } from 'gradlab';",
        '// clipGradNorm_ in a comment is fine',
        "const s = 'clipGradNorm_ in a string is fine';",
        'clipGradNorm_([x], 1);',
      );
      assert.deepEqual(scan(s, 'clipGradNorm_'), { name: 'clipGradNorm_', line: 4 });
    });

    it('a named import that is never called is still reported, at the import', () => {
      assert.deepEqual(scan("import { clipGradNorm_ } from 'gradlab';\n", 'clipGradNorm_'), { name: 'clipGradNorm_', line: 1 });
    });

    it('an aliased named import: the alias is followed', () => {
      const s = src("import { clipGradNorm_ as c } from 'gradlab';", '', 'export function f(ps) {', '  return c(ps, 1);', '}');
      assert.deepEqual(scan(s, 'clipGradNorm_'), { name: 'clipGradNorm_', line: 4 });
    });

    it('namespace, default and require bindings: dot, optional, bracket and template member access', () => {
      for (const head of ["import * as gl from 'gradlab';", "import gl from 'gradlab';", "const gl = require('gradlab');", "import gl = require('gradlab');"]) {
        for (const use of ['gl.clipGradNorm_(ps, 1);', "gl['clipGradNorm_'](ps, 1);", 'gl?.clipGradNorm_(ps, 1);', 'gl!.clipGradNorm_(ps, 1);', 'gl[`clipGradNorm_`](ps, 1);', 'gl.default.clipGradNorm_(ps, 1);']) {
          assert.deepEqual(scan(src(head, 'const ps = [];', use), 'clipGradNorm_'), { name: 'clipGradNorm_', line: 3 }, `${head} ${use}`);
        }
      }
    });

    it("require('gradlab') used directly", () => {
      assert.deepEqual(scan(src('const x = 1;', "require('gradlab').clipGradNorm_([], 1);"), 'clipGradNorm_'), { name: 'clipGradNorm_', line: 2 });
    });

    it('destructuring from a namespace, a require, and nested destructuring', () => {
      assert.deepEqual(scan(src("import * as gl from 'gradlab';", 'const { tensor,', '  clipGradNorm_ } = gl;'), 'clipGradNorm_'), { name: 'clipGradNorm_', line: 3 });
      assert.deepEqual(scan(src('const { clipGradNorm_: clip } =', "  require('gradlab');"), 'clipGradNorm_'), { name: 'clipGradNorm_', line: 1 });
      assert.deepEqual(
        scan(src("import * as gl from 'gradlab';", 'const {', '  nn: { Linear, BatchNorm1d: BN = 1 },', '} = gl;'), 'nn.BatchNorm1d'),
        { name: 'nn.BatchNorm1d', line: 3 },
      );
    });

    it('aliases of the module and of a namespace are followed', () => {
      const s = src("import * as gl from 'gradlab';", 'const g: any = gl;', 'const layers = g.nn;', 'const { BatchNorm1d } = layers;', 'new BatchNorm1d(4);');
      assert.deepEqual(scan(s, 'nn.BatchNorm1d'), { name: 'nn.BatchNorm1d', line: 4 });
    });

    it('re-exporting a banned helper is a use', () => {
      assert.deepEqual(scan(src('// mine', "export { clipGradNorm_ as clipGradNorm } from 'gradlab';"), 'clipGradNorm_'), { name: 'clipGradNorm_', line: 2 });
      assert.deepEqual(scan(src("import { clipGradNorm_ } from 'gradlab';", 'export { clipGradNorm_ };'), 'clipGradNorm_'), { name: 'clipGradNorm_', line: 2 });
    });

    it('inside a template literal expression (the literal text around it is not code)', () => {
      const s = src("import { clipGradNorm_ } from 'gradlab';", 'const a = `clipGradNorm_ ${1}`;', 'const b = `${clipGradNorm_([], 1)}`;');
      assert.deepEqual(scan(s, 'clipGradNorm_'), { name: 'clipGradNorm_', line: 3 });
    });

    it('a banned helper passed as a value (shorthand property, argument) is a use', () => {
      assert.deepEqual(scan(src("import { relu } from 'gradlab';", 'const acts = { relu };'), 'relu'), { name: 'relu', line: 2 });
      assert.deepEqual(scan(src("import { relu } from 'gradlab';", '', 'apply(relu, x);'), 'relu'), { name: 'relu', line: 3 });
    });
  });

  describe('dotted names: members of the engine namespaces', () => {
    it('gl.nn.BatchNorm1d, and the rest of nn stays usable', () => {
      const s = src("import * as gl from 'gradlab';", 'const lin = new gl.nn.Linear(2, 2);', 'const bn = new gl.nn.BatchNorm1d(2);');
      assert.deepEqual(scan(s, 'nn.BatchNorm1d'), { name: 'nn.BatchNorm1d', line: 3 });
      assert.equal(scan(src("import * as gl from 'gradlab';", 'const lin = new gl.nn.Linear(2, 2);'), 'nn.BatchNorm1d'), undefined);
    });

    it("import { nn } from 'gradlab'; nn.BatchNorm1d — flagged at the use, not at the import", () => {
      const s = src("import { nn, tensor } from 'gradlab';", 'const a = new nn.Linear(2, 2);', 'const b = new nn.BatchNorm1d(2);');
      assert.deepEqual(findBannedHelperUses(s, ['nn.BatchNorm1d']), [{ name: 'nn.BatchNorm1d', line: 3, inImport: false }]);
    });

    it('const { BatchNorm1d } = nn and bracket access nn["BatchNorm1d"]', () => {
      assert.deepEqual(scan(src("import { nn } from 'gradlab';", 'const { Linear, BatchNorm1d } = nn;'), 'nn.BatchNorm1d'), { name: 'nn.BatchNorm1d', line: 2 });
      assert.deepEqual(scan(src("import { init } from 'gradlab';", "init['kaimingNormal_'](w);"), 'init.kaimingNormal_'), { name: 'init.kaimingNormal_', line: 2 });
    });

    it('banning a whole namespace flags any use of it', () => {
      assert.deepEqual(scan(src("import * as gl from 'gradlab';", 'new gl.optim.SGD(ps, { lr: 0.1 });'), 'optim'), { name: 'optim', line: 2 });
      assert.deepEqual(scan(src("import { optim } from 'gradlab';", '', 'new optim.Adam(ps, {});'), 'optim'), { name: 'optim', line: 3 });
    });

    it('a type annotation naming a banned class is not a use (types are erased)', () => {
      const s = src("import { nn, type Tensor } from 'gradlab';", 'import type { Module } from "gradlab";', 'let cache: { bn: nn.BatchNorm1d; m: Module } | undefined;', 'export function f(x: Tensor): nn.BatchNorm1d | undefined { return cache?.bn; }');
      assert.equal(scan(s, 'nn.BatchNorm1d', 'Module'), undefined);
    });
  });

  describe("the learner's own names are never flagged", () => {
    it('own function, variable, parameter and property with a banned name', () => {
      const s = src(
        "import { Tensor, tensor } from 'gradlab';",
        'export function clipGradNorm_(params: Tensor[], maxNorm: number): number { return clipGradNorm_.length + maxNorm; }',
        'export const globalGradNorm = (ps: Tensor[]) => ps.length;',
        'const layerGradNorms = { gradNorm: 1 };',
        'function g(relu: number) { return relu + layerGradNorms.gradNorm; }',
        'class Net { relu(x: number) { return x; } clipGradNorm_ = 2; }',
        'const { gradNorm } = layerGradNorms;',
      );
      assert.equal(scan(s, 'clipGradNorm_', 'globalGradNorm', 'layerGradNorms', 'gradNorm', 'relu'), undefined);
    });

    it('a local that shadows a gradlab binding hides it in its scope only', () => {
      const s = src(
        "import * as gl from 'gradlab';",
        "import { nn } from 'gradlab';",
        'function mine(gl: { clipGradNorm_(): void }, nn: any) {',
        '  gl.clipGradNorm_();',
        '  return new nn.BatchNorm1d();',
        '}',
        'gl.clipGradNorm_([], 1);',
      );
      assert.deepEqual(findBannedHelperUses(s, ['clipGradNorm_', 'nn.BatchNorm1d']), [{ name: 'clipGradNorm_', line: 7, inImport: false }]);
    });

    it('the same name on an object that is not gradlab, a user require, other modules', () => {
      const s = src(
        "import { clipGradNorm_ } from './mine';",
        'const helpers = { clipGradNorm_: (x: number) => x };',
        'helpers.clipGradNorm_(1);',
        "const require = (m: string) => helpers; require('gradlab').clipGradNorm_(2);",
      );
      assert.equal(scan(s, 'clipGradNorm_'), undefined);
    });

    it('whole identifiers only, and nothing banned means nothing found', () => {
      assert.equal(scan("import * as gl from 'gradlab';\nconst myclip = gl.clipGradNorm_2;", 'clipGradNorm_'), undefined);
      assert.equal(scan("import { clipGradNorm_ } from 'gradlab';\nclipGradNorm_();"), undefined);
    });
  });

  describe('instance methods: "Tensor.prototype.relu"', () => {
    it('x.relu(), x?.relu(), x["relu"] on any value are flagged', () => {
      for (const use of ['return x.relu();', 'return x?.relu();', "return x['relu']();", 'return x.detach()!.relu();']) {
        assert.deepEqual(scan(src("import { Tensor } from 'gradlab';", 'export function f(x: Tensor) {', `  ${use}`, '}'), 'Tensor.prototype.relu'), { name: 'Tensor.prototype.relu', line: 3 }, use);
      }
    });

    it('a const object literal of the learner and `this` are not tensors: their .relu is not flagged', () => {
      const s = src(
        'const layer = { relu: (v: number) => Math.max(0, v) };',
        'class Act { relu(v: number) { return v; } twice(v: number) { return this.relu(this.relu(v)); } }',
        'layer.relu(1); layer["relu"](2);',
        'let other = { relu: (v: number) => v };',
        'other.relu(3);',
      );
      assert.deepEqual(findBannedHelperUses(s, ['Tensor.prototype.relu']), [{ name: 'Tensor.prototype.relu', line: 5, inImport: false }]);
    });

    it("a module function of the same name is not the method, and the learner may declare 'relu'", () => {
      const s = src("import * as gl from 'gradlab';", 'function relu(x: number) { return Math.max(0, x); }', 'const o = { relu };', 'for (const k of ["relu"]) gl.relu(k);');
      assert.equal(scan(s, 'Tensor.prototype.relu'), undefined);
      assert.deepEqual(scan(s, 'relu'), { name: 'relu', line: 4 });
    });
  });

  it('source that does not parse gives no result (the transform reports syntax errors)', () => {
    assert.deepEqual(findBannedHelperUses("import { clipGradNorm_ } from 'gradlab';\nclipGradNorm_(", ['clipGradNorm_']), []);
  });
});
