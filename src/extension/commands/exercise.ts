/** Commands on one exercise: Check, Show Next Hint, Reset (with backup), Show Solution. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GradeResult } from '../../grading/types';
import { backupPathFor } from '../core/backup-name';
import { errorMessage } from '../core/error-message';
import type { ExerciseRef } from '../core/exercise-ref';
import type { GradLabContext } from '../context';
import type { CheckOutcome } from '../services/grading-service';
import { openDocumentFor } from '../services/open-document';
import { SOLUTION_SCHEME } from '../services/solution-documents';
import { requireExercise } from './shared';

/** What `gradlab.checkExercise` resolves to (the integration suite reads it). */
export type CheckCommandResult = { kind: CheckOutcome['kind']; result?: GradeResult; message?: string };

/** Runs a check through the Testing controller and reports outcome-specific UI. */
export async function checkAndReport(ctx: GradLabContext, ref: ExerciseRef, reason: 'command' | 'save' | 'panel'): Promise<CheckOutcome> {
  const outcome = await ctx.testing.checkExercise(ref, reason);
  switch (outcome.kind) {
    case 'graded':
      // The Problems view, tree and status bar update from GradingService.onDidGrade (extension.ts).
      break;
    case 'untrusted':
      ctx.panel.refreshView(ref); // carries trusted: false, so the page offers "Trust this workspace…"
      ctx.panel.showHostError(ref, vscode.l10n.t('Restricted Mode: GradLab runs no code in an untrusted workspace. Trust this folder to check your code; instructions, hints and earlier charts still work.'));
      if (reason !== 'save') void ctx.trust.explainRestricted('check');
      break;
    case 'failed':
      ctx.panel.showHostError(ref, vscode.l10n.t('GradLab could not run the check: {0}', outcome.message));
      void vscode.window.showErrorMessage(vscode.l10n.t('GradLab could not run the check: {0} (details in "GradLab: Show Log").', outcome.message));
      break;
    case 'cancelled':
      break;
  }
  return outcome;
}

/** `{confirm: false}`: programmatic callers (tests, other extensions) skip the dialog (Reset still writes its backup). */
function skipsConfirmation(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && (arg as { confirm?: boolean }).confirm === false;
}

export function checkExerciseCommand(ctx: GradLabContext) {
  return async (arg?: unknown): Promise<CheckCommandResult | undefined> => {
    const ref = await requireExercise(ctx, arg);
    if (!ref) return undefined;
    ctx.registry.setCurrent(ref);
    if (!ctx.panel.isShowing(ref)) ctx.panel.show(ref);
    const outcome = await checkAndReport(ctx, ref, 'command');
    return outcome.kind === 'graded' ? { kind: 'graded', result: outcome.result } : outcome.kind === 'failed' ? { kind: 'failed', message: outcome.message } : { kind: outcome.kind };
  };
}

export function showNextHintCommand(ctx: GradLabContext) {
  return async (arg?: unknown): Promise<number | undefined> => {
    const ref = await requireExercise(ctx, arg);
    if (!ref) return undefined;
    const hints = ref.exercise.manifest.hints;
    const packId = ref.session.pack.manifest.id;
    const before = ctx.progress.exercise(packId, ref.exercise.manifest.id).hintsUsed;
    if (hints.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This exercise has no hints.'));
      return 0;
    }
    if (before >= hints.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('All {0} hints are already shown in the exercise panel.', hints.length));
      ctx.panel.show(ref);
      return before;
    }
    const used = await ctx.progress.revealHint(packId, ref.exercise.manifest.id, hints.length);
    if (!ctx.panel.isShowing(ref)) ctx.panel.show(ref);
    else ctx.panel.updateHints(ref);
    // No tree / status bar repaint: neither shows hintsUsed.
    return used;
  };
}

export function resetExerciseCommand(ctx: GradLabContext) {
  return async (arg?: unknown): Promise<{ backup: string } | undefined> => {
    const ref = await requireExercise(ctx, arg);
    if (!ref) return undefined;
    const skipConfirmation = skipsConfirmation(arg);
    if (!skipConfirmation) {
      const reset = vscode.l10n.t('Reset');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Reset "{0}" to its starter code?', ref.exercise.manifest.title),
        { modal: true, detail: vscode.l10n.t('Your current {0} is kept as a timestamped .bak file next to it. Hints and progress are kept.', path.basename(ref.learnerFile)) },
        reset,
      );
      if (answer !== reset) return undefined;
    }
    try {
      // Back up the newest version of the learner's work: unsaved edits if the editor has any, else the file on disk.
      const open = openDocumentFor(ref.learnerFile);
      const dirty = open?.isDirty === true;
      const current = dirty ? open!.getText() : fs.existsSync(ref.learnerFile) ? await fs.promises.readFile(ref.learnerFile, 'utf8') : undefined;
      let backup = '';
      if (current !== undefined) {
        backup = backupPathFor(ref.learnerFile, new Date(), (f) => fs.existsSync(f));
        await fs.promises.writeFile(backup, current, { flag: 'wx' });
      }
      const starter = await fs.promises.readFile(ref.exercise.paths.starter, 'utf8');
      if (dirty) {
        // Replace the buffer and save, so the editor does not keep (or later save) the old text.
        const edit = new vscode.WorkspaceEdit();
        edit.replace(open!.uri, new vscode.Range(0, 0, open!.lineCount, 0), starter);
        await vscode.workspace.applyEdit(edit);
        await open!.save();
      } else {
        // A clean editor reloads from disk by itself.
        await fs.promises.mkdir(path.dirname(ref.learnerFile), { recursive: true });
        await fs.promises.writeFile(ref.learnerFile, starter);
      }
      ctx.diagnostics.clearLearnerFile(ref.learnerFile);
      ctx.log.info(`reset ${ref.learnerFile}${backup ? `; backup ${backup}` : ''}`);
      void vscode.window.showInformationMessage(backup
        ? vscode.l10n.t('"{0}" is back to its starter code. Your previous version: {1}', ref.exercise.manifest.title, path.basename(backup))
        : vscode.l10n.t('"{0}" is back to its starter code.', ref.exercise.manifest.title));
      return { backup };
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Reset failed, nothing was overwritten: {0}', errorMessage(e)));
      return undefined;
    }
  };
}

export function showSolutionCommand(ctx: GradLabContext) {
  return async (arg?: unknown): Promise<string | undefined> => {
    const ref = await requireExercise(ctx, arg);
    if (!ref) return undefined;
    const passed = ctx.progress.exercise(ref.session.pack.manifest.id, ref.exercise.manifest.id).passed;
    const skipConfirmation = skipsConfirmation(arg);
    if (!passed && !skipConfirmation) {
      const show = vscode.l10n.t('Show Solution');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('You have not passed "{0}" yet. Show the reference solution anyway?', ref.exercise.manifest.title),
        { modal: true, detail: vscode.l10n.t('Working it out yourself is where the learning happens; the next hint may be enough.') },
        show,
      );
      if (answer !== show) return undefined;
    }
    // Read-only virtual document on the left, the learner's file (editable) on the right.
    const solution = vscode.Uri.from({ scheme: SOLUTION_SCHEME, path: `/${ref.session.pack.manifest.id}/${ref.exercise.manifest.id}/${path.basename(ref.exercise.paths.solution)}`, query: encodeURIComponent(ref.exercise.paths.solution) });
    await vscode.commands.executeCommand('vscode.diff', solution, vscode.Uri.file(ref.learnerFile),
      vscode.l10n.t('{0}: reference solution ↔ yours', ref.exercise.manifest.title), { preview: true, viewColumn: vscode.ViewColumn.One });
    return solution.toString();
  };
}
