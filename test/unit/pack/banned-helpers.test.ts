/**
 * bannedHelpers names: exports, dotted namespace members and instance methods are accepted when the
 * engine has them; anything else is an error at /bannedHelpers/<i> that says what is wrong and what
 * was probably meant.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { engineNameProblem } from '../../../src/pack/engine-exports';
import { validateExerciseManifest } from '../../../src/pack/validate';
import type { PackProblem } from '../../../src/pack/types';
import { EXAMPLE_PACK } from './helpers';

const FILE = '/virtual/ex/exercise.json';
const example = () => JSON.parse(fs.readFileSync(path.join(EXAMPLE_PACK, 'sigmoid-grad', 'exercise.json'), 'utf8'));

function bannedProblems(bannedHelpers: string[]): PackProblem[] {
  const m = example();
  m.bannedHelpers = bannedHelpers;
  return validateExerciseManifest(JSON.stringify(m, null, 2), FILE, { checkFiles: false }).filter((p) => p.jsonPath.startsWith('/bannedHelpers'));
}

function onlyError(bannedHelpers: string[], index: number): PackProblem {
  const problems = bannedProblems(bannedHelpers);
  assert.strictEqual(problems.length, 1, JSON.stringify(problems, null, 2));
  assert.strictEqual(problems[0].jsonPath, `/bannedHelpers/${index}`);
  assert.strictEqual(problems[0].severity, 'error');
  return problems[0];
}

describe('pack: bannedHelpers names', () => {
  it('accepts exports, whole namespaces, namespace members and tensor methods the engine has', () => {
    assert.deepStrictEqual(
      bannedProblems(['clipGradNorm_', 'init', 'nn.BatchNorm1d', 'nn.LayerNorm', 'init.kaimingNormal_', 'optim.Adam', 'Tensor.prototype.relu']),
      [],
    );
  });

  it('an unknown namespace member: error at its JSON path and line, with "did you mean"', () => {
    const p = onlyError(['clipGradNorm_', 'nn.BatchNorm'], 1);
    assert.match(p.message, /"nn\.BatchNorm" is not in the engine's nn namespace/);
    assert.strictEqual(p.fix, 'Did you mean "nn.BatchNorm1d"?');
    // The example's text is pretty-printed with one array item per line: the entry is on its own line.
    const m = example();
    m.bannedHelpers = ['clipGradNorm_', 'nn.BatchNorm'];
    const text = JSON.stringify(m, null, 2);
    assert.strictEqual(p.line, text.split('\n').findIndex((l) => l.includes('"nn.BatchNorm"')) + 1);
  });

  it('a member nothing is close to lists what the namespace holds', () => {
    const p = onlyError(['optim.RMSprop'], 0);
    assert.match(p.message, /not in the engine's optim namespace/);
    assert.match(p.fix, /optim holds: .*Adam.*SGD/);
  });

  it('an unknown namespace: suggests the dotted name that exists', () => {
    const p = onlyError(['nnn.BatchNorm1d'], 0);
    assert.match(p.message, /no export "nnn"/);
    assert.strictEqual(p.fix, 'Did you mean "nn.BatchNorm1d"?');
  });

  it('a dotted name through a function is refused with the two forms that work', () => {
    const p = onlyError(['clipGradNorm_.inner'], 0);
    assert.match(p.message, /clipGradNorm_ is a function or class, not a namespace/);
    assert.match(p.fix, /"nn\.BatchNorm1d".*"Tensor\.prototype\.relu".*write "clipGradNorm_"/);
  });

  it('"Tensor.relu" points at the method form; a misspelt method gets a suggestion', () => {
    assert.strictEqual(onlyError(['Tensor.relu'], 0).fix, 'To ban the method (x.relu()), write "Tensor.prototype.relu".');
    assert.strictEqual(onlyError(['Tensor.prototype.rellu'], 0).fix, 'Did you mean "Tensor.prototype.relu"?');
  });

  it('the schema refuses names that are not dotted identifiers, in plain words', () => {
    for (const bad of ['nn.', 'nn..Linear', '.relu', 'nn/BatchNorm1d']) {
      // One error, in words (not the raw regex), with the fix showing the accepted forms.
      const p = onlyError([bad], 0);
      assert.ok(p.message.startsWith(`${JSON.stringify(bad)} is not an engine name`), `${bad}: ${p.message}`);
      assert.doesNotMatch(p.message, /pattern/);
      assert.match(p.fix, /"nn\.BatchNorm1d"/);
    }
  });

  it('every bannedHelpers entry of the built-in course names something in the engine', () => {
    const course = path.resolve(__dirname, '../../../exercises');
    for (const id of fs.readdirSync(course)) {
      const file = path.join(course, id, 'exercise.json');
      if (!fs.existsSync(file)) continue;
      for (const name of (JSON.parse(fs.readFileSync(file, 'utf8')).bannedHelpers ?? []) as string[]) {
        assert.strictEqual(engineNameProblem(name), undefined, `${id}: ${name}`);
      }
    }
  });
});
