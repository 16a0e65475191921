/**
 * Pure modules never import `vscode`, yet their strings are user-facing. They take a `Translate`
 * (vscode.l10n.t at run time, this English default in unit tests); placeholders are {0}, {1}, … as in
 * vscode.l10n.t.
 */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

export const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
