/**
 * Commands that exist only when the extension runs under a test runner (ExtensionMode.Test): never
 * registered for users, never in the palette. They let the integration suite observe what reached
 * the panel and exercise Restricted Mode inside a trusted test window.
 */
import * as vscode from 'vscode';
import type { GradLabContext } from '../context';
import { ExercisePanel } from '../panel';

export function registerTestCommands(ctx: GradLabContext, subscriptions: vscode.Disposable[]): void {
  // A continuous run started through the run profile's own handler, exactly as the Testing view's
  // "Start Continuous Run" calls it (that UI asks for a profile in a quick pick the suite can't answer).
  let continuous: vscode.CancellationTokenSource | undefined;
  subscriptions.push(
    vscode.commands.registerCommand('gradlab._test.continuousRun', async (on: boolean, itemId?: string) => {
      continuous?.cancel();
      continuous?.dispose();
      continuous = undefined;
      if (!on) return;
      const include = itemId === undefined ? undefined : [findTestItem(ctx.testing.controller.items, itemId)].filter((i) => i !== undefined);
      continuous = new vscode.CancellationTokenSource();
      const profile = ctx.testing.runProfile;
      await profile.runHandler(new vscode.TestRunRequest(include, undefined, profile, true), continuous.token);
    }),
    vscode.commands.registerCommand('gradlab._test.lastPanelMessage', (type: string) => ctx.panel.lastPosted.get(type as never)),
    vscode.commands.registerCommand('gradlab._test.panelState', () => ExercisePanel.current?.state),
    vscode.commands.registerCommand('gradlab._test.setTrustOverride', (trusted: boolean | undefined) => ctx.trust.setTestOverride(trusted)),
    vscode.commands.registerCommand('gradlab._test.progress', (packId: string, exerciseId: string) => ctx.progress.exercise(packId, exerciseId)),
    vscode.commands.registerCommand('gradlab._test.globalState', (key: string) => ctx.extension.globalState.get(key)),
    vscode.commands.registerCommand('gradlab._test.syncKeys', () => ctx.progress.syncKeys()),
    vscode.commands.registerCommand('gradlab._test.sessions', async () => {
      await ctx.registry.ready();
      return ctx.registry.all().map((s) => ({ root: s.root, pack: s.pack.manifest.id, kind: s.kind }));
    }),
    vscode.commands.registerCommand('gradlab._test.refresh', () => ctx.registry.refresh()),
    vscode.commands.registerCommand('gradlab._test.testItems', () => {
      const out: string[] = [];
      const walk = (item: vscode.TestItem) => {
        out.push(item.id);
        item.children.forEach(walk);
      };
      ctx.testing.controller.items.forEach(walk);
      return out;
    }),
    vscode.commands.registerCommand('gradlab._test.diagnostics', (file: string) =>
      [...ctx.diagnostics.learner.get(vscode.Uri.file(file)) ?? [], ...ctx.diagnostics.pack.get(vscode.Uri.file(file)) ?? []]
        .map((d) => ({ line: d.range.start.line + 1, message: d.message, code: d.code, severity: d.severity }))),
    vscode.commands.registerCommand('gradlab._test.activationMs', () => ctx.activationMs),
    vscode.commands.registerCommand('gradlab._test.statusBarText', () => ctx.statusBar.text),
  );
}

function findTestItem(items: vscode.TestItemCollection, id: string): vscode.TestItem | undefined {
  let found: vscode.TestItem | undefined;
  items.forEach((item) => {
    found ??= item.id === id ? item : findTestItem(item.children, id);
  });
  return found;
}
