/** Export Progress, Show Log, and the internal "show panel" used by the status bar. */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { errorMessage } from '../core/error-message';
import { buildProgressExport } from '../core/progress';
import { exerciseRefs, maxScoreOf } from '../core/exercise-ref';
import type { GradLabContext } from '../context';

export function exportProgressCommand(ctx: GradLabContext) {
  return async (arg?: { target?: string }): Promise<string | undefined> => {
    await ctx.registry.ready();
    const session = ctx.registry.resolveTarget()?.session ?? ctx.registry.primarySession();
    if (!session) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No GradLab course is open, so there is no progress to export.'));
      return undefined;
    }
    const refs = exerciseRefs(session);
    const data = buildProgressExport(
      { id: session.pack.manifest.id, title: session.pack.manifest.title, version: session.pack.manifest.version },
      refs.map((r) => ({ id: r.exercise.manifest.id, title: r.exercise.manifest.title, maxScore: maxScoreOf(r.exercise) })),
      ctx.progress.pack(session.pack.manifest.id),
    );
    let target = arg?.target;
    if (!target) {
      const uri = await vscode.window.showSaveDialog({
        title: vscode.l10n.t('GradLab: Export Progress'),
        defaultUri: vscode.Uri.joinPath(vscode.Uri.file(session.root), `${session.pack.manifest.id}-progress.json`),
        filters: { JSON: ['json'] },
      });
      target = uri?.fsPath;
      if (!target) return undefined;
    }
    try {
      await fs.promises.writeFile(target, JSON.stringify(data, null, 2) + '\n');
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not write {0}: {1}', target, errorMessage(e)));
      return undefined;
    }
    if (!arg?.target) void vscode.window.showInformationMessage(vscode.l10n.t('Progress exported to {0}.', target));
    return target;
  };
}

export function showLogCommand(ctx: GradLabContext) {
  return () => {
    ctx.log.info('GradLab log opened');
    ctx.log.show(true);
  };
}

export function showPanelCommand(ctx: GradLabContext) {
  return async (): Promise<void> => {
    await ctx.registry.ready();
    const ref = ctx.registry.resolveTarget();
    if (ref) ctx.panel.show(ref, { preserveFocus: false });
    else await vscode.commands.executeCommand('gradlab.openExercise');
  };
}
