/**
 * Human-readable report of one GradeResult (what `gradlab check` prints without --json):
 * title, which file was graded, the learner error first (with file:line), a table of checks,
 * bounded console output, and a one-line summary.
 */
import type { CheckResult, ErrorInfo, GradeResult } from '../../grading/types';
import { formatMeasured, formatThreshold } from './numbers';
import type { Style } from './style';
import { renderTable, truncate } from './table';

/** How much learner console output the terminal report shows (the JSON has all the GradeResult kept). */
export const CONSOLE_LINES_SHOWN = 20;
const CONSOLE_LINE_WIDTH = 200;

export interface CheckReportContext {
  /** The graded file as the user should read it (relative to the cwd when shorter). */
  gradedFile: string;
  /** Why this file: "your file", "the starter (no clip.ts yet)", "--file". */
  gradedFileReason: string;
}

export function formatErrorHeadline(error: ErrorInfo): string {
  const where = error.file ? ` at ${error.file}${error.line ? `:${error.line}${error.column ? `:${error.column}` : ''}` : ''}` : '';
  const seed = error.seed !== undefined ? ` (seed ${error.seed})` : '';
  const what = error.kind === 'harness-error' ? "The exercise's harness failed (an exercise bug, not yours)" : `Your code failed: ${errorKindLabel(error.kind)}`;
  return `${what}${where}${seed}`;
}

export function errorKindLabel(kind: ErrorInfo['kind']): string {
  const labels: Record<ErrorInfo['kind'], string> = {
    syntax: 'syntax error',
    'missing-export': 'missing export',
    'wrong-type': 'wrong type',
    'wrong-shape': 'wrong shape',
    exception: 'exception',
    timeout: 'time limit exceeded',
    'out-of-memory': 'memory limit exceeded',
    'non-finite': 'non-finite value',
    'banned-helper': 'uses a banned helper',
    forbidden: 'forbidden API',
    'harness-error': 'harness error',
    crash: 'sandbox crashed',
  };
  return labels[kind] ?? kind;
}

function checkRow(check: CheckResult, style: Style): string[] {
  const mark = check.passed ? style.green(style.pass) : style.red(style.fail);
  return [
    mark,
    style.text(check.title),
    check.hidden && check.measured === null ? '(hidden)' : formatMeasured(check.measured, check.threshold),
    check.hidden && check.threshold === null ? '(hidden)' : formatThreshold(check.comparator, check.threshold, style.unicode),
    `${check.points}/${check.maxPoints}`,
  ];
}

export function formatCheckReport(result: GradeResult, ctx: CheckReportContext, style: Style): string {
  const lines: string[] = [];
  lines.push(style.bold(style.text(`${result.title} (${result.exercise})`)));
  const seeds = result.seeds.length > 0 ? ` ${style.bullet} seed${result.seeds.length > 1 ? 's' : ''} ${result.seeds.join(', ')}` : '';
  lines.push(style.dim(`Graded ${ctx.gradedFile} (${ctx.gradedFileReason})${seeds}`));
  lines.push('');

  if (result.error) {
    lines.push(style.red(`${style.fail} ${formatErrorHeadline(result.error)}`));
    for (const messageLine of result.error.message.split('\n')) lines.push(`    ${style.text(messageLine)}`);
    lines.push('');
  }

  if (result.checks.length > 0) {
    const table = renderTable(
      [
        { header: '' },
        { header: 'Check', maxWidth: 48 },
        { header: 'Measured', align: 'right' },
        { header: 'Threshold' },
        { header: 'Points', align: 'right' },
      ],
      result.checks.map((check) => checkRow(check, style)),
      { indent: '  ', ellipsis: style.ellipsis },
    ).replace(/\n$/, '').split('\n');
    lines.push(table[0], table[1]);
    result.checks.forEach((check, i) => {
      lines.push(table[2 + i]);
      const where = check.location && !check.passed ? ` (${check.location.file}:${check.location.line})` : '';
      if (check.message) lines.push(style.dim(`       ${style.text(check.message)}${where}`));
      if (!check.passed && check.hint) lines.push(style.yellow(`       hint: ${style.text(check.hint)}`));
    });
    lines.push('');
  }

  if (result.console.length > 0) {
    const shown = result.console.slice(0, CONSOLE_LINES_SHOWN);
    const more = result.console.length - shown.length;
    lines.push(`Console output${more > 0 || result.consoleTruncated ? ` (first ${shown.length} lines)` : ''}:`);
    for (const entry of shown) {
      const prefix = entry.seed !== undefined ? `[seed ${entry.seed}] ` : '';
      const stream = entry.stream === 'warn' || entry.stream === 'error' ? `${entry.stream}: ` : '';
      lines.push(`  ${truncate(prefix + stream + entry.text.replace(/\r?\n/g, ' '), CONSOLE_LINE_WIDTH, style.ellipsis)}`);
    }
    if (more > 0 || result.consoleTruncated) {
      lines.push(style.dim(`  ${style.ellipsis} output cut${more > 0 ? ` (${more} more lines; --json shows what was kept)` : ''}`));
    }
    lines.push('');
  }

  const ok = result.passed && !result.error;
  const mark = ok ? style.green(style.pass) : style.red(style.fail);
  // The grader's summary already names the points when some are missing; do not repeat them.
  const points = result.summary.includes('points') ? '' : ` ${style.bullet} ${result.score}/${result.maxScore} points`;
  lines.push(`${mark} ${style.bold(style.text(result.summary))}${style.dim(`${points} ${style.bullet} ${formatDuration(result.durationMs)}`)}`);
  return lines.join('\n') + '\n';
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
