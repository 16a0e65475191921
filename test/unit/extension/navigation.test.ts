import * as assert from 'node:assert/strict';
import { neighbourExercise, resumeExercise } from '../../../src/extension/core/navigation';

describe('extension/navigation', () => {
  const order = ['a', 'b', 'c'];

  it('steps forward and back in teaching order and stops at the ends', () => {
    assert.equal(neighbourExercise(order, 'a', 1), 'b');
    assert.equal(neighbourExercise(order, 'b', -1), 'a');
    assert.equal(neighbourExercise(order, 'c', 1), undefined);
    assert.equal(neighbourExercise(order, 'a', -1), undefined);
  });

  it('starts at an end when nothing is current, and at the first exercise for an unknown id', () => {
    assert.equal(neighbourExercise(order, undefined, 1), 'a');
    assert.equal(neighbourExercise(order, undefined, -1), 'c');
    assert.equal(neighbourExercise(order, 'gone', 1), 'a');
    assert.equal(neighbourExercise([], undefined, 1), undefined);
  });

  it('resumes the last opened exercise, else the first not passed, else the first', () => {
    assert.equal(resumeExercise(order, 'b', () => false), 'b');
    assert.equal(resumeExercise(order, 'removed', (id) => id === 'a'), 'b');
    assert.equal(resumeExercise(order, undefined, () => true), 'a');
  });
});
