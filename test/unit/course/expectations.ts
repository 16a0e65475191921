/**
 * Expectations written at the top of a course test submission (test/fixtures/course/<exercise>/*.ts):
 *
 *   // @expect pass
 *   // @expect fail <check-id> "<substring of that check's message>"
 *   // @expect error <kind> "<substring of the error message>"
 *
 * wrong-*.ts files encode the classic mistakes an exercise must catch with a specific message;
 * alt-*.ts files are correct solutions written differently from the reference, which must pass.
 */
export type Expectation =
  | { type: 'pass' }
  | { type: 'fail'; checkId: string; text: string }
  | { type: 'error'; kind: string; text: string };

const LINE = /^\s*\/\/\s*@expect\s+(pass|fail|error)\b(?:\s+(\S+))?(?:\s+"([^"]*)")?\s*$/;

export function parseExpectations(source: string, file: string): Expectation[] {
  const found: Expectation[] = [];
  for (const raw of source.split(/\r?\n/)) {
    if (!/@expect\b/.test(raw)) continue;
    const m = LINE.exec(raw);
    if (!m) throw new Error(`${file}: cannot read "${raw.trim()}". Use // @expect pass | fail <check-id> "<text>" | error <kind> "<text>"`);
    const [, type, id, text] = m;
    if (type === 'pass') found.push({ type: 'pass' });
    else if (!id || text === undefined) throw new Error(`${file}: "${raw.trim()}" needs an id/kind and a "quoted" message substring`);
    else if (type === 'fail') found.push({ type: 'fail', checkId: id, text });
    else found.push({ type: 'error', kind: id, text });
  }
  if (found.length === 0) throw new Error(`${file}: no // @expect line; every course fixture must say what it expects`);
  return found;
}
