/**
 * Where diagnostics go, decided without `vscode`: learner errors (syntax, exception with a line, …) at
 * the learner's line; pack problems (for instructors) at the JSON path's line/column, or the file's top.
 * Lines/columns here are 1-based as in GradeResult and PackProblem; diagnostics.ts converts.
 */
import type { GradeResult } from '../../grading/types';
import type { PackProblem } from '../../pack/types';
import { fileNameOf, namesLearnerFile } from './learner-file';

export interface PlannedDiagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
  /** Shown as the diagnostic's code (e.g. the error kind or JSON path). */
  code?: string;
}

/** Kinds that point at learner code worth underlining (not timeouts or sandbox crashes without a line). */
export function learnerDiagnostics(result: GradeResult, learnerFile: string): PlannedDiagnostic[] {
  const err = result.error;
  if (!err || err.kind === 'harness-error') return [];
  if (err.file && !namesLearnerFile(err.file, fileNameOf(learnerFile))) return [];
  if (err.line === undefined && err.kind !== 'syntax' && err.kind !== 'missing-export' && err.kind !== 'banned-helper') return [];
  return [{ file: learnerFile, line: err.line ?? 1, column: err.column ?? 1, message: err.message, severity: 'error', code: err.kind }];
}

export function packProblemDiagnostics(problems: readonly PackProblem[]): Map<string, PlannedDiagnostic[]> {
  const byFile = new Map<string, PlannedDiagnostic[]>();
  for (const p of problems) {
    const list = byFile.get(p.file) ?? [];
    list.push({
      file: p.file,
      line: p.line ?? 1,
      column: p.column ?? 1,
      message: p.fix ? `${p.message}\n${p.fix}` : p.message,
      severity: p.severity,
      code: p.jsonPath || undefined,
    });
    byFile.set(p.file, list);
  }
  return byFile;
}
