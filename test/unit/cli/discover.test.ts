import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listStudents, locateSubmission, parseShard, selectShard, uniqueLearnerFiles } from '../../../src/cli/batch/discover';
import { makePackDir, manifest, tempDir } from './helpers';

function write(file: string, text = 'x') {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('cli batch discovery', () => {
  it('lists student folders sorted by code point, skipping files and hidden folders', () => {
    const dir = tempDir();
    for (const s of ['bob', 'Alice', 'alice', '.git', 'zed']) fs.mkdirSync(path.join(dir, s));
    write(path.join(dir, 'notes.txt'));
    assert.deepEqual(listStudents(dir), ['Alice', 'alice', 'bob', 'zed']);
  });

  it('finds <student>/<exercise>/<file> first, then <student>/<file> when the name is unique in the pack', () => {
    const dir = tempDir();
    write(path.join(dir, 'a', 'ex1', 'clip.ts'));
    write(path.join(dir, 'a', 'clip.ts'));
    write(path.join(dir, 'b', 'clip.ts'));
    const unique = new Set(['clip.ts']);
    assert.deepEqual(locateSubmission(path.join(dir, 'a'), 'ex1', 'clip.ts', unique), { file: path.join(dir, 'a', 'ex1', 'clip.ts') });
    assert.deepEqual(locateSubmission(path.join(dir, 'b'), 'ex1', 'clip.ts', unique), { file: path.join(dir, 'b', 'clip.ts') });
    assert.deepEqual(locateSubmission(path.join(dir, 'c'), 'ex1', 'clip.ts', unique), { reason: 'no submission' });
  });

  it('refuses the flat layout for a file name two exercises share, and says why', () => {
    const { pack } = makePackDir([manifest({ id: 'one', learnerFile: 'model.ts' }), manifest({ id: 'two', learnerFile: 'model.ts' }), manifest({ id: 'three', learnerFile: 'clip.ts' })]);
    const unique = uniqueLearnerFiles(pack);
    assert.deepEqual([...unique], ['clip.ts']);
    const dir = tempDir();
    write(path.join(dir, 's', 'model.ts'));
    const located = locateSubmission(path.join(dir, 's'), 'one', 'model.ts', unique);
    assert.equal(located.file, undefined);
    assert.match((located as { reason: string }).reason, /one\/model\.ts/);
  });

  it('parses --shard i/n (1-based) and rejects nonsense', () => {
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
    assert.equal(parseShard('0/4'), undefined);
    assert.equal(parseShard('5/4'), undefined);
    assert.equal(parseShard('1-4'), undefined);
  });

  it('gives shard i the students whose 0-based index ≡ i−1 (mod n); the shards partition the class', () => {
    const students = ['a', 'b', 'c', 'd', 'e'];
    assert.deepEqual(selectShard(students, { index: 1, count: 2 }), ['a', 'c', 'e']);
    assert.deepEqual(selectShard(students, { index: 2, count: 2 }), ['b', 'd']);
    const all = [1, 2, 3].flatMap((i) => selectShard(students, { index: i, count: 3 }));
    assert.deepEqual(all.sort(), students);
  });
});
