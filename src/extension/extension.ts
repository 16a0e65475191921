// Composition root (issue #5): builds the GradLabContext, registers one small factory per command,
// wires events between the services. Lazy: activation is inferred from contributions, plus
// workspaceContains:.gradlab/course.json (a course folder) and onWebviewPanel:gradlab.exercise (restore).
// Activation does no disk scans before returning: the course registry loads in the background.
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { GradLabContext } from './context';
import { openExerciseCommand, openPackCommand, openPendingExercise, startCourseCommand, stepExerciseCommand } from './commands/course';
import { checkAndReport, checkExerciseCommand, resetExerciseCommand, showNextHintCommand, showSolutionCommand } from './commands/exercise';
import { newExerciseCommand, newPackCommand, previewAsLearnerCommand, validatePackCommand } from './commands/authoring';
import { exportProgressCommand, showLogCommand, showPanelCommand } from './commands/misc';
import { registerTestCommands } from './commands/test-hooks';
import { SOLUTION_SCHEME, SolutionDocuments } from './services/solution-documents';

export function activate(context: vscode.ExtensionContext): { activationMs: number } {
  const started = performance.now();
  // A LogOutputChannel (`log: true`) gives levels, timestamps and the user's chosen log level for free.
  const log = vscode.window.createOutputChannel('GradLab', { log: true });
  context.subscriptions.push(log);
  const ctx = new GradLabContext(context, log);
  context.subscriptions.push(ctx);

  const commands: Record<string, (...args: any[]) => unknown> = {
    'gradlab.startCourse': startCourseCommand(ctx),
    'gradlab.openExercise': openExerciseCommand(ctx),
    'gradlab.checkExercise': checkExerciseCommand(ctx),
    'gradlab.showNextHint': showNextHintCommand(ctx),
    'gradlab.resetExercise': resetExerciseCommand(ctx),
    'gradlab.showSolution': showSolutionCommand(ctx),
    'gradlab.nextExercise': stepExerciseCommand(ctx, 1),
    'gradlab.previousExercise': stepExerciseCommand(ctx, -1),
    'gradlab.openPack': openPackCommand(ctx),
    'gradlab.validatePack': validatePackCommand(ctx),
    'gradlab.newPack': newPackCommand(ctx),
    'gradlab.newExercise': newExerciseCommand(ctx),
    'gradlab.previewAsLearner': previewAsLearnerCommand(ctx),
    'gradlab.exportProgress': exportProgressCommand(ctx),
    'gradlab.showLog': showLogCommand(ctx),
    'gradlab.showPanel': showPanelCommand(ctx),
  };
  for (const [id, handler] of Object.entries(commands)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  if (context.extensionMode === vscode.ExtensionMode.Test) registerTestCommands(ctx, context.subscriptions);

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SOLUTION_SCHEME, new SolutionDocuments(ctx.registry)),
    vscode.window.createTreeView('gradlab.exercises', { treeDataProvider: ctx.tree, showCollapseAll: false }),
    ctx.registry.onDidChange(() => {
      ctx.testing.rebuild();
      ctx.refreshProgressViews();
      void vscode.commands.executeCommand('setContext', 'gradlab.hasCourse', ctx.registry.all().length > 0);
    }),
    ctx.registry.onDidChangeCurrent(() => ctx.statusBar.update()),
    // Every grade, whatever started it (Check, save, panel, Testing view, continuous run), updates the
    // Problems view and the progress views once.
    ctx.grading.onDidGrade(({ ref, result }) => {
      ctx.diagnostics.showGradeResult(ref.learnerFile, result);
      ctx.refreshProgressViews();
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor?.document.uri.scheme !== 'file') return;
      const ref = ctx.registry.findForFile(editor.document.uri.fsPath);
      if (ref) ctx.registry.setCurrent(ref);
    }),
    vscode.workspace.onDidSaveTextDocument((document) => onSave(ctx, document)),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void ctx.registry.refresh()),
    // Trust granted: PanelHost tells the open panel itself.
  );

  // Load courses after activate() returns: activation stays cheap, the views fill in a moment later.
  void ctx.registry.refresh().then(() => openPendingExercise(ctx)).catch((e) => log.error(`loading courses failed: ${(e as Error).stack ?? e}`));

  ctx.activationMs = performance.now() - started;
  log.info(`GradLab activated in ${ctx.activationMs.toFixed(1)} ms`);
  return { activationMs: ctx.activationMs };
}

/** checkOnSave (default on) and pack edits: a saved pack manifest reloads the courses built on it. */
function onSave(ctx: GradLabContext, document: vscode.TextDocument): void {
  if (document.uri.scheme !== 'file') return;
  const base = path.basename(document.uri.fsPath);
  if (base === 'pack.json' || base === 'exercise.json' || base === 'course.json') {
    void ctx.registry.refresh();
    return;
  }
  const ref = ctx.registry.findByFile(document.uri.fsPath);
  if (!ref) return;
  ctx.registry.setCurrent(ref);
  ctx.testing.updateRange(ref);
  const checkOnSave = vscode.workspace.getConfiguration('gradlab', document.uri).get<boolean>('checkOnSave', true);
  // A continuous Testing run re-checks this file itself; don't check twice.
  if (!checkOnSave || ctx.testing.isContinuous(ref)) return;
  if (!ctx.trust.isTrusted()) return; // restricted: say nothing on every save; Check explains
  void checkAndReport(ctx, ref, 'save');
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions (in-flight sandboxes are aborted by GradingService.dispose).
}
