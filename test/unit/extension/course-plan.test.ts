import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { learnerTsconfig, planCourse, refuseTarget } from '../../../src/extension/core/course-plan';
import { parseCourseRecord } from '../../../src/extension/core/course-record';

const root = path.resolve('/tmp/course');
const pack = {
  id: 'p', title: 'Pack', version: '1.0.0',
  exercises: [
    { id: 'ex-a', learnerFile: 'a.ts', starter: '/pack/ex-a/starter.ts', readme: '/pack/ex-a/README.md' },
    { id: 'ex-b', learnerFile: 'b.ts', starter: '/pack/ex-b/starter.ts', readme: '/pack/ex-b/README.md' },
  ],
};
const options = (exists: (f: string) => boolean) => ({ source: { kind: 'builtin' as const }, typesDir: '/ext/dist/types', now: new Date('2026-01-01T00:00:00Z'), exists });

describe('extension/course-plan', () => {
  it('copies README and starter (as the learner file) into one folder per exercise', () => {
    const plan = planCourse(pack, root, options(() => false));
    const copies = plan.ops.filter((op) => op.kind === 'copy');
    assert.deepEqual(copies, [
      { kind: 'copy', from: '/pack/ex-a/README.md', to: path.join(root, 'ex-a', 'README.md') },
      { kind: 'copy', from: '/pack/ex-a/starter.ts', to: path.join(root, 'ex-a', 'a.ts') },
      { kind: 'copy', from: '/pack/ex-b/README.md', to: path.join(root, 'ex-b', 'README.md') },
      { kind: 'copy', from: '/pack/ex-b/starter.ts', to: path.join(root, 'ex-b', 'b.ts') },
    ]);
    assert.equal(plan.firstLearnerFile, path.join(root, 'ex-a', 'a.ts'));
  });

  it('never copies solutions or harnesses into the learner folder', () => {
    const plan = planCourse(pack, root, options(() => false));
    const sources = plan.ops.flatMap((op) => (op.kind === 'copy' ? [op.from] : []));
    assert.ok(sources.every((s) => /README\.md$|starter\.ts$/.test(s)), sources.join(', '));
  });

  it('keeps existing learner files, READMEs and tsconfig (running it again only adds what is missing)', () => {
    const existing = new Set([path.join(root, 'ex-a', 'a.ts'), path.join(root, 'tsconfig.json')]);
    const plan = planCourse(pack, root, options((f) => existing.has(f)));
    const kept = plan.ops.filter((op) => op.kind === 'keep').map((op) => op.to);
    assert.deepEqual(kept, [path.join(root, 'ex-a', 'a.ts'), path.join(root, 'tsconfig.json')]);
    assert.ok(plan.ops.some((op) => op.kind === 'copy' && op.to === path.join(root, 'ex-b', 'b.ts')));
    assert.ok(!plan.ops.some((op) => (op.kind === 'copy' || op.kind === 'write') && existing.has(op.to)));
  });

  it('writes engine types, a tsconfig mapping "gradlab" to them, and a course.json that parses back', () => {
    const plan = planCourse(pack, root, options(() => false));
    assert.ok(plan.ops.some((op) => op.kind === 'copyDir' && op.from === '/ext/dist/types' && op.to === path.join(root, '.gradlab', 'types')));
    const tsconfig = plan.ops.find((op) => op.kind === 'write' && op.to === path.join(root, 'tsconfig.json'));
    assert.ok(tsconfig && tsconfig.kind === 'write');
    const config = JSON.parse(tsconfig.text);
    assert.deepEqual(config.compilerOptions.paths, { gradlab: ['.gradlab/types/index.d.ts'] });
    assert.equal(config.compilerOptions.noEmit, true);
    const record = plan.ops.find((op) => op.kind === 'write' && op.to === path.join(root, '.gradlab', 'course.json'));
    assert.ok(record && record.kind === 'write');
    const parsed = parseCourseRecord(record.text);
    assert.equal(parsed.error, undefined);
    assert.deepEqual(parsed.record!.exercises, [{ id: 'ex-a', folder: 'ex-a', learnerFile: 'a.ts' }, { id: 'ex-b', folder: 'ex-b', learnerFile: 'b.ts' }]);
    assert.deepEqual(parsed.record!.source, { kind: 'builtin' });
  });

  it('the learner tsconfig is valid JSON', () => {
    assert.doesNotThrow(() => JSON.parse(learnerTsconfig()));
  });

  it('refuses a folder that holds another pack\'s course, accepts the same pack (continue)', () => {
    const other = parseCourseRecord(JSON.stringify({ format: 'gradlab-course', formatVersion: 1, pack: { id: 'q', title: 'Q', version: '1' }, source: { kind: 'builtin' }, createdAt: '', exercises: [] })).record;
    assert.match(refuseTarget(other, 'p') ?? '', /already holds the course "Q"/);
    assert.equal(refuseTarget(other, 'q'), undefined);
    assert.equal(refuseTarget(undefined, 'p'), undefined);
  });

  it('explains a broken course.json instead of throwing', () => {
    assert.match(parseCourseRecord('{').error ?? '', /not valid JSON/);
    assert.match(parseCourseRecord('{"format":"gradlab-course","formatVersion":2}').error ?? '', /formatVersion 2/);
    assert.match(parseCourseRecord('{"format":"gradlab-course","formatVersion":1,"pack":{"id":"p"},"source":{"kind":"builtin"},"exercises":[{"id":1}]}').error ?? '', /exercises/);
  });
});
