/**
 * Workspace Trust in code (not only in when-clauses). Decisions come from core/trust-gate.ts; this
 * adds the live `vscode.workspace.isTrusted`, the "why nothing runs" message with its
 * "Manage Workspace Trust" action, and a test-only override (honoured only when the extension runs
 * under a test runner) so the integration suite can exercise restricted mode in a trusted window.
 */
import * as vscode from 'vscode';
import { decideTrust, type GradLabAction } from '../core/trust-gate';

export class TrustService {
  private testOverride: boolean | undefined;

  constructor(private readonly extensionMode: vscode.ExtensionMode) {}

  isTrusted(): boolean {
    if (this.testOverride !== undefined && this.extensionMode === vscode.ExtensionMode.Test) return this.testOverride;
    return vscode.workspace.isTrusted;
  }

  allows(action: GradLabAction): boolean {
    return decideTrust(action, this.isTrusted()).allowed;
  }

  /** Test hook: undefined restores the real trust state. */
  setTestOverride(trusted: boolean | undefined): void {
    this.testOverride = trusted;
  }

  /** Tells the learner why nothing ran and offers VS Code's trust editor. Not awaited by callers that must not block. */
  async explainRestricted(action: GradLabAction): Promise<void> {
    const what = action === 'validate' ? vscode.l10n.t('Validating a pack runs its reference solutions and starters')
      : action === 'preview' ? vscode.l10n.t('Previewing an exercise runs its code')
        : vscode.l10n.t('Checking an exercise runs your code');
    const manage = vscode.l10n.t('Manage Workspace Trust');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0}, and this workspace is in Restricted Mode, so GradLab runs nothing here. Instructions, hints and earlier charts still work. Trust the folder to check your code.', what),
      manage,
    );
    if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  }
}
