/**
 * Reference solutions shown read-only (a virtual document: nothing is written into the learner's
 * folder, and the editor cannot save over the pack's solution). The URI's query holds the file path;
 * only files named as some loaded exercise's solution are served.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { CourseRegistry } from './course-registry';

export const SOLUTION_SCHEME = 'gradlab-solution';

export class SolutionDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly registry: CourseRegistry) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const file = decodeURIComponent(uri.query);
    const known = this.registry.all().some((s) => s.pack.exercises.some((e) => e.paths.solution === file));
    if (!known) return vscode.l10n.t('// This reference solution is not part of an open GradLab course.');
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (e) {
      return vscode.l10n.t('// Cannot read the reference solution: {0}', (e as Error).message);
    }
  }
}
