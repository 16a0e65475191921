/**
 * The terminal view of a batch: one row per student, one column per exercise ("7/10", "missing",
 * "error"), the total, and one line per learner error so an instructor sees who needs a look.
 */
import type { BatchReport } from '../batch/types';
import { errorKindLabel } from './check-report';
import { formatNumber } from './numbers';
import { plural, type Style } from './style';
import { renderTable } from './table';

export function formatGradeSummary(report: BatchReport, style: Style): string {
  const out: string[] = [];
  const shard = report.shard ? ` ${style.bullet} shard ${report.shard.index}/${report.shard.count}` : '';
  out.push(style.bold(style.text(`${report.packTitle} (${report.pack})`)) + style.dim(` ${style.bullet} ${plural(report.students.length, 'student')} ${style.bullet} ${plural(report.exercises.length, 'exercise')}${shard}`));
  out.push('');
  if (report.students.length === 0) {
    out.push('No student folders found.');
    return out.join('\n') + '\n';
  }
  const columns = [{ header: 'Student' }, ...report.exercises.map((e) => ({ header: e.id, align: 'right' as const })), { header: 'Total', align: 'right' as const }];
  const rows = report.students.map((student) => {
    const byId = new Map(student.exercises.map((c) => [c.exercise, c]));
    return [
      student.student,
      ...report.exercises.map((e) => {
        const cell = byId.get(e.id);
        if (!cell || cell.status === 'missing') return style.dim('missing');
        if (cell.status === 'error') return style.red('error');
        const text = `${formatNumber(cell.score)}/${formatNumber(cell.maxScore)}`;
        return cell.passed ? style.green(text) : cell.result?.error ? style.red(text) : text;
      }),
      `${formatNumber(student.score)}/${formatNumber(student.maxScore)}`,
    ];
  });
  out.push(renderTable(columns, rows).trimEnd());

  const notes: string[] = [];
  for (const student of report.students) {
    for (const cell of student.exercises) {
      if (cell.status === 'error') notes.push(`${student.student}/${cell.exercise}: ${cell.message}`);
      else if (cell.result?.error) notes.push(`${student.student}/${cell.exercise} (${errorKindLabel(cell.result.error.kind)}): ${cell.result.error.message.split('\n')[0]}`);
    }
  }
  if (notes.length) {
    out.push('', 'Submissions that did not run:');
    for (const note of notes) out.push(`  ${style.red(style.fail)} ${style.text(note)}`);
  }
  return out.join('\n') + '\n';
}
