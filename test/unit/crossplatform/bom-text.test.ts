/**
 * Text files that Windows tools save with a UTF-8 BOM (Notepad) and CRLF line endings (Notepad, git
 * autocrlf): the exercise README in the panel and the course record must read as their plain versions.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCourseRecord } from '../../../src/extension/core/course-record';
import { renderInstructions } from '../../../src/extension/panel/markdown';

const ROOT = path.resolve(__dirname, '../../..');

describe('cross-platform: BOM and CRLF in READMEs and course.json', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'examples/minimal-pack/sigmoid-grad/README.md'), 'utf8');

  it('a README with BOM and CRLF renders exactly like the LF original (its title stays a heading)', () => {
    const windows = '\uFEFF' + readme.replace(/\n/g, '\r\n');
    const html = renderInstructions(windows);
    assert.match(html, /^<h1>/, 'the first line must still be the heading');
    assert.equal(html, renderInstructions(readme));
  });

  it('a course.json saved with a BOM and CRLF parses', () => {
    const record = {
      format: 'gradlab-course', formatVersion: 1, pack: { id: 'p', title: 'P', version: '1.0.0' },
      source: { kind: 'builtin' }, createdAt: '2026-01-01T00:00:00.000Z', exercises: [{ id: 'a', folder: 'a', learnerFile: 'a.ts' }],
    };
    const text = '\uFEFF' + JSON.stringify(record, null, 2).replace(/\n/g, '\r\n');
    const parsed = parseCourseRecord(text);
    assert.equal(parsed.error, undefined);
    assert.deepEqual(parsed.record, parseCourseRecord(JSON.stringify(record)).record);
  });
});
