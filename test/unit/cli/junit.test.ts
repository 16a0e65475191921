import { strict as assert } from 'node:assert';
import type { BatchReport } from '../../../src/cli/batch/types';
import { toJunitXml, xmlEscape } from '../../../src/cli/output/junit';
import { check, gradeResult } from './helpers';
import { childrenNamed, parseXml } from './xml';

const NASTY = 'a < b & "c" > \'d\'\u0000\u001b[31m\nnext line';

function report(): BatchReport {
  const { charts: _c, ...passed } = gradeResult({ checks: [check(), check({ id: 'second', title: 'Second', points: 1, maxPoints: 1 })] });
  const { charts: _d, ...failed } = gradeResult({
    checks: [check({ passed: false, points: 0, measured: 1.414, message: NASTY, hint: 'use the <global> norm' }), check({ id: 'second', title: 'Second', points: 1, maxPoints: 1 })],
    console: [{ stream: 'log', text: NASTY }],
  });
  const { charts: _e, ...crashed } = gradeResult({
    checks: [check({ passed: false, points: 0, measured: null, message: 'not measured' }), check({ id: 'second', title: 'Second', passed: false, points: 0, maxPoints: 1, measured: null })],
    error: { kind: 'syntax', message: "')' expected", line: 3, column: 30, file: 'clip.ts' },
  });
  const checks = [{ id: 'global-norm', title: 'Global norm after clipping', points: 2, hidden: false }, { id: 'second', title: 'Second', points: 1, hidden: false }];
  return {
    pack: 'pack & co', packTitle: 'P', jobs: 2, durationMs: 10,
    exercises: [{ id: 'clip-global-norm', title: 'Clip', learnerFile: 'clip.ts', maxScore: 3, checks }],
    students: [
      { student: 'alice', score: 3, maxScore: 3, exercises: [{ exercise: 'clip-global-norm', status: 'graded', score: 3, maxScore: 3, passed: true, result: passed }] },
      { student: 'bob "the <builder>"', score: 1, maxScore: 3, exercises: [{ exercise: 'clip-global-norm', status: 'graded', score: 1, maxScore: 3, passed: false, result: failed }] },
      { student: 'carol', score: 0, maxScore: 3, exercises: [{ exercise: 'clip-global-norm', status: 'graded', score: 0, maxScore: 3, passed: false, result: crashed }] },
      { student: 'dave', score: 0, maxScore: 3, exercises: [{ exercise: 'clip-global-norm', status: 'missing', score: 0, maxScore: 3, passed: false, message: 'no submission' }] },
      { student: 'erin', score: 0, maxScore: 3, exercises: [{ exercise: 'clip-global-norm', status: 'error', score: 0, maxScore: 3, passed: false, message: 'sandbox host missing' }] },
    ],
  };
}

describe('cli JUnit XML', () => {
  it('escapes markup and replaces characters XML 1.0 forbids', () => {
    assert.equal(xmlEscape('<a href="x">&\'</a>'), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    assert.equal(xmlEscape('nul\u0000bell\u0007'), 'nul\ufffdbell\ufffd');
    assert.equal(xmlEscape('line\nbreak', true), 'line&#10;break');
    assert.equal(xmlEscape('line\nbreak'), 'line\nbreak');
  });

  it('is well-formed XML even with hostile names, messages and control characters', () => {
    const root = parseXml(toJunitXml(report()));
    assert.equal(root.name, 'testsuites');
    assert.equal(root.attrs.name, 'gradlab pack & co');
  });

  it('has one testsuite per student and one testcase per check, with counts that add up', () => {
    const root = parseXml(toJunitXml(report()));
    const suites = childrenNamed(root, 'testsuite');
    assert.deepEqual(suites.map((s) => s.attrs.name), ['alice', 'bob "the <builder>"', 'carol', 'dave', 'erin']);
    let tests = 0;
    let failures = 0;
    let errors = 0;
    for (const suite of suites) {
      const cases = childrenNamed(suite, 'testcase');
      assert.equal(Number(suite.attrs.tests), cases.length, suite.attrs.name);
      assert.equal(Number(suite.attrs.failures), cases.filter((c) => childrenNamed(c, 'failure').length).length);
      assert.equal(Number(suite.attrs.errors), cases.filter((c) => childrenNamed(c, 'error').length).length);
      tests += cases.length;
      failures += Number(suite.attrs.failures);
      errors += Number(suite.attrs.errors);
    }
    assert.equal(Number(root.attrs.tests), tests);
    assert.equal(Number(root.attrs.failures), failures);
    assert.equal(Number(root.attrs.errors), errors);
  });

  it('reports failed checks with the learner message, a learner error as a "runs" failure, missing as "no submission", and GradLab failures as errors', () => {
    const suites = childrenNamed(parseXml(toJunitXml(report())), 'testsuite');
    const [alice, bob, carol, dave, erin] = suites.map((s) => childrenNamed(s, 'testcase'));
    assert.equal(alice.length, 2);
    assert.ok(alice.every((c) => c.children.length === 0));
    assert.equal(alice[0].attrs.classname, 'alice.clip-global-norm');
    assert.equal(alice[0].attrs.name, 'global-norm: Global norm after clipping');

    const bobFailure = childrenNamed(bob[0], 'failure')[0];
    // The message survives the round trip exactly, except the NUL and ESC XML cannot carry.
    assert.equal(bobFailure.attrs.message, NASTY.replace('\u0000', '\ufffd').replace('\u001b', '\ufffd'));
    assert.match(bobFailure.text, /measured: 1\.41/);
    assert.match(bobFailure.text, /hint: use the <global> norm/);
    assert.equal(bob[1].children.length, 0);

    assert.equal(carol[0].attrs.name, 'clip-global-norm: runs');
    const runs = childrenNamed(carol[0], 'failure')[0];
    assert.equal(runs.attrs.type, 'syntax');
    assert.match(runs.attrs.message, /clip\.ts:3:30/);

    assert.equal(dave.length, 2);
    for (const c of dave) assert.equal(childrenNamed(c, 'failure')[0].attrs.message, 'no submission');
    assert.equal(erin.length, 2);
    for (const c of erin) assert.equal(childrenNamed(c, 'error')[0].attrs.message, 'sandbox host missing');
  });
  it('prints a failing measured value with the digits that put it on the failing side of the threshold', () => {
    // 1.00012 rounds to "1" at 3 significant digits, which would read as passing "<= 1.0001".
    const { charts: _c, ...failed } = gradeResult({ checks: [check({ passed: false, points: 0, measured: 1.00012, threshold: 1.0001 })] });
    const base = report();
    const xml = toJunitXml({
      ...base,
      students: [{ student: 'frank', score: 0, maxScore: 3, exercises: [{ exercise: 'clip-global-norm', status: 'graded', score: 0, maxScore: 3, passed: false, result: failed }] }],
    });
    const failure = childrenNamed(childrenNamed(childrenNamed(parseXml(xml), 'testsuite')[0], 'testcase')[0], 'failure')[0];
    assert.match(failure.text, /^measured: 1\.00012$/m);
    assert.match(failure.text, /^threshold: <= 1\.0001$/m);
  });
});

describe('the tests\' XML parser rejects what is not well-formed', () => {
  for (const [what, text] of [
    ['a raw ampersand', '<a>&</a>'],
    ['a raw < in an attribute', '<a x="<"/>'],
    ['mismatched tags', '<a><b></a></b>'],
    ['an unclosed element', '<a><b/>'],
    ['a NUL character', '<a>\u0000</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['two roots', '<a/><b/>'],
  ]) {
    it(what, () => assert.throws(() => parseXml(text)));
  }
  it('and accepts entities and character references', () => {
    assert.equal(parseXml('<a x="&#10;&quot;">&lt;&#x41;&amp;</a>').text, '<A&');
  });
});
