/**
 * The LMS-friendly grade sheet: one row per student; columns
 *   student, <exercise id> … (score per exercise, in pack order), total, max
 * A missing submission scores 0 (the JSON/JUnit outputs say "no submission"). `max` is the pack's
 * maximum so a spreadsheet can compute percentages without knowing the pack.
 */
import type { BatchReport } from '../batch/types';
import { toCsv, type CsvCell } from './csv';

export function toGradeCsv(report: BatchReport): string {
  const header: CsvCell[] = ['student', ...report.exercises.map((e) => e.id), 'total', 'max'];
  const rows: CsvCell[][] = report.students.map((student) => {
    const byExercise = new Map(student.exercises.map((cell) => [cell.exercise, cell]));
    return [
      student.student,
      ...report.exercises.map((e) => byExercise.get(e.id)?.score ?? 0),
      student.score,
      student.maxScore,
    ];
  });
  return toCsv([header, ...rows]);
}
