// Extension entry point (issue #5). Kept minimal until the extension issue lands.
import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Intentionally empty for now.
}

export function deactivate(): void {
  // Nothing to release yet.
}
