import * as assert from 'node:assert/strict';
import { backupPathFor, backupTimestamp } from '../../../src/extension/core/backup-name';

describe('extension/backup-name', () => {
  // Local time on purpose: the learner reads the name against their own clock.
  const date = new Date(2026, 0, 5, 9, 7, 3); // 5 Jan 2026, 09:07:03 local

  it('formats yyyymmdd-hhmmss with zero padding', () => {
    assert.equal(backupTimestamp(date), '20260105-090703');
  });

  it('appends .<timestamp>.bak to the full file name', () => {
    assert.equal(backupPathFor('/course/m1/clip.ts', date, () => false), '/course/m1/clip.ts.20260105-090703.bak');
  });

  it('never reuses an existing backup name within the same second', () => {
    const taken = new Set(['/c/a.ts.20260105-090703.bak', '/c/a.ts.20260105-090703-2.bak']);
    assert.equal(backupPathFor('/c/a.ts', date, (f) => taken.has(f)), '/c/a.ts.20260105-090703-3.bak');
  });
});
