import * as assert from 'node:assert/strict';
import { buildExercisePickItems, exerciseStatus, statusBarText } from '../../../src/extension/core/exercise-list';
import type { ExerciseProgress } from '../../../src/extension/core/progress';

const p = (over: Partial<ExerciseProgress>): ExerciseProgress => ({ passed: false, bestScore: 0, maxScore: 0, hintsUsed: 0, attempts: 0, ...over });

describe('extension/exercise-list', () => {
  const exercises = [
    { id: 'm0-norms', title: 'Gradient norms', topics: ['M0', 'norms'], maxScore: 4 },
    { id: 'm1-chain', title: 'Sigmoid chain', topics: ['M1'], maxScore: 6 },
    { id: 'm2-blowup', title: 'NaN blow-up', topics: [], maxScore: 2 },
  ];
  const progress: Record<string, ExerciseProgress> = {
    'm0-norms': p({ passed: true, bestScore: 4, maxScore: 4, attempts: 2 }),
    'm1-chain': p({ bestScore: 3, maxScore: 6, attempts: 5 }),
  };

  it('marks ✓ passed, ✗ attempted but not passed, – never attempted', () => {
    const items = buildExercisePickItems(exercises, (id) => progress[id], 'm1-chain');
    assert.deepEqual(items.map((i) => i.label), ['✓ 1. Gradient norms', '✗ 2. Sigmoid chain', '– 3. NaN blow-up']);
  });

  it('shows id, score and topics, and marks the current exercise', () => {
    const items = buildExercisePickItems(exercises, (id) => progress[id], 'm1-chain');
    assert.equal(items[1].description, 'm1-chain · 3/6 · current');
    assert.equal(items[1].picked, true);
    assert.equal(items[0].description, 'm0-norms · 4/4');
    assert.equal(items[0].detail, 'M0, norms · 2 attempt(s)');
    assert.equal(items[2].detail, 'not attempted');
  });

  it('status: no record or zero attempts is new; a pass is passed', () => {
    assert.equal(exerciseStatus(undefined), 'new');
    assert.equal(exerciseStatus(p({})), 'new');
    assert.equal(exerciseStatus(p({ attempts: 1 })), 'failed');
    assert.equal(exerciseStatus(p({ attempts: 1, passed: true })), 'passed');
  });

  it('status bar text names the exercise and the course score', () => {
    assert.equal(statusBarText('m6-clip-global-norm', { score: 42, maxScore: 120 }), '$(beaker) m6-clip-global-norm · 42/120');
    assert.equal(statusBarText(undefined, undefined), '$(beaker) GradLab');
  });
});
