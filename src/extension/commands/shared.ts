/** Helpers several command groups use: open an exercise, find the exercise a command targets. */
import * as vscode from 'vscode';
import { errorMessage } from '../core/error-message';
import type { ExerciseRef } from '../core/exercise-ref';
import type { GradLabContext } from '../context';

/** Opens the learner's file (left) and the exercise panel (beside), and remembers it as "where I left off". */
export async function openExercise(ctx: GradLabContext, ref: ExerciseRef, options: { preserveFocus?: boolean } = {}): Promise<void> {
  ctx.registry.setCurrent(ref);
  try {
    const document = await vscode.workspace.openTextDocument(ref.learnerFile);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: options.preserveFocus ?? false });
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot open {0}: {1}. Run "GradLab: Start Course" on this folder again to restore missing files (your work is kept).', ref.learnerFile, errorMessage(e)));
  }
  ctx.panel.show(ref);
  // lastOpened is shown nowhere (tree and status bar show scores; setCurrent repainted the status bar).
  await ctx.progress.markOpened(ref.session.pack.manifest.id, ref.exercise.manifest.id);
}

/** The exercise a command acts on, or undefined after telling the learner how to pick one. */
export async function requireExercise(ctx: GradLabContext, arg: unknown): Promise<ExerciseRef | undefined> {
  await ctx.registry.ready();
  const ref = ctx.registry.resolveTarget(arg);
  if (ref) return ref;
  const start = vscode.l10n.t('Start Course');
  const open = vscode.l10n.t('Open Exercise…');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('No GradLab exercise is open. Open an exercise file from your course folder, or start the course.'),
    start, open,
  );
  if (choice === start) await vscode.commands.executeCommand('gradlab.startCourse');
  if (choice === open) await vscode.commands.executeCommand('gradlab.openExercise');
  return undefined;
}
