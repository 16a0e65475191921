/**
 * Two DiagnosticCollections: learner-code errors from the last check (syntax, exception at a line) and
 * pack problems for instructors (Validate Pack, at the JSON path's line/column or the file's top).
 */
import * as vscode from 'vscode';
import type { GradeResult } from '../../grading/types';
import type { PackProblem } from '../../pack/types';
import { learnerDiagnostics, packProblemDiagnostics, type PlannedDiagnostic } from '../core/diagnostics-plan';
import { isInsideFolder } from '../core/same-path';

function toDiagnostic(planned: PlannedDiagnostic): vscode.Diagnostic {
  const position = new vscode.Position(Math.max(0, planned.line - 1), Math.max(0, planned.column - 1));
  // Underline the rest of the line from the column (we know a position, not a span).
  const range = new vscode.Range(position, position.translate(0, 1000));
  const diagnostic = new vscode.Diagnostic(range, planned.message, planned.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  diagnostic.source = 'GradLab';
  if (planned.code) diagnostic.code = planned.code;
  return diagnostic;
}

export class GradLabDiagnostics implements vscode.Disposable {
  readonly learner = vscode.languages.createDiagnosticCollection('gradlab');
  readonly pack = vscode.languages.createDiagnosticCollection('gradlab-pack');

  dispose(): void {
    this.learner.dispose();
    this.pack.dispose();
  }

  /** Replaces the learner file's diagnostics with those of this result (none when it ran cleanly). */
  showGradeResult(learnerFile: string, result: GradeResult): void {
    this.learner.set(vscode.Uri.file(learnerFile), learnerDiagnostics(result, learnerFile).map(toDiagnostic));
  }

  clearLearnerFile(learnerFile: string): void {
    this.learner.delete(vscode.Uri.file(learnerFile));
  }

  /** Replaces all pack diagnostics under `packDir` with `problems`. */
  showPackProblems(packDir: string, problems: readonly PackProblem[]): void {
    const prefix = vscode.Uri.file(packDir).fsPath;
    const stale: vscode.Uri[] = [];
    this.pack.forEach((uri) => {
      if (isInsideFolder(prefix, uri.fsPath)) stale.push(uri);
    });
    for (const uri of stale) this.pack.delete(uri);
    for (const [file, planned] of packProblemDiagnostics(problems)) this.pack.set(vscode.Uri.file(file), planned.map(toDiagnostic));
  }
}
