/** The learner's file as an open editor document, when it is open (its text may be newer than the disk). */
import * as vscode from 'vscode';
import { samePath } from '../core/same-path';

/** Matched with samePath: a document's fsPath and our paths can differ in case on Windows/macOS. */
export function openDocumentFor(file: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && samePath(d.uri.fsPath, file));
}
