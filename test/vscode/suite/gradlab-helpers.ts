// Shared by the GradLab integration tests (bundled into each *.test.js by the suite build).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'gradlab.gradlab';

export async function activateGradLab(): Promise<vscode.Extension<{ activationMs: number }>> {
  const extension = vscode.extensions.getExtension<{ activationMs: number }>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  await extension.activate();
  return extension;
}

export function extensionPath(...segments: string[]): string {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  return path.join(extension.extensionPath, ...segments);
}

export const minimalPack = () => extensionPath('examples', 'minimal-pack');

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `gradlab-it-${prefix}-`));
}

/** Polls `probe` until it returns something truthy or the deadline passes (UI state is asynchronous). */
export async function waitFor<T>(probe: () => T | undefined | PromiseLike<T | undefined>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface StartedCourse {
  root: string;
  learnerFile: string;
  key: string;
}

/** Start Course from a pack into a fresh temp folder without reopening the window. */
export async function startCourse(pack: string, prefix: string, exerciseId = 'sigmoid-grad', learnerName = 'sigmoid-grad.ts', packId = 'minimal-pack'): Promise<StartedCourse> {
  const root = tempDir(prefix);
  const result = await vscode.commands.executeCommand<{ root: string } | undefined>('gradlab.startCourse', { pack, target: root, open: 'none' });
  if (!result) throw new Error('gradlab.startCourse returned nothing');
  return { root: result.root, learnerFile: path.join(result.root, exerciseId, learnerName), key: `${packId}/${exerciseId}` };
}

export type CheckCommandResult = { kind: string; result?: { exercise: string; passed: boolean; score: number; maxScore: number; error?: { kind: string; line?: number; message: string }; checks: Array<{ id: string; passed: boolean }> } };

export function check(arg: unknown): Thenable<CheckCommandResult | undefined> {
  return vscode.commands.executeCommand<CheckCommandResult | undefined>('gradlab.checkExercise', arg);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('gradlab').update(key, value, vscode.ConfigurationTarget.Global);
}
