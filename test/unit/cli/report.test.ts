import { strict as assert } from 'node:assert';
import { CONSOLE_LINES_SHOWN, formatCheckReport } from '../../../src/cli/output/check-report';
import { formatMeasured, formatNumber, formatThreshold } from '../../../src/cli/output/numbers';
import { createProgress, renderBar } from '../../../src/cli/output/progress';
import { makeStyle, stripAnsi, styleFor, terminalIsUtf8 } from '../../../src/cli/output/style';
import { renderTable } from '../../../src/cli/output/table';
import { captureIO, check, gradeResult } from './helpers';

const ctx = { gradedFile: 'exercises/clip/clip.ts', gradedFileReason: 'your file' };
const unicode = makeStyle({ color: false, unicode: true });
const ascii = makeStyle({ color: false, unicode: false });
const colored = makeStyle({ color: true, unicode: true });

describe('cli styles', () => {
  it('colours only on a TTY, never with NO_COLOR or --no-color', () => {
    assert.equal(styleFor(captureIO({ stdoutIsTTY: true }), { stream: 'stdout' }).color, true);
    assert.equal(styleFor(captureIO({ stdoutIsTTY: false }), { stream: 'stdout' }).color, false);
    assert.equal(styleFor(captureIO({ stdoutIsTTY: true, env: { LANG: 'C.UTF-8', NO_COLOR: '1' } }), { stream: 'stdout' }).color, false);
    assert.equal(styleFor(captureIO({ stdoutIsTTY: true }), { stream: 'stdout', colorFlag: false }).color, false);
    assert.equal(styleFor(captureIO({ stdoutIsTTY: false, stderrIsTTY: true }), { stream: 'stderr' }).color, true);
  });

  it('uses ✓/✗ on UTF-8 terminals and ASCII otherwise or when plain output is asked for', () => {
    assert.equal(terminalIsUtf8({ LANG: 'en_US.UTF-8' }, 'linux'), true);
    assert.equal(terminalIsUtf8({ LC_ALL: 'C' }, 'linux'), false);
    assert.equal(terminalIsUtf8({}, 'win32'), false);
    assert.equal(terminalIsUtf8({ WT_SESSION: 'x' }, 'win32'), true);
    assert.equal(styleFor(captureIO({ env: { LANG: 'en_US.UTF-8', NO_COLOR: '1' } }), { stream: 'stdout' }).pass, 'PASS');
    assert.equal(styleFor(captureIO({ env: { LANG: 'POSIX' } }), { stream: 'stdout' }).fail, 'FAIL');
  });
});

describe('cli table', () => {
  it('pads columns to the widest cell, ignoring ANSI codes, and right-aligns numbers', () => {
    const text = renderTable([{ header: 'Name' }, { header: 'N', align: 'right' }], [[colored.green('alpha'), '1'], ['b', '100']]);
    const lines = stripAnsi(text).trimEnd().split('\n');
    assert.deepEqual(lines, ['Name     N', '-----  ---', 'alpha    1', 'b      100']);
  });

  it('cuts cells beyond maxWidth with an ellipsis', () => {
    const text = renderTable([{ header: 'T', maxWidth: 5 }], [['abcdefgh']], { ellipsis: '…' });
    assert.match(text, /abcd…/);
  });
});

describe('cli numbers', () => {
  it('prints thresholds by comparator, with ASCII spellings on request', () => {
    assert.equal(formatThreshold('<=', 1e-9), '≤ 1e-9');
    assert.equal(formatThreshold('<=', 1e-9, false), '<= 1e-9');
    assert.equal(formatThreshold('between', [0.5, 2]), 'between 0.5 and 2');
    assert.equal(formatThreshold('closeToReference', 'rtol 1e-6'), 'rtol 1e-6');
    assert.equal(formatThreshold('<=', null), '(hidden)');
    // A visible reference comparison has no authored number: it is not "(hidden)".
    assert.equal(formatThreshold('closeToReference', null), '≈ reference');
    assert.equal(formatThreshold('equals', null, false), '= reference');
    assert.equal(formatNumber(null), '-');
  });
});

describe('cli check report', () => {
  it('shows title, graded file, one row per check with measured, threshold and points, and the summary', () => {
    const result = gradeResult({
      checks: [check(), check({ id: 'peak', title: 'Peak is a quarter', passed: false, measured: 0.5, threshold: [0.2499, 0.2501], comparator: 'between', points: 0, maxPoints: 1, message: 'The peak is 0.5.', hint: 'Return s * (1 - s).' })],
      summary: '1 of 2 checks passed (2/3 points)',
    });
    const text = formatCheckReport(result, ctx, unicode);
    assert.match(text, /^Clip by global norm \(clip-global-norm\)\n/);
    assert.match(text, /Graded exercises\/clip\/clip\.ts \(your file\)/);
    assert.match(text, /✓ +Global norm after clipping +1 +≤ 1.0001 +2\/2/);
    assert.match(text, /✗ +Peak is a quarter +0\.5 +between 0\.2499 and 0\.2501 +0\/1/);
    assert.match(text, /The peak is 0\.5\./);
    assert.match(text, /hint: Return s \* \(1 - s\)\./);
    assert.match(text.trimEnd().split('\n').pop()!, /^✗ 1 of 2 checks passed \(2\/3 points\)/);
  });

  it('puts the learner error first, with file:line:column', () => {
    const result = gradeResult({
      checks: [check({ passed: false, points: 0, measured: null, message: 'Not measured: the code did not run.' })],
      error: { kind: 'syntax', message: "')' expected.", file: 'clip.ts', line: 3, column: 30 },
      summary: '0 of 1 checks passed',
    });
    const text = formatCheckReport(result, ctx, unicode);
    const errorAt = text.indexOf('Your code failed: syntax error at clip.ts:3:30');
    assert.ok(errorAt > 0, text);
    assert.ok(errorAt < text.indexOf('Check'), 'the error comes before the checks table');
    assert.match(text, /\)' expected\./);
  });

  it('is pure ASCII with the ASCII style (no ✓, ≤ or …)', () => {
    const result = gradeResult({ checks: [check({ message: 'norm ≤ 1 — fine…' }), check({ id: 'x', passed: false })] });
    const text = formatCheckReport(result, ctx, ascii);
    assert.ok(/^[\x20-\x7e\n]*$/.test(text), text);
    assert.match(text, /PASS +Global norm/);
    assert.match(text, /FAIL +Global norm/);
    assert.match(text, /norm <= 1 - fine\.\.\./);
  });

  it('emits ANSI colour only when the style has colour', () => {
    const result = gradeResult();
    assert.doesNotMatch(formatCheckReport(result, ctx, unicode), /\u001b\[/);
    assert.match(formatCheckReport(result, ctx, colored), /\u001b\[32m✓/);
  });

  it(`bounds console output to ${CONSOLE_LINES_SHOWN} lines and says it was cut`, () => {
    const consoleLines = Array.from({ length: 50 }, (_, i) => ({ stream: 'log' as const, text: `line ${i}`, seed: 1 }));
    const text = formatCheckReport(gradeResult({ console: consoleLines }), ctx, unicode);
    assert.match(text, /\[seed 1\] line 0\n/);
    assert.match(text, new RegExp(`line ${CONSOLE_LINES_SHOWN - 1}\\n`));
    assert.doesNotMatch(text, new RegExp(`line ${CONSOLE_LINES_SHOWN}\\n`));
    assert.match(text, /30 more lines/);
  });

  it('shows hidden checks without their values', () => {
    const text = formatCheckReport(gradeResult({ checks: [check({ hidden: true, measured: null, threshold: null, title: 'Hidden check' })] }), ctx, unicode);
    assert.match(text, /Hidden check +\(hidden\) +\(hidden\)/);
  });
});

describe('cli progress', () => {
  it('prints a plain "graded i/n" line per item when stderr is not a TTY', () => {
    const io = captureIO();
    const progress = createProgress(io, 3, ascii);
    progress.tick('a');
    progress.tick('b');
    progress.finish();
    assert.equal(io.err, 'graded 1/3\ngraded 2/3\n');
  });

  it('redraws one line with a bar on a TTY and clears it at the end', () => {
    const io = captureIO({ stderrIsTTY: true, stderrColumns: 60 });
    const progress = createProgress(io, 4, ascii);
    progress.tick('alice · ex');
    progress.finish();
    assert.ok(io.err.includes('\r\u001b[K[#####...............] 1/4 alice · ex'), JSON.stringify(io.err));
    assert.ok(io.err.endsWith('\r\u001b[K'));
    assert.ok(!io.err.includes('\n'));
  });

  it('fills the bar in proportion', () => {
    assert.equal(renderBar(0, 4, 8, false), '[........]');
    assert.equal(renderBar(2, 4, 8, false), '[####....]');
    assert.equal(renderBar(4, 4, 8, true), '[████████]');
  });
});

describe('cli measured values next to thresholds', () => {
  it('keeps the authored threshold digits', () => {
    assert.equal(formatThreshold('<=', 1.0001), '≤ 1.0001');
    assert.equal(formatThreshold('between', [0.2499999999, 0.2500000001]), 'between 0.2499999999 and 0.2500000001');
  });

  it('prints enough digits that the measured value stays on its side of the threshold', () => {
    assert.equal(formatMeasured(1.00012, 1.0001), '1.00012');
    assert.equal(formatMeasured(0.99991, 1.0001), '1');
    assert.equal(formatMeasured(0.25000000015, [0.2499999999, 0.2500000001]), '0.2500000002');
    assert.equal(formatMeasured(0.25, [0.2499999999, 0.2500000001]), '0.25');
    assert.equal(formatMeasured(3.2e-12, 1e-9), '3.2e-12');
    assert.equal(formatMeasured(null, 1), '-');
  });
});

describe('cli progress on a terminal that reports no width', () => {
  it('falls back to 80 columns instead of cutting every label', () => {
    const io = captureIO({ stderrIsTTY: true, stderrColumns: 0 });
    const progress = createProgress(io, 1, ascii);
    progress.tick('alice - sigmoid-grad');
    assert.ok(io.err.includes('1/1 alice - sigmoid-grad'), JSON.stringify(io.err));
  });
});
