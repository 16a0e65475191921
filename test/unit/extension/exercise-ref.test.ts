import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { LoadedExercise, LoadedPack } from '../../../src/pack/types';
import { exerciseRefs, findRefByFile, findRefByFolder, findRefForView, maxScoreOf, type CourseSession } from '../../../src/extension/core/exercise-ref';

function exercise(id: string, learnerFile: string, points: number[]): LoadedExercise {
  return { manifest: { id, learnerFile, checks: points.map((p, i) => ({ id: `c${i}`, points: p })) } as unknown as LoadedExercise['manifest'], dir: `/pack/${id}`, paths: { starter: '', solution: '', harness: '', readme: '' } };
}

describe('extension/exercise-ref', () => {
  const root = path.resolve('/course');
  const pack = { manifest: { id: 'p' }, dir: '/pack', exercises: [exercise('a', 'a.ts', [1, 2]), exercise('b', 'b.ts', [3]), exercise('new', 'n.ts', [1])] } as unknown as LoadedPack;
  const session: CourseSession = {
    root, pack, kind: 'course',
    // "new" was added to the pack after the course was started: no learner file yet.
    record: { format: 'gradlab-course', formatVersion: 1, pack: { id: 'p', title: 'P', version: '1' }, source: { kind: 'builtin' }, createdAt: '', exercises: [{ id: 'a', folder: 'a', learnerFile: 'a.ts' }, { id: 'b', folder: 'b', learnerFile: 'b.ts' }] },
  };

  it('lists the course\'s exercises in pack order with their learner files, skipping ones not copied yet', () => {
    assert.deepEqual(exerciseRefs(session).map((r) => [r.exercise.manifest.id, r.learnerFile, r.index]), [['a', path.join(root, 'a', 'a.ts'), 0], ['b', path.join(root, 'b', 'b.ts'), 1]]);
  });

  it('finds the exercise of a learner file, and of any file in its folder', () => {
    assert.equal(findRefByFile([session], path.join(root, 'b', 'b.ts'))?.exercise.manifest.id, 'b');
    assert.equal(findRefByFile([session], path.join(root, 'b', 'README.md')), undefined);
    assert.equal(findRefByFolder([session], path.join(root, 'b', 'README.md'))?.exercise.manifest.id, 'b');
    assert.equal(findRefByFolder([session], path.join(root, 'tsconfig.json')), undefined);
  });

  it('restores a panel onto the saved pack + exercise, not the first course with that exercise id', () => {
    // A second open course, from another pack, that also has an exercise "a".
    const otherPack = { manifest: { id: 'q' }, dir: '/pack-q', exercises: [exercise('a', 'qa.ts', [1])] } as unknown as LoadedPack;
    const other: CourseSession = {
      root: path.resolve('/course-q'), pack: otherPack, kind: 'course',
      record: { ...session.record, pack: { id: 'q', title: 'Q', version: '1' }, exercises: [{ id: 'a', folder: 'a', learnerFile: 'qa.ts' }] },
    };
    assert.equal(findRefForView([session, other], { exerciseId: 'a', exerciseKey: 'q/a' })?.session, other);
    assert.equal(findRefForView([other, session], { exerciseId: 'a', exerciseKey: 'p/a' })?.session, session);
    assert.equal(findRefForView([session, other], { exerciseId: 'a', exerciseKey: 'gone/a' }), undefined);
    // A view saved before views carried the key: the exercise id is all there is.
    assert.equal(findRefForView([other, session], { exerciseId: 'b' })?.session, session);
  });

  it('max score is the sum of check points', () => {
    assert.equal(maxScoreOf(pack.exercises[0]), 3);
  });
});
