import { strict as assert } from 'node:assert';
import { csvField, parseCsv, toCsv } from '../../../src/cli/output/csv';
import { toGradeCsv } from '../../../src/cli/output/grade-csv';
import type { BatchReport } from '../../../src/cli/batch/types';

describe('cli CSV', () => {
  it('quotes fields with commas, quotes and newlines (RFC 4180) and leaves plain ones alone', () => {
    assert.equal(csvField('alice'), 'alice');
    assert.equal(csvField('Smith, Jane'), '"Smith, Jane"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField(7.5), '7.5');
    assert.equal(csvField(null), '');
    assert.equal(csvField(NaN), '');
  });

  it('neutralises spreadsheet formulas in text cells but never in numbers', () => {
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('@cmd'), "'@cmd");
    assert.equal(csvField(-3), '-3');
  });

  it('round-trips awkward values through parseCsv', () => {
    const rows = [['student', 'a,b', 'q"uote'], ['multi\nline', '', 'x']];
    assert.deepEqual(parseCsv(toCsv(rows)), rows);
    assert.ok(toCsv(rows).endsWith('\r\n'));
  });

  it('writes one row per student: student, one score column per exercise in pack order, total, max', () => {
    const report: BatchReport = {
      pack: 'p', packTitle: 'P', jobs: 1, durationMs: 1,
      exercises: [
        { id: 'ex-a', title: 'A', learnerFile: 'a.ts', maxScore: 4, checks: [] },
        { id: 'ex-b', title: 'B', learnerFile: 'b.ts', maxScore: 6, checks: [] },
      ],
      students: [
        { student: 'Zoë, "Z"', score: 7, maxScore: 10, exercises: [
          // Cells deliberately out of pack order: the CSV must follow the pack's order.
          { exercise: 'ex-b', status: 'graded', score: 3, maxScore: 6, passed: false },
          { exercise: 'ex-a', status: 'graded', score: 4, maxScore: 4, passed: true },
        ] },
        { student: 'bob', score: 0, maxScore: 10, exercises: [
          { exercise: 'ex-a', status: 'missing', score: 0, maxScore: 4, passed: false, message: 'no submission' },
          { exercise: 'ex-b', status: 'missing', score: 0, maxScore: 6, passed: false, message: 'no submission' },
        ] },
      ],
    };
    assert.deepEqual(parseCsv(toGradeCsv(report)), [
      ['student', 'ex-a', 'ex-b', 'total', 'max'],
      ['Zoë, "Z"', '4', '3', '7', '10'],
      ['bob', '0', '0', '0', '10'],
    ]);
  });
});
