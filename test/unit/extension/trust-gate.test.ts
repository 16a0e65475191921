import * as assert from 'node:assert/strict';
import { decideTrust, type GradLabAction } from '../../../src/extension/core/trust-gate';

describe('extension/trust-gate', () => {
  const runs: GradLabAction[] = ['check', 'validate', 'preview'];
  const readOnly: GradLabAction[] = ['showInstructions', 'showHint', 'showSolution', 'openExercise', 'exportProgress', 'reset', 'startCourse', 'scaffold'];

  it('refuses every action that runs learner or pack code in a restricted workspace', () => {
    for (const action of runs) assert.deepEqual(decideTrust(action, false), { allowed: false, reason: 'restricted' }, action);
  });

  it('allows reading instructions, hints and earlier results in a restricted workspace', () => {
    for (const action of readOnly) assert.equal(decideTrust(action, false).allowed, true, action);
  });

  it('allows everything in a trusted workspace', () => {
    for (const action of [...runs, ...readOnly]) assert.equal(decideTrust(action, true).allowed, true, action);
  });
});
