import { strict as assert } from 'node:assert';
import * as engine from '../../../src/engine/index';
import { makeLearnerFacade } from '../../../src/runner/sandbox/runtime/modules';

class BannedError extends Error {}

/** The learner's 'gradlab' module for this ban list; a banned read throws BannedError naming the entry. */
function facadeFor(...banned: string[]): Record<string, any> {
  return makeLearnerFacade(engine as unknown as Record<string, unknown>, new Set(banned), (name) => new BannedError(name)) as Record<string, any>;
}

function bannedName(read: () => unknown): string {
  try {
    read();
  } catch (err) {
    assert.ok(err instanceof BannedError, `expected a banned-helper error, got ${String(err)}`);
    return err.message;
  }
  assert.fail('reading the banned member did not throw');
}

describe('runner: learner facade of the gradlab module (runtime banned-helper check)', () => {
  it('a top-level ban throws on dot and computed access, and hides the name from enumeration', () => {
    const gl = facadeFor('clipGradNorm_');
    assert.equal(bannedName(() => gl.clipGradNorm_), 'clipGradNorm_');
    assert.equal(bannedName(() => gl[['clip', 'Grad', 'Norm_'].join('')]), 'clipGradNorm_');
    assert.equal(bannedName(() => gl.default.clipGradNorm_), 'clipGradNorm_');
    assert.ok(!Object.keys(gl).includes('clipGradNorm_'));
    assert.equal(gl.clipGradValue_, engine.clipGradValue_);
  });

  it('"nn.BatchNorm1d" hides exactly that member; the rest of nn stays usable', () => {
    const gl = facadeFor('nn.BatchNorm1d');
    assert.equal(bannedName(() => gl.nn.BatchNorm1d), 'nn.BatchNorm1d');
    assert.equal(bannedName(() => gl.nn['Batch' + 'Norm1d']), 'nn.BatchNorm1d');
    assert.equal({ ...gl.nn }.BatchNorm1d, undefined); // spreading the namespace does not trip or copy it
    assert.ok(!Object.keys(gl.nn).includes('BatchNorm1d'));
    assert.equal(gl.nn.Linear, engine.nn.Linear);
    assert.equal(gl.nn.LayerNorm, engine.nn.LayerNorm);
    // A nested name does not ban a top-level export that happens to share its last part.
    assert.equal(facadeFor('init.normal_').randn, engine.randn);
  });

  it('"init.kaimingNormal_" and "optim.Adam" are independent of one another', () => {
    const gl = facadeFor('init.kaimingNormal_', 'optim.Adam');
    assert.equal(bannedName(() => gl.init.kaimingNormal_), 'init.kaimingNormal_');
    assert.equal(bannedName(() => gl.optim['Adam']), 'optim.Adam');
    assert.equal(gl.init.kaimingUniform_, engine.init.kaimingUniform_);
    assert.equal(gl.optim.AdamW, engine.optim.AdamW);
  });

  it('banning a whole namespace hides all of it', () => {
    const gl = facadeFor('init');
    assert.equal(bannedName(() => gl.init), 'init');
    assert.equal(bannedName(() => gl['in' + 'it'].xavierUniform_), 'init');
    assert.equal(gl.nn.Linear, engine.nn.Linear);
  });

  it('instance-method entries leave the module untouched (the source scan enforces them)', () => {
    const gl = facadeFor('Tensor.prototype.relu');
    assert.equal(gl.Tensor, engine.Tensor);
    assert.equal(gl.relu, engine.relu);
  });
});
