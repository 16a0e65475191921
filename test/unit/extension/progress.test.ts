import * as assert from 'node:assert/strict';
import { ProgressStore, buildProgressExport, courseScore, progressKey, withAttempt, type MementoLike } from '../../../src/extension/core/progress';

/** A Map-backed stand-in for vscode.Memento that stores JSON copies, as globalState does. */
class FakeMemento implements MementoLike {
  readonly data = new Map<string, string>();
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  get<T>(key: string): T | undefined {
    const raw = this.data.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.stringify(value));
  }
}

describe('extension/progress', () => {
  const now = new Date('2026-03-01T10:00:00Z');

  it('records attempts: passing is kept, the best score only grows', () => {
    let p = withAttempt(undefined, { passed: false, score: 2, maxScore: 6 }, now);
    p = withAttempt(p, { passed: true, score: 6, maxScore: 6 }, now);
    p = withAttempt(p, { passed: false, score: 0, maxScore: 6 }, now);
    assert.equal(p.attempts, 3);
    assert.equal(p.passed, true);
    assert.equal(p.bestScore, 6);
    assert.equal(p.firstPassed, now.toISOString());
  });

  it('keeps one globalState key per pack and reports new keys for Settings Sync', async () => {
    const memento = new FakeMemento();
    const announced: string[][] = [];
    const store = new ProgressStore(memento, (keys) => announced.push(keys));
    await store.recordAttempt('pack-a', 'ex1', { passed: true, score: 2, maxScore: 2 }, now);
    await store.recordAttempt('pack-a', 'ex2', { passed: false, score: 0, maxScore: 3 }, now);
    await store.recordAttempt('pack-b', 'ex1', { passed: false, score: 1, maxScore: 3 }, now);
    assert.deepEqual([...memento.keys()].sort(), [progressKey('pack-a'), progressKey('pack-b')]);
    // Announced once per new pack, with every key known at that moment.
    assert.deepEqual(announced, [[progressKey('pack-a')], [progressKey('pack-a'), progressKey('pack-b')]]);
    assert.deepEqual(store.syncKeys().sort(), [progressKey('pack-a'), progressKey('pack-b')]);
    assert.equal(store.exercise('pack-b', 'ex1').bestScore, 1);
    assert.equal(store.exercise('pack-a', 'ex1').passed, true);
  });

  it('survives a "restart": a new store over the same memento sees the same progress', async () => {
    const memento = new FakeMemento();
    await new ProgressStore(memento).recordAttempt('p', 'e', { passed: true, score: 4, maxScore: 4 }, now);
    await new ProgressStore(memento).markOpened('p', 'e', now);
    const reopened = new ProgressStore(memento);
    assert.equal(reopened.exercise('p', 'e').passed, true);
    assert.equal(reopened.pack('p').lastExercise, 'e');
    assert.equal(reopened.exercise('p', 'e').lastOpened, now.toISOString());
  });

  it('reveals hints one at a time and never beyond the number available', async () => {
    const store = new ProgressStore(new FakeMemento());
    assert.equal(await store.revealHint('p', 'e', 2), 1);
    assert.equal(await store.revealHint('p', 'e', 2), 2);
    assert.equal(await store.revealHint('p', 'e', 2), 2);
    assert.equal(store.exercise('p', 'e').hintsUsed, 2);
  });

  it('ignores keys that are not GradLab progress when listing sync keys', async () => {
    const memento = new FakeMemento();
    await memento.update('gradlab.recentPacks', ['x']);
    await memento.update('other', 1);
    assert.deepEqual(new ProgressStore(memento).syncKeys(), []);
  });

  it('sums the course score over the pack\'s current exercises only, capping stale best scores', () => {
    const progress = { exercises: { a: { passed: true, bestScore: 4, maxScore: 4, hintsUsed: 0, attempts: 1 }, b: { passed: false, bestScore: 9, maxScore: 9, hintsUsed: 0, attempts: 1 }, removed: { passed: true, bestScore: 50, maxScore: 50, hintsUsed: 0, attempts: 1 } } };
    assert.deepEqual(courseScore(progress, [{ id: 'a', maxScore: 4 }, { id: 'b', maxScore: 6 }, { id: 'c', maxScore: 2 }]), { score: 10, maxScore: 12, passed: 1 });
  });

  it('exports one entry per exercise in teaching order, with zeros for untouched ones', () => {
    const data = buildProgressExport({ id: 'p', title: 'P', version: '1.0.0' }, [{ id: 'a', title: 'A', maxScore: 4 }, { id: 'b', title: 'B', maxScore: 2 }],
      { exercises: { a: { passed: true, bestScore: 4, maxScore: 4, hintsUsed: 1, attempts: 3 } } }, now);
    assert.equal(data.format, 'gradlab-progress');
    assert.deepEqual(data.exercises.map((e) => [e.id, e.passed, e.bestScore, e.maxScore, e.hintsUsed, e.attempts]), [['a', true, 4, 4, 1, 3], ['b', false, 0, 2, 0, 0]]);
    assert.deepEqual(data.total, { score: 4, maxScore: 6, passed: 1, exercises: 2 });
    assert.equal(data.exportedAt, now.toISOString());
  });
});
