// The extension loads in a real VS Code and its contributed commands are live.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'gradlab.gradlab';

/** Polls `probe` until it returns something or `timeoutMs` passes (UI state arrives asynchronously). */
async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

suite('extension activation', () => {
  test('the GradLab extension is installed under its manifest id', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} not found; loaded: ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
    assert.equal(extension.packageJSON.publisher, 'gradlab');
  });

  test('activate() completes and the extension reports active', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('every command in contributes.commands is registered after activation', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await extension.activate();
    const contributed: string[] = (extension.packageJSON.contributes?.commands ?? []).map(
      (c: { command: string }) => c.command,
    );
    assert.ok(contributed.includes('gradlab.showLog'), `manifest contributes: ${contributed.join(', ')}`);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered by activate(): ${missing.join(', ')}`);
  });
});

suite('gradlab.showLog', () => {
  test('runs without throwing and shows an output channel', async () => {
    await vscode.commands.executeCommand('gradlab.showLog');
    // The Output view's model reaches the extension host as a text document (scheme "output") a
    // moment after show(): wait for it instead of sampling once.
    const outputDoc = await waitFor(
      () => vscode.workspace.textDocuments.find((doc) => doc.uri.scheme === 'output' && doc.uri.path.endsWith('.GradLab')),
      10_000,
    );
    assert.ok(
      outputDoc,
      `the GradLab output channel was not shown; open documents: ${vscode.workspace.textDocuments.map((d) => d.uri.toString()).join(', ')}`,
    );
    console.log(`[gradlab-suite] output document ${outputDoc.uri.toString()}`);
  });
});
