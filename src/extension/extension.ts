// Extension entry point (issue #5). Kept minimal until the extension issue lands.
// `gradlab.showLog` exists now so the VS Code test layers (test/vscode, test/e2e) have one real command
// to exercise; the extension engineer builds on this LogOutputChannel.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  // A LogOutputChannel (`log: true`) gives levels, timestamps and the user's chosen log level for free.
  const log = vscode.window.createOutputChannel('GradLab', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('gradlab.showLog', () => {
      log.info('GradLab log opened');
      log.show(true);
    }),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
